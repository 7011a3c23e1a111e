/**
 * Typing indicators, both ways (docs/protocol.md, `typing`): the sender side sends at most one
 * `typing` frame per Case every 2 s while the composer changes (the gateway drops any more), and the
 * receiving side shows "Alice is typing…" for 5 s unless renewed, cleared at once when that side's
 * message arrives. Ephemeral: nothing here is saved.
 */

/** The gateway relays one typing per Case every this many ms from a socket; sending more is waste. */
export const TYPING_EVERY_MS = 2_000;

/** An indicator not renewed within this many ms goes away. */
export const TYPING_SHOWN_MS = 5_000;

/** What the other side shows. */
export function typingText(name: string): string {
  return `${name} is typing…`;
}

/** The sending side's throttle: true when a `typing` for `caseId` may go now. */
export class TypingThrottle {
  private readonly last = new Map<string, number>();

  admit(caseId: string, now: number): boolean {
    const at = this.last.get(caseId);
    if (at !== undefined && now - at < TYPING_EVERY_MS) return false;
    this.last.set(caseId, now);
    return true;
  }

  /** A message was sent: the next keystroke announces typing again at once. */
  reset(caseId: string): void {
    this.last.delete(caseId);
  }
}

/**
 * Who is typing where, on the receiving side: a name per Case until its expiry. `onChange` runs
 * whenever a Case's indicator appears, changes or goes (expiry included).
 */
export class TypingBoard {
  private readonly shown = new Map<
    string,
    { name: string; timer: ReturnType<typeof setTimeout> }
  >();

  constructor(
    private readonly onChange: (caseId: string, name: string | null) => void,
    private readonly timers: {
      set: (f: () => void, ms: number) => ReturnType<typeof setTimeout>;
      clear: (t: ReturnType<typeof setTimeout>) => void;
    } = { set: (f, ms) => setTimeout(f, ms), clear: (t) => clearTimeout(t) },
  ) {}

  /** A `typing` frame arrived: shown (again) for TYPING_SHOWN_MS. */
  heard(caseId: string, name: string): void {
    const was = this.shown.get(caseId);
    if (was) this.timers.clear(was.timer);
    const timer = this.timers.set(() => this.clear(caseId), TYPING_SHOWN_MS);
    this.shown.set(caseId, { name, timer });
    if (was?.name !== name) this.onChange(caseId, name);
  }

  /** That side's message arrived (or the Case went away): the indicator goes at once. */
  clear(caseId: string): void {
    const was = this.shown.get(caseId);
    if (!was) return;
    this.timers.clear(was.timer);
    this.shown.delete(caseId);
    this.onChange(caseId, null);
  }

  /** Who is typing in `caseId`, or null. */
  nameOf(caseId: string): string | null {
    return this.shown.get(caseId)?.name ?? null;
  }
}
