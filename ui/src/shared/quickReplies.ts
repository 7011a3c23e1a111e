/**
 * Quick Reply placeholders: the console's port of case-service's QuickReplyTemplate. Both are
 * tested from case-service/src/test/resources/quick-reply-cases.json, so change them together.
 *
 * Syntax: `{{`, optional spaces (U+0020 only), a name, optional spaces, `}}`, on one line. Single
 * braces are plain text. Indexes are UTF-16 code units (JavaScript and Java agree).
 */
import type { Case, Person, QuickReply } from './protocol';

export const PLACEHOLDERS = [
  'contact.firstName',
  'contact.lastName',
  'agent.firstName',
  'agent.lastName',
  'case.number',
] as const;

export type PlaceholderName = (typeof PLACEHOLDERS)[number];

const KNOWN: ReadonlySet<string> = new Set(PLACEHOLDERS);
const OPEN = '{{';
const CLOSE = '}}';

export type ProblemKind = 'UNKNOWN_PLACEHOLDER' | 'MALFORMED_PLACEHOLDER';

export interface TemplateProblem {
  kind: ProblemKind;
  /** The offending text exactly as written. */
  token: string;
  /** Where the token starts (UTF-16 index). */
  index: number;
}

type Segment =
  | { kind: 'text'; start: number; raw: string }
  | { kind: 'placeholder'; start: number; raw: string; name: string }
  | { kind: 'malformed'; start: number; raw: string };

function isBraceOrBreak(c: string): boolean {
  return c === '{' || c === '}' || c === '\n' || c === '\r';
}

function isWordChar(c: string): boolean {
  return c !== ' ' && c !== '\t' && !isBraceOrBreak(c);
}

function skipSpaces(s: string, i: number): number {
  while (i < s.length && s[i] === ' ') i++;
  return i;
}

function skipWord(s: string, i: number): number {
  while (i < s.length && isWordChar(s.charAt(i))) i++;
  return i;
}

function stripSpaces(inner: string): string {
  const from = skipSpaces(inner, 0);
  let to = inner.length;
  while (to > from && inner[to - 1] === ' ') to--;
  return inner.substring(from, to);
}

/** The piece that starts with the `{{` at `open`. */
function opened(s: string, open: number): Segment {
  let j = open + OPEN.length;
  while (j < s.length && !isBraceOrBreak(s.charAt(j))) j++;
  if (s.startsWith(CLOSE, j)) {
    const raw = s.substring(open, j + CLOSE.length);
    const name = stripSpaces(s.substring(open + OPEN.length, j));
    return name === ''
      ? { kind: 'malformed', start: open, raw }
      : { kind: 'placeholder', start: open, raw, name };
  }
  // Unclosed: the "{{" with the word after it (and a lone "}" right behind it).
  let end = skipWord(s, skipSpaces(s, open + OPEN.length));
  if (end < s.length && s[end] === '}') end++;
  return { kind: 'malformed', start: open, raw: s.substring(open, end) };
}

/** Where a `}}` that nothing opened starts its token: the word before it, and a lone `{`. */
function strayCloseStart(s: string, floor: number, close: number): number {
  let k = close;
  while (k > floor && s[k - 1] === ' ') k--;
  const wordEnd = k;
  while (k > floor && isWordChar(s.charAt(k - 1))) k--;
  let brace = k;
  while (brace > floor && s[brace - 1] === ' ') brace--;
  if (brace > floor && s[brace - 1] === '{') return brace - 1;
  return k === wordEnd ? close : k;
}

/** Splits a body into text, placeholders and malformed pieces that together spell it out. */
function parse(body: string | null | undefined): Segment[] {
  const s = body ?? '';
  const out: Segment[] = [];
  let textStart = 0;
  let i = 0;
  while (i < s.length) {
    let found: Segment;
    if (s.startsWith(OPEN, i)) {
      found = opened(s, i);
    } else if (s.startsWith(CLOSE, i)) {
      const start = strayCloseStart(s, textStart, i);
      found = { kind: 'malformed', start, raw: s.substring(start, i + CLOSE.length) };
    } else {
      i++;
      continue;
    }
    if (found.start > textStart) {
      out.push({ kind: 'text', start: textStart, raw: s.substring(textStart, found.start) });
    }
    out.push(found);
    i = found.start + found.raw.length;
    textStart = i;
  }
  if (textStart < s.length)
    out.push({ kind: 'text', start: textStart, raw: s.substring(textStart) });
  return out;
}

/** The problems that keep a body from being saved, in order of position. */
export function validateQuickReply(body: string): TemplateProblem[] {
  const problems: TemplateProblem[] = [];
  for (const seg of parse(body)) {
    if (seg.kind === 'malformed') {
      problems.push({ kind: 'MALFORMED_PLACEHOLDER', token: seg.raw, index: seg.start });
    } else if (seg.kind === 'placeholder' && !KNOWN.has(seg.name)) {
      problems.push({ kind: 'UNKNOWN_PLACEHOLDER', token: seg.raw, index: seg.start });
    }
  }
  return problems;
}

/** The names of the well-formed placeholders (known or not), each once, in order of use. */
export function placeholdersOf(body: string): string[] {
  const names = new Set<string>();
  for (const seg of parse(body)) if (seg.kind === 'placeholder') names.add(seg.name);
  return [...names];
}

export type PlaceholderValues = Partial<Record<string, string | null | undefined>>;

/**
 * Fills the known placeholders (missing or null value: empty string); everything else stays as
 * written. Values are inserted as they are, never scanned for placeholders themselves.
 */
export function renderQuickReply(body: string, values: PlaceholderValues | null): string {
  let out = '';
  for (const seg of parse(body)) {
    if (seg.kind === 'placeholder' && KNOWN.has(seg.name)) {
      const value = values ? values[seg.name] : null;
      out += value ?? '';
    } else {
      out += seg.raw;
    }
  }
  return out;
}

/** The placeholder values for a Case and the signed-in agent. */
export function valuesFor(c: Case | null, agent: Person | null): PlaceholderValues {
  return {
    'contact.firstName': c?.contact.firstName,
    'contact.lastName': c?.contact.lastName,
    'agent.firstName': agent?.firstName,
    'agent.lastName': agent?.lastName,
    'case.number': c ? String(c.number) : null,
  };
}

/**
 * The `/query` being typed, when the composer starts with `/` and has no whitespace yet; null
 * otherwise (the picker is closed).
 */
export function shortcutQuery(composerText: string): string | null {
  const m = /^\/(\S*)$/.exec(composerText);
  return m ? (m[1] ?? '').toLowerCase() : null;
}

/** Quick Replies whose shortcut starts with the query (case-insensitive), then those containing it. */
export function filterQuickReplies(replies: QuickReply[], query: string): QuickReply[] {
  const q = query.toLowerCase();
  const starts = replies.filter((r) => r.shortcut.toLowerCase().startsWith(q));
  const contains = replies.filter(
    (r) => !r.shortcut.toLowerCase().startsWith(q) && r.shortcut.toLowerCase().includes(q),
  );
  return [...starts, ...contains];
}
