/**
 * A WebSocket that reconnects: exponential back-off with jitter, a state callback for the
 * "connected / reconnecting" indicator, and an `onOpen(reconnected)` hook where the owner sends
 * its `resume` frame (with the last seqs it holds) and resends unfinished sends. Frames are parsed
 * with the protocol codec; anything unknown or malformed is dropped.
 */
import { encodeFrame, parseServerFrame, type ClientFrame, type ServerFrame } from './protocol';

/** The part of the browser WebSocket this uses (a fake one in tests). */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((ev: Event) => unknown) | null;
  onmessage: ((ev: MessageEvent) => unknown) | null;
  onclose: ((ev: CloseEvent) => unknown) | null;
  onerror: ((ev: Event) => unknown) | null;
}

export type ConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'stopped';

export interface Backoff {
  /** First delay after a drop. */
  initialMs: number;
  /** Ceiling of the delay. */
  maxMs: number;
  factor: number;
}

export const DEFAULT_BACKOFF: Backoff = { initialMs: 500, maxMs: 30_000, factor: 2 };

/**
 * The delay before reconnect attempt `attempt` (0-based): exponential, capped, with "equal
 * jitter" (half fixed, half random) so a whole room of clients dropped by one gateway does not
 * come back in the same millisecond, while none retries immediately.
 */
export function backoffDelay(attempt: number, b: Backoff, random: () => number): number {
  const ceiling = Math.min(b.maxMs, b.initialMs * Math.pow(b.factor, Math.max(0, attempt)));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const defaultTimers: Timers = {
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (h) => globalThis.clearTimeout(h as ReturnType<typeof setTimeout>),
};

export interface ReconnectingSocketOptions {
  /** Opens a new socket (may first refresh a token). */
  connect: () => SocketLike | Promise<SocketLike>;
  onFrame: (frame: ServerFrame) => void;
  /** The socket is open; `reconnected` is false only for the very first connection. */
  onOpen?: (reconnected: boolean) => void;
  onState?: (
    state: ConnectionState,
    detail: { attempt: number; delayMs?: number; code?: number },
  ) => void;
  backoff?: Backoff;
  random?: () => number;
  timers?: Timers;
}

const OPEN = 1;

export class ReconnectingSocket {
  private socket: SocketLike | null = null;
  private attempt = 0;
  private everOpened = false;
  private stopped = true;
  private timer: unknown = null;
  private generation = 0;
  private currentState: ConnectionState = 'stopped';
  private readonly backoff: Backoff;
  private readonly random: () => number;
  private readonly timers: Timers;

  constructor(private readonly opts: ReconnectingSocketOptions) {
    this.backoff = opts.backoff ?? DEFAULT_BACKOFF;
    this.random = opts.random ?? Math.random;
    this.timers = opts.timers ?? defaultTimers;
  }

  get state(): ConnectionState {
    return this.currentState;
  }

  get isOpen(): boolean {
    return (
      this.socket !== null && this.socket.readyState === OPEN && this.currentState === 'connected'
    );
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.setState('connecting', {});
    void this.open();
  }

  /** Closes for good (no reconnect). */
  stop(code = 1000, reason = 'bye'): void {
    this.stopped = true;
    this.generation++;
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
    const s = this.socket;
    this.socket = null;
    if (s) {
      s.onopen = s.onmessage = s.onerror = s.onclose = null;
      try {
        s.close(code, reason);
      } catch {
        // already closed
      }
    }
    this.setState('stopped', { attempt: this.attempt });
  }

  /** Sends when open; false otherwise (the caller keeps it pending and resends on reconnect). */
  send(frame: ClientFrame): boolean {
    if (!this.isOpen || this.socket === null) return false;
    try {
      this.socket.send(encodeFrame(frame));
      return true;
    } catch {
      return false;
    }
  }

  /** Skips the wait (e.g. the browser came back online). */
  reconnectNow(): void {
    if (this.stopped || this.currentState === 'connected') return;
    if (this.timer !== null) {
      this.timers.clearTimeout(this.timer);
      this.timer = null;
      void this.open();
    }
  }

  private setState(
    state: ConnectionState,
    detail: { attempt?: number; delayMs?: number; code?: number },
  ): void {
    this.currentState = state;
    this.opts.onState?.(state, { attempt: this.attempt, ...detail });
  }

  private async open(): Promise<void> {
    const generation = ++this.generation;
    let s: SocketLike;
    try {
      s = await this.opts.connect();
    } catch {
      if (generation === this.generation && !this.stopped) this.scheduleReconnect(undefined);
      return;
    }
    if (generation !== this.generation || this.stopped) {
      try {
        s.close(1000, 'superseded');
      } catch {
        // ignore
      }
      return;
    }
    this.socket = s;
    s.onopen = () => {
      if (generation !== this.generation) return;
      const reconnected = this.everOpened;
      this.everOpened = true;
      this.attempt = 0;
      this.setState('connected', {});
      this.opts.onOpen?.(reconnected);
    };
    s.onmessage = (ev) => {
      if (generation !== this.generation) return;
      const frame = parseServerFrame(ev.data);
      if (frame !== null) this.opts.onFrame(frame);
    };
    s.onerror = () => {
      // A close event always follows; reconnecting happens there.
    };
    s.onclose = (ev) => {
      if (generation !== this.generation) return;
      this.socket = null;
      if (!this.stopped) this.scheduleReconnect(ev.code);
    };
  }

  private scheduleReconnect(code: number | undefined): void {
    const delayMs = backoffDelay(this.attempt, this.backoff, this.random);
    this.attempt++;
    this.setState('reconnecting', { delayMs, ...(code === undefined ? {} : { code }) });
    this.timer = this.timers.setTimeout(() => {
      this.timer = null;
      if (!this.stopped) void this.open();
    }, delayMs);
  }
}

/** ws(s)://host/path for an http(s) origin. */
export function wsUrl(origin: string, path: string): string {
  const u = new URL(path, origin);
  u.protocol = u.protocol === 'https:' ? 'wss:' : 'ws:';
  return u.toString();
}
