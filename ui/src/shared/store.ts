/**
 * A small typed store: one state object, shallow `set`, and listeners told of every change with
 * the previous state. Controllers write to it, views subscribe; no framework.
 */
export type Listener<S> = (state: Readonly<S>, prev: Readonly<S>) => void;

export class Store<S extends object> {
  private state: S;
  private readonly listeners = new Set<Listener<S>>();

  constructor(initial: S) {
    this.state = initial;
  }

  get(): Readonly<S> {
    return this.state;
  }

  /** Merges `patch`; listeners run only when a field actually changed (by ===). */
  set(patch: Partial<S>): void {
    const prev = this.state;
    const keys = Object.keys(patch) as (keyof S)[];
    if (keys.every((k) => prev[k] === patch[k])) return;
    this.state = { ...prev, ...patch };
    for (const l of [...this.listeners]) l(this.state, prev);
  }

  /** Calls `l` on every change; returns the unsubscribe function. */
  subscribe(l: Listener<S>): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }

  /** Calls `l` with a field's value whenever that field changes. */
  select<K extends keyof S>(key: K, l: (value: S[K], prev: S[K]) => void): () => void {
    return this.subscribe((s, p) => {
      if (s[key] !== p[key]) l(s[key], p[key]);
    });
  }
}
