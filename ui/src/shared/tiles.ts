/**
 * The tile rules, pure. case-service implements the same rules in Java (TileRules); both are
 * tested from the one table in docs/tile-rules.json, so change them together.
 */
import type { CaseStatus, TileColor } from './protocol';

/** At most this many tiles show at a time; the rest are counted on the "+N" marker. */
export const MAX_TILES = 7;

/** The parts of a Case the rules look at. */
export interface TileState {
  status: CaseStatus;
  ownerId: string | null;
  /** The seq of the newest message the customer sent (0 when none). */
  lastCustomerSeq: number;
}

/** How a visible tile looks. */
export interface TileLook {
  color: TileColor;
  /** The customer wrote something past my read mark. */
  unread: boolean;
  /** The orange badge: unread, and I am not in the Case. */
  badge: boolean;
  /** Solid while I am accessing the Case, outlined otherwise. */
  solid: boolean;
}

/**
 * The tile of a Case for `agentId`, or null when it must not show: NEW Cases are orange for
 * everyone, READY Cases are blue for their owner only, nothing else shows.
 */
export function tileFor(
  c: TileState,
  agentId: string,
  readSeq: number,
  accessing: boolean,
): TileLook | null {
  let color: TileColor;
  if (c.status === 'NEW') {
    color = 'orange';
  } else if (c.status === 'READY' && c.ownerId !== null && c.ownerId === agentId) {
    color = 'blue';
  } else {
    return null;
  }
  const unread = c.lastCustomerSeq > readSeq;
  return { color, unread, badge: unread && !accessing, solid: accessing };
}

/**
 * An ISO-8601 instant as a sortable pair [epoch millis, nanos within the milli]. Java writes up to
 * nine fraction digits, which neither Date.parse nor a string comparison orders correctly.
 */
export function instantKey(iso: string): [number, number] {
  const m = /^(.*T\d{2}:\d{2}:\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:?\d{2})?$/.exec(iso);
  if (m === null) {
    const t = Date.parse(iso);
    return [Number.isNaN(t) ? 0 : t, 0];
  }
  const fraction = (m[2] ?? '').padEnd(9, '0').slice(0, 9);
  const base = Date.parse(`${m[1] ?? ''}.${fraction.slice(0, 3)}${m[3] ?? 'Z'}`);
  return [Number.isNaN(base) ? 0 : base, Number(fraction.slice(3))];
}

/** Oldest first by creation time; the id breaks ties (as case-service orders them). */
export function compareByCreation(
  a: { createdAt: string; caseId: string },
  b: { createdAt: string; caseId: string },
): number {
  const ka = instantKey(a.createdAt);
  const kb = instantKey(b.createdAt);
  if (ka[0] !== kb[0]) return ka[0] - kb[0];
  if (ka[1] !== kb[1]) return ka[1] - kb[1];
  return a.caseId < b.caseId ? -1 : a.caseId > b.caseId ? 1 : 0;
}

export function orderTiles<T extends { createdAt: string; caseId: string }>(items: T[]): T[] {
  return [...items].sort(compareByCreation);
}

/**
 * The tiles that show (the oldest `max`) and the number on the "+N" marker: the known Cases that
 * do not fit, plus `unseen` Cases the server counted beyond the ones it sent.
 */
export function splitTiles<T>(
  ordered: T[],
  unseen = 0,
  max = MAX_TILES,
): { shown: T[]; more: number } {
  const shown = ordered.slice(0, max);
  return { shown, more: ordered.length - shown.length + Math.max(0, unseen) };
}

/** Two-letter initials, for when a Contact came without them. */
export function initials(firstName: string, lastName: string): string {
  return (firstName.trim().charAt(0) + lastName.trim().charAt(0)).toUpperCase() || '?';
}
