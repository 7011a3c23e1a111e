/**
 * Sends that have not come back as messages yet. A send is resent with the same clientMsgId after
 * a reconnect (the server stores it once per clientMsgId), and shows as "sending" until its
 * message arrives.
 */
export type PendingState = 'sending' | 'accepted' | 'failed';

export interface Pending<F> {
  clientMsgId: string;
  frame: F;
  /** What the bubble shows meanwhile (the text, or the file name). */
  label: string;
  state: PendingState;
  error: string | null;
}

export class PendingSends<F> {
  private readonly byId = new Map<string, Pending<F>>();

  add(clientMsgId: string, frame: F, label: string): Pending<F> {
    const p: Pending<F> = { clientMsgId, frame, label, state: 'sending', error: null };
    this.byId.set(clientMsgId, p);
    return p;
  }

  get(clientMsgId: string | null): Pending<F> | undefined {
    return clientMsgId === null ? undefined : this.byId.get(clientMsgId);
  }

  accepted(clientMsgId: string): Pending<F> | undefined {
    const p = this.byId.get(clientMsgId);
    if (p && p.state !== 'failed') p.state = 'accepted';
    return p;
  }

  /** Its message arrived: no longer pending. */
  delivered(clientMsgId: string | null): Pending<F> | undefined {
    if (clientMsgId === null) return undefined;
    const p = this.byId.get(clientMsgId);
    this.byId.delete(clientMsgId);
    return p;
  }

  failed(clientMsgId: string, error: string): Pending<F> | undefined {
    const p = this.byId.get(clientMsgId);
    if (p) {
      p.state = 'failed';
      p.error = error;
    }
    return p;
  }

  /** What to send again after a reconnect: everything not delivered and not refused. */
  toResend(): Pending<F>[] {
    return [...this.byId.values()].filter((p) => p.state !== 'failed');
  }

  retry(clientMsgId: string): Pending<F> | undefined {
    const p = this.byId.get(clientMsgId);
    if (p) {
      p.state = 'sending';
      p.error = null;
    }
    return p;
  }

  remove(clientMsgId: string): void {
    this.byId.delete(clientMsgId);
  }

  all(): Pending<F>[] {
    return [...this.byId.values()];
  }

  clear(): void {
    this.byId.clear();
  }
}
