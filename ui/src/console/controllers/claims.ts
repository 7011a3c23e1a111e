/**
 * Claim and resolve: both over REST (`POST /api/cases/{id}/claim|resolve`, docs/protocol.md), the
 * one path for Case commands. The answer is the Case (applied at once; the socket's `case` frame
 * follows and changes nothing more), or a problem: a lost claim race is a 409 naming the owner.
 */
import { fullName } from '../../shared/format';
import { ApiError } from '../../shared/http';
import { parseCase, type Case } from '../../shared/protocol';
import type { ConsoleContext } from '../state';

export interface ClaimOutcome {
  applyCase(c: Case): void;
  /** Claimed: open the conversation. */
  open(caseId: string): void;
  /** Lost the race: the tile goes. */
  remove(caseId: string): void;
}

export class ClaimController {
  constructor(
    private readonly ctx: ConsoleContext,
    private readonly outcome: ClaimOutcome,
  ) {}

  async claim(caseId: string): Promise<void> {
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
    }
  }

  async resolve(caseId: string): Promise<void> {
    try {
      const c = await this.command(caseId, 'resolve');
      if (c) this.outcome.applyCase(c);
    } catch (e) {
      this.ctx.notice(problemText(e, 'Could not resolve.'));
    }
  }

  private async command(caseId: string, verb: 'claim' | 'resolve'): Promise<Case | null> {
    const { body } = await this.ctx.api(`/api/cases/${encodeURIComponent(caseId)}/${verb}`, {
      method: 'POST',
    });
    return parseCase(body);
  }
}

function problemText(e: unknown, fallback: string): string {
  return e instanceof ApiError ? (e.problem.detail ?? fallback) : fallback;
}
