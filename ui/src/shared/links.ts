/**
 * Links in message text: http(s) URLs become `<a>` elements (new tab, no opener, no referrer);
 * everything else, `javascript:` and `data:` included, stays text. Built from text nodes and
 * setAttribute only, so nothing written can become markup.
 */
import { h } from './dom';

/** A URL candidate: a scheme-like word followed by `:` and non-space characters, or `www.` */
const CANDIDATE = /\b(?:[a-z][a-z0-9+.-]*:\/\/|www\.)[^\s<>"']+/gi;

/** Punctuation that usually ends the sentence rather than the URL. */
const TRAILING = /[.,;:!?'")\]}>]+$/;

/** The href for a piece of text, or null when it must stay text (only http: and https:). */
export function safeHref(candidate: string): string | null {
  const raw = candidate.startsWith('www.') ? `https://${candidate}` : candidate;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (url.hostname === '') return null;
  // Credentials in a link are a phishing trick (https://bank.com@evil.example).
  if (url.username !== '' || url.password !== '') return null;
  return url.href;
}

/** Splits text into plain strings and link pieces (pure, for tests and for the DOM below). */
export function linkPieces(text: string): ({ text: string } | { text: string; href: string })[] {
  const out: ({ text: string } | { text: string; href: string })[] = [];
  let last = 0;
  for (const m of text.matchAll(CANDIDATE)) {
    const start = m.index;
    let url = m[0];
    // A closing bracket belongs to the URL only when the URL opened one (Wikipedia links).
    let trail = TRAILING.exec(url)?.[0] ?? '';
    let kept = url.slice(0, url.length - trail.length);
    while (trail.startsWith(')') && count(kept, '(') > count(kept, ')')) {
      kept += ')';
      trail = trail.slice(1);
    }
    url = kept;
    const href = safeHref(url);
    if (href === null) continue;
    if (start > last) out.push({ text: text.slice(last, start) });
    out.push({ text: url, href });
    last = start + url.length;
  }
  if (last < text.length) out.push({ text: text.slice(last) });
  return out;
}

function count(s: string, ch: string): number {
  return s.split(ch).length - 1;
}

/** The text as nodes: links for http(s) URLs, text for the rest. */
export function withLinks(text: string): Node[] {
  return linkPieces(text).map((p) =>
    'href' in p
      ? h(
          'a',
          {
            href: p.href,
            target: '_blank',
            rel: 'noopener noreferrer',
            class: 'msg__link',
            'data-testid': 'message-link',
          },
          p.text,
        )
      : document.createTextNode(p.text),
  );
}
