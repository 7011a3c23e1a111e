/**
 * A typed event emitter: `on(name, listener)` returns the unsubscribe function; a listener that
 * throws is reported on the console and never stops the others (a host app's bug must not break
 * the SDK's own bookkeeping).
 */
export type Listener<T> = (payload: T) => void;

export class Emitter<E extends object> {
  private readonly listeners = new Map<keyof E, Set<Listener<never>>>();

  on<K extends keyof E>(name: K, listener: Listener<E[K]>): () => void {
    const set = this.listeners.get(name) ?? new Set();
    set.add(listener as Listener<never>);
    this.listeners.set(name, set);
    return () => this.off(name, listener);
  }

  /** Like `on`, for the next event only. */
  once<K extends keyof E>(name: K, listener: Listener<E[K]>): () => void {
    const off = this.on(name, (p) => {
      off();
      listener(p);
    });
    return off;
  }

  off<K extends keyof E>(name: K, listener: Listener<E[K]>): void {
    this.listeners.get(name)?.delete(listener as Listener<never>);
  }

  protected emit<K extends keyof E>(name: K, payload: E[K]): void {
    for (const l of [...(this.listeners.get(name) ?? [])]) {
      try {
        (l as Listener<E[K]>)(payload);
      } catch (e) {
        console.error(`chatcases: a '${String(name)}' listener threw`, e);
      }
    }
  }
}
