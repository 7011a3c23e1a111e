/**
 * The widget says what the gateway says: the pre-chat form's checks and the message limit's words,
 * from the table the gateway's ValidationWordsTest reads too (docs/validation-rules.json); and
 * what case-service says of a rating (its RatingRulesTest reads the same table).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { limitState, tooLongText } from '../src/shared/composer';
import { ratingViolations } from '../src/shared/rating';
import { validateProfile } from '../src/widget/session';

interface Table {
  messageTooLong: { cases: { max: number; length: number; message: string | null }[] };
  startForm: {
    name: string;
    email: string;
    firstName: string;
    lastName: string;
    violations: Record<string, string>;
  }[];
  rating: {
    name: string;
    score: number | null;
    commentChar: string | null;
    commentLength: number;
    violations: Record<string, string>;
  }[];
}

const table = JSON.parse(
  readFileSync(new URL('../../docs/validation-rules.json', import.meta.url), 'utf8'),
) as Table;

describe('validation words (docs/validation-rules.json)', () => {
  it.each(table.startForm.map((c) => [c.name, c] as const))('pre-chat form: %s', (_, c) => {
    expect(
      validateProfile({ email: c.email, firstName: c.firstName, lastName: c.lastName }),
    ).toEqual(c.violations);
  });

  it.each(table.rating.map((c) => [c.name, c] as const))('rating: %s', (_, c) => {
    const comment = c.commentChar === null ? null : c.commentChar.repeat(c.commentLength);
    const words = Object.fromEntries(
      ratingViolations(c.score, comment).map((v) => [v.field, v.message]),
    );
    expect(words).toEqual(c.violations);
  });

  it.each(table.messageTooLong.cases)('message of $length with a limit of $max', (c) => {
    const s = limitState(c.length, c.max);
    if (c.message === null) {
      expect(s.reason).toBeNull();
    } else {
      expect(tooLongText(c.max)).toBe(c.message);
      expect(s.reason?.startsWith(c.message)).toBe(true);
    }
  });
});
