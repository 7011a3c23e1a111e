/**
 * Issue 11: a typed email is a claim, not a proof. What the console says about a Case's email, and
 * which of the Contact's other Cases the Case panel lists (its history, issue 18).
 */
import type { Case } from '../shared/protocol';

export const UNVERIFIED_LABEL = 'Email not verified';

/** The mark shown beside the email, or null when the host site vouched for it. */
export function unverifiedMark(c: Case): string | null {
  return c.emailVerified ? null : UNVERIFIED_LABEL;
}

/** A longer explanation for tooltips and the claim popup. */
export const UNVERIFIED_HINT =
  'The customer typed this email; nothing proved it is theirs. Do not share account details.';

/** The Contact's Cases other than `current`, any status, newest first, without duplicates. */
export function otherCases(all: readonly Case[], current: Case): Case[] {
  const seen = new Set<string>([current.caseId]);
  const out: Case[] = [];
  for (const c of all) {
    if (seen.has(c.caseId)) continue;
    if (current.contact.id === null || c.contact.id !== current.contact.id) continue;
    seen.add(c.caseId);
    out.push(c);
  }
  return out.sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));
}

/** A Case I can work from the list (open it as a tile): waiting, or open and mine. */
export function workable(c: Case, meId: string): boolean {
  return c.status === 'NEW' || (c.status === 'READY' && c.owner?.id === meId);
}
