/** Test doubles: a scriptable WebSocket, manual timers, and fixture builders. */
import type { Case, Message, Tile } from '../src/shared/protocol';
import type { SocketLike, Timers } from '../src/shared/socket';

export class FakeSocket implements SocketLike {
  static all: FakeSocket[] = [];
  readyState = 0;
  sent: unknown[] = [];
  closedWith: { code?: number; reason?: string } | null = null;
  onopen: ((ev: Event) => unknown) | null = null;
  onmessage: ((ev: MessageEvent) => unknown) | null = null;
  onclose: ((ev: CloseEvent) => unknown) | null = null;
  onerror: ((ev: Event) => unknown) | null = null;

  constructor(
    readonly url = '',
    readonly protocols: string[] = [],
  ) {
    FakeSocket.all.push(this);
  }

  /** Every frame any fake socket was sent since the last reset (what the UI encoded). */
  static allSent(): unknown[] {
    return FakeSocket.all.flatMap((s) => s.sent);
  }

  static reset(): void {
    FakeSocket.all = [];
  }

  static last(): FakeSocket {
    const s = FakeSocket.all[FakeSocket.all.length - 1];
    if (!s) throw new Error('no socket opened');
    return s;
  }

  send(data: string): void {
    if (this.readyState !== 1) throw new Error('not open');
    this.sent.push(JSON.parse(data));
  }

  close(code?: number, reason?: string): void {
    this.closedWith = { code, reason };
    this.readyState = 3;
  }

  // --- server side
  open(): void {
    this.readyState = 1;
    this.onopen?.({} as Event);
  }

  receive(frame: unknown): void {
    this.onmessage?.({
      data: typeof frame === 'string' ? frame : JSON.stringify(frame),
    } as MessageEvent);
  }

  drop(code = 1006): void {
    this.readyState = 3;
    this.onclose?.({ code, reason: '' } as CloseEvent);
  }

  sentOfType(type: string): Record<string, unknown>[] {
    return this.sent.filter(
      (f): f is Record<string, unknown> => (f as { type?: string }).type === type,
    );
  }
}

/** Timers that run only when told. */
export class ManualTimers implements Timers {
  private next = 1;
  readonly pending = new Map<number, { fn: () => void; ms: number }>();

  setTimeout(fn: () => void, ms: number): unknown {
    const id = this.next++;
    this.pending.set(id, { fn, ms });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.pending.delete(handle as number);
  }

  delays(): number[] {
    return [...this.pending.values()].map((p) => p.ms);
  }

  runAll(): void {
    const due = [...this.pending.entries()];
    this.pending.clear();
    for (const [, p] of due) p.fn();
  }
}

/** Lets pending promise callbacks (async connect) run. */
export async function flush(): Promise<void> {
  for (let i = 0; i < 5; i++) await Promise.resolve();
}

let counter = 0;

export function aCase(over: Partial<Case> & { caseId?: string } = {}): Case {
  counter++;
  return {
    caseId: over.caseId ?? `00000000-0000-4000-8000-${String(counter).padStart(12, '0')}`,
    number: over.number ?? 1000 + counter,
    channel: 'WEB_CONNECT',
    status: 'NEW',
    owner: null,
    contact: {
      id: 'c-1',
      firstName: 'Ada',
      lastName: 'Lovelace',
      initials: 'AL',
      email: 'ada@example.com',
    },
    createdAt: `2025-01-01T10:00:${String(counter % 60).padStart(2, '0')}Z`,
    lastSeq: 0,
    emailVerified: true,
    ...over,
    rating: over.rating ?? null,
  };
}

export function aMessage(
  c: Pick<Case, 'caseId'>,
  seq: number,
  over: Partial<Message> = {},
): Message {
  return {
    caseId: c.caseId,
    seq,
    id: `m-${c.caseId}-${seq}`,
    clientMsgId: null,
    kind: 'TEXT',
    sender: { type: 'CUSTOMER', id: null, name: 'Ada Lovelace' },
    text: `message ${seq}`,
    file: null,
    createdAt: '2025-01-01T10:05:00Z',
    ...over,
  };
}

export function aTile(c: Case, color: 'orange' | 'blue' = 'orange', unread = false): Tile {
  return { case: c, color, unread };
}

export const ALICE = { id: 'alice-id', firstName: 'Alice', lastName: 'Anderson', roles: ['agent'] };
export const BOB = { id: 'bob-id', firstName: 'Bob', lastName: 'Baker', roles: ['agent'] };
