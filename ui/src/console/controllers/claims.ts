/**
 * Claim, resolve, transfer and unassign: all over REST (`POST /api/cases/{id}/claim|resolve|
 * transfer|unassign`, docs/protocol.md), the one path for Case commands. The answer is the Case (applied at once; the socket's `case` frame
 * follows and changes nothing more), or a problem: a lost claim race is a 409 naming the owner.
 */
import { fullName } from '../../shared/format';
import { ApiError } from '../../shared/http';
import { parseCase, type Case, type Person, type PresenceStatus } from '../../shared/protocol';
import type { ConsoleContext } from '../state';

export interface ClaimOutcome {
  applyCase(c: Case): void;
  /** Claimed: open the conversation. */
  open(caseId: string): void;
  /** Lost the race: the tile goes. */
  remove(caseId: string): void;
}

/** How long "Resolve" can be undone before it is sent. */
export const UNDO_MS = 5000;

export class ClaimController {
  private readonly inFlight = new Set<string>();
  /** Resolves waiting out their undo window: the end time and the timers, per Case. */
  private readonly pending = new Map<
    string,
    { until: number; timer: ReturnType<typeof setTimeout>; tick: ReturnType<typeof setInterval> }
  >();
  /** The undo window of a Case changed: seconds left, or null when it ended (sent or undone). */
  onPending: ((caseId: string, secondsLeft: number | null) => void) | null = null;

  constructor(
    private readonly ctx: ConsoleContext,
    private readonly outcome: ClaimOutcome,
  ) {}

  /** My own command on this Case (a claim, a transfer) has not been answered yet. */
  claiming(caseId: string): boolean {
    return this.inFlight.has(caseId);
  }

  /** Hands the Case to another agent: it leaves my row, the customer is told the new name. */
  async transfer(caseId: string, to: Person): Promise<void> {
    this.inFlight.add(caseId);
    try {
      const c = await this.command(caseId, 'transfer', { agentId: to.id });
      this.ctx.notice(`Handed to ${fullName(c?.owner ?? to)}`, { tone: 'info' });
      if (c) this.outcome.applyCase(c);
    } catch (e) {
      this.ctx.notice(problemText(e, 'Could not transfer.'));
    } finally {
      this.inFlight.delete(caseId);
    }
  }

  /** Returns the Case to the queue: orange again for everyone, me included. */
  async unassign(caseId: string): Promise<void> {
    try {
      const c = await this.command(caseId, 'unassign');
      this.ctx.notice('Returned to the queue', { tone: 'info' });
      if (c) this.outcome.applyCase(c);
    } catch (e) {
      this.ctx.notice(problemText(e, 'Could not return the chat to the queue.'));
    }
  }

  async claim(caseId: string): Promise<void> {
    this.inFlight.add(caseId);
    try {
      const c = await this.command(caseId, 'claim');
      if (c) this.outcome.applyCase(c);
      this.outcome.open(caseId);
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) {
        const owner = e.problem.owner;
        this.ctx.notice(
          owner ? `Already claimed by ${fullName(owner)}` : (e.problem.detail ?? 'Already claimed'),
        );
        this.outcome.remove(caseId);
      } else {
        this.ctx.notice(problemText(e, 'Could not claim.'));
      }
    } finally {
      this.inFlight.delete(caseId);
    }
  }

  /**
   * Resolve with undo: nothing is sent for UNDO_MS; `undo` within that time keeps the Case as it
   * was. Leaving the page within the window keeps it open too (the resolve was never sent).
   */
  resolveLater(caseId: string): void {
    if (this.pending.has(caseId)) return;
    const until = Date.now() + UNDO_MS;
    const timer = setTimeout(() => {
      this.stop(caseId);
      void this.resolve(caseId);
    }, UNDO_MS);
    const tick = setInterval(() => this.onPending?.(caseId, this.secondsLeft(caseId)), 1000);
    this.pending.set(caseId, { until, timer, tick });
    this.onPending?.(caseId, this.secondsLeft(caseId));
  }

  /** Takes back a resolve still in its undo window; false when there was none. */
  undo(caseId: string): boolean {
    return this.stop(caseId);
  }

  /** Seconds left in the undo window (at least 1 while it lasts), or null. */
  secondsLeft(caseId: string): number | null {
    const p = this.pending.get(caseId);
    return p ? Math.max(1, Math.ceil((p.until - Date.now()) / 1000)) : null;
  }

  private stop(caseId: string): boolean {
    const p = this.pending.get(caseId);
    if (!p) return false;
    clearTimeout(p.timer);
    clearInterval(p.tick);
    this.pending.delete(caseId);
    this.onPending?.(caseId, null);
    return true;
  }

  async resolve(caseId: string): Promise<void> {
    try {
      const c = await this.command(caseId, 'resolve');
      if (c) this.outcome.applyCase(c);
    } catch (e) {
      this.ctx.notice(problemText(e, 'Could not resolve.'));
    }
  }

  private async command(
    caseId: string,
    verb: 'claim' | 'resolve' | 'transfer' | 'unassign',
    body?: unknown,
  ): Promise<Case | null> {
    const res = await this.ctx.api(`/api/cases/${encodeURIComponent(caseId)}/${verb}`, {
      method: 'POST',
      ...(body === undefined ? {} : { body }),
    });
    return parseCase(res.body);
  }

  /**
   * The agents a Case can be handed to (`GET /api/agents`), never me, malformed rows skipped, each
   * with its presence when the gateway says (`GET /api/presence/agents`: absent = OFFLINE).
   */
  async agents(): Promise<Person[]> {
    const { body } = await this.ctx.api('/api/agents');
    const statuses = await this.presence();
    const me = this.ctx.store.get().me.id;
    return (Array.isArray(body) ? (body as unknown[]) : [])
      .map(parsePerson)
      .filter((a): a is Person => a !== null && a.id !== me)
      .map((a) => (statuses ? { ...a, presence: statuses.get(a.id) ?? 'OFFLINE' } : a));
  }

  /** Every agent's presence, or null when it cannot be had (the menu then shows none). */
  private async presence(): Promise<Map<string, PresenceStatus> | null> {
    try {
      const { body } = await this.ctx.api('/api/presence/agents');
      if (typeof body !== 'object' || body === null || Array.isArray(body)) return null;
      const out = new Map<string, PresenceStatus>();
      for (const [id, s] of Object.entries(body as Record<string, unknown>))
        if (s === 'ONLINE' || s === 'AWAY') out.set(id, s);
      return out;
    } catch {
      return null;
    }
  }
}

function problemText(e: unknown, fallback: string): string {
  return e instanceof ApiError ? (e.problem.detail ?? fallback) : fallback;
}

function parsePerson(v: unknown): Person | null {
  if (typeof v !== 'object' || v === null) return null;
  const o = v as Record<string, unknown>;
  if (typeof o.id !== 'string' || o.id === '') return null;
  const text = (x: unknown) => (typeof x === 'string' ? x : '');
  return { id: o.id, firstName: text(o.firstName), lastName: text(o.lastName) };
}
