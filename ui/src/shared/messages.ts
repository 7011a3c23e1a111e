/**
 * One Case's conversation as the client holds it: messages by seq, each seq once, in order. Live
 * frames, replays after a reconnect and REST reloads all go through `add`, so overlaps between
 * them are harmless.
 */
import type { Message } from './protocol';

export class MessageStore {
  private readonly items: Message[] = [];
  private readonly seqs = new Set<number>();

  constructor(readonly caseId: string) {}

  /**
   * Adds a message unless its seq is already here (or it belongs to another Case). Returns the
   * index it was inserted at, or -1 when it was a duplicate.
   */
  add(m: Message): number {
    if (m.caseId !== this.caseId || this.seqs.has(m.seq)) return -1;
    this.seqs.add(m.seq);
    let i = this.items.length;
    while (i > 0 && (this.items[i - 1]?.seq ?? 0) > m.seq) i--;
    this.items.splice(i, 0, m);
    return i;
  }

  /** Adds several; returns those that were new, in seq order. */
  addAll(messages: Iterable<Message>): Message[] {
    const added: Message[] = [];
    for (const m of messages) if (this.add(m) >= 0) added.push(m);
    return added.sort((a, b) => a.seq - b.seq);
  }

  has(seq: number): boolean {
    return this.seqs.has(seq);
  }

  /** The highest seq held (0 when empty): what a resume asks to continue after. */
  get lastSeq(): number {
    return this.items.length === 0 ? 0 : (this.items[this.items.length - 1]?.seq ?? 0);
  }

  get size(): number {
    return this.items.length;
  }

  list(): readonly Message[] {
    return this.items;
  }

  /** The message that follows `seq` in order (where a newly added one goes before). */
  next(seq: number): Message | undefined {
    return this.items.find((m) => m.seq > seq);
  }

  /** The highest seq of a customer message (what badges compare with read marks). */
  lastCustomerSeq(): number {
    for (let i = this.items.length - 1; i >= 0; i--) {
      const m = this.items[i];
      if (m && m.sender.type === 'CUSTOMER') return m.seq;
    }
    return 0;
  }
}
