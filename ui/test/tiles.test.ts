import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { CaseStatus } from '../src/shared/protocol';
import {
  compareByCreation,
  instantKey,
  initials,
  MAX_TILES,
  orderTiles,
  splitTiles,
  tileFor,
} from '../src/shared/tiles';

/** The table case-service's TileRules test runs too: read from the repository, never copied. */
interface Row {
  name: string;
  status: CaseStatus;
  owner: string | null;
  lastCustomerSeq: number;
  agent: string;
  readSeq: number;
  accessing: boolean;
  tile: { color: string; unread: boolean; badge: boolean; solid: boolean } | null;
}
const table = JSON.parse(
  readFileSync(new URL('../../docs/tile-rules.json', import.meta.url), 'utf8'),
) as { cases: Row[] };

describe('tile rules (docs/tile-rules.json)', () => {
  it('has cases to run', () => {
    expect(table.cases.length).toBeGreaterThan(5);
  });

  it.each(table.cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const tile = tileFor(
      { status: c.status, ownerId: c.owner, lastCustomerSeq: c.lastCustomerSeq },
      c.agent,
      c.readSeq,
      c.accessing,
    );
    expect(tile).toEqual(c.tile);
  });
});

describe('tile order and the +N marker', () => {
  const at = (caseId: string, createdAt: string) => ({ caseId, createdAt });

  it('orders oldest first, with sub-millisecond precision and the id as tie-break', () => {
    const items = [
      at('c', '2025-01-01T10:00:00.000200Z'),
      at('a', '2025-01-01T10:00:01Z'),
      at('b', '2025-01-01T10:00:00.0001Z'),
      at('e', '2025-01-01T10:00:00Z'),
      at('d', '2025-01-01T10:00:00Z'),
    ];
    expect(orderTiles(items).map((i) => i.caseId)).toEqual(['d', 'e', 'b', 'c', 'a']);
  });

  it('orders what a plain string comparison gets wrong (a fraction after whole seconds)', () => {
    expect(
      compareByCreation(at('x', '2025-01-01T10:00:00.5Z'), at('y', '2025-01-01T10:00:00Z')),
    ).toBeGreaterThan(0);
  });

  it('parses offsets and nanoseconds', () => {
    expect(instantKey('2025-01-01T11:00:00.123456789+01:00')).toEqual([
      Date.parse('2025-01-01T10:00:00.123Z'),
      456789,
    ]);
  });

  it('shows at most seven and counts the rest', () => {
    const eight = Array.from({ length: 8 }, (_, i) => i);
    expect(MAX_TILES).toBe(7);
    expect(splitTiles(eight)).toEqual({ shown: [0, 1, 2, 3, 4, 5, 6], more: 1 });
  });

  it('adds the Cases the server counted but did not send', () => {
    expect(splitTiles([1, 2, 3], 4)).toEqual({ shown: [1, 2, 3], more: 4 });
    expect(splitTiles([], 0)).toEqual({ shown: [], more: 0 });
  });

  it('makes initials from names', () => {
    expect(initials(' ada', 'lovelace ')).toBe('AL');
    expect(initials('', '')).toBe('?');
  });
});
