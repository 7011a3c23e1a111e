/**
 * The customer's satisfaction rating of a resolved chat, as case-service takes it (RatingRules):
 * a whole score from 1 to 5 and an optional comment, once, only when the Case is RESOLVED or
 * CLOSED. Shared by the widget's prompt and the SDK's `rate()`; the server decides and its words
 * are the ones shown.
 */
import { requestJson } from './http';
import { parseCase, type Case, type Violation } from './protocol';

export const MIN_SCORE = 1;
export const MAX_SCORE = 5;

/** case-service's words for a score it refuses (checked locally too, before any request). */
export const SCORE_WORDS = 'The score is a whole number from 1 to 5.';

/** A score as filled and empty stars, e.g. 4 → "★★★★☆". */
export function stars(score: number): string {
  const filled = Math.max(0, Math.min(MAX_SCORE, Math.round(score)));
  return '★'.repeat(filled) + '☆'.repeat(MAX_SCORE - filled);
}

/** Whether the customer may (still) rate this Case. */
export function canRate(c: Case | null): boolean {
  return !!c && (c.status === 'RESOLVED' || c.status === 'CLOSED') && !c.rating;
}

/** The longest comment (case-service counts characters as PostgreSQL does: an emoji is one). */
export const MAX_COMMENT = 1000;

/** case-service's words for a comment it refuses. */
export const COMMENT_WORDS = 'The comment is limited to 1,000 characters.';

/**
 * What case-service would refuse, by field (docs/validation-rules.json "rating", the table its
 * RatingRulesTest runs too); empty when it would take the rating.
 */
export function ratingViolations(score: unknown, comment?: string | null): Violation[] {
  const out: Violation[] = [];
  if (!(
    typeof score === 'number' &&
    Number.isInteger(score) &&
    score >= MIN_SCORE &&
    score <= MAX_SCORE
  ))
    out.push({ field: 'score', message: SCORE_WORDS });
  if (comment && [...comment.trim()].length > MAX_COMMENT)
    out.push({ field: 'comment', message: COMMENT_WORDS });
  return out;
}

/**
 * `POST /api/chats/{caseId}/rating` with the customer token: resolves to the rated Case, throws
 * the ApiError (400 with violations naming score or comment, 409 when rated or not resolved).
 */
export async function sendRating(
  origin: string,
  caseId: string,
  token: string,
  score: number,
  comment?: string | null,
): Promise<Case> {
  const { body } = await requestJson(
    new URL(`/api/chats/${encodeURIComponent(caseId)}/rating`, origin).toString(),
    {
      method: 'POST',
      token: () => token,
      body: { score, comment: comment?.trim() ? comment : null },
    },
  );
  const rated = parseCase(body);
  if (!rated) throw new Error('The rating was stored but its answer could not be read.');
  return rated;
}
