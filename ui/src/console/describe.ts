/** Words for tiles and the "+N" list: how long a Case has waited, its last message, its name. */
import { fullName } from '../shared/format';
import type { Case, Message } from '../shared/protocol';
import { statusLabel } from '../shared/status';
import { instantKey } from '../shared/tiles';

/** "just now", "4 min", "2 h 5 min", "3 d 4 h" since `iso` (empty when unparsable). */
export function formatWaiting(iso: string, now: number): string {
  const [t] = instantKey(iso);
  if (t === 0) return '';
  const min = Math.floor(Math.max(0, now - t) / 60_000);
  if (min < 1) return 'just now';
  if (min < 60) return `${min} min`;
  const hours = Math.floor(min / 60);
  if (hours < 24) return min % 60 === 0 ? `${hours} h` : `${hours} h ${min % 60} min`;
  const days = Math.floor(hours / 24);
  return hours % 24 === 0 ? `${days} d` : `${days} d ${hours % 24} h`;
}

/** The Contact's name, else the email, else "Customer". */
export function contactName(c: Case): string {
  return fullName(c.contact) || c.contact.email || 'Customer';
}

/** A message in one short line: its text (collapsed and cut) or the file's name. */
export function preview(m: Message | null | undefined, max = 80): string {
  if (!m) return '';
  const raw = m.kind === 'FILE' ? `File: ${m.file?.name ?? ''}` : (m.text ?? '');
  const line = raw.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

export interface Described {
  case: Case;
  mine: boolean;
  unreadCount: number;
  unread: boolean;
  last: Message | null;
}

/**
 * The accessible name and tooltip of a tile or a "+N" row: "Dana Kunde, waiting 5 min, unassigned,
 * 2 unread, last message: Hello". Every part a customer wrote is text, never markup.
 */
export function describeCase(d: Described, now: number): string {
  const c = d.case;
  const parts = [contactName(c)];
  const waited = formatWaiting(c.createdAt, now);
  const ago = waited === 'just now' ? waited : `${waited} ago`;
  if (c.status === 'NEW') parts.push(waited ? `waiting ${waited}` : 'waiting');
  else parts.push(statusLabel(c.status).toLowerCase() + (waited ? `, started ${ago}` : ''));
  parts.push(d.mine ? 'mine' : 'unassigned');
  if (d.unreadCount > 0) parts.push(`${d.unreadCount} unread`);
  else if (d.unread) parts.push('unread');
  const p = preview(d.last);
  if (p) parts.push(`last message: ${p}`);
  return parts.join(', ');
}
