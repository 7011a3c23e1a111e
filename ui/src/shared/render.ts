/**
 * The message bubble both the console and the widget show. Everything a person wrote goes in as
 * text nodes; file previews are blob: URLs made from a fetch that carried the token.
 */
import { h } from './dom';
import { formatSize, formatTime, isPreviewable } from './format';
import { withLinks } from './links';
import type { FileRef, Message } from './protocol';

export interface BubbleOptions {
  /** Written by whoever is looking (gray in the console, right-aligned in the widget). */
  mine: boolean;
  /** Who to show as the author (null: nobody, e.g. consecutive or own messages). */
  author: string | null;
  onDownload: (file: FileRef) => void;
  /** Loads an image preview into the given element (sets its src to a blob: URL). */
  loadPreview?: (file: FileRef, img: HTMLImageElement) => void;
}

export function fileBlock(file: FileRef, opts: BubbleOptions): HTMLElement {
  const download = h(
    'button',
    {
      type: 'button',
      class: 'file__download',
      'data-testid': 'file-download',
      'aria-label': `Download ${file.name}`,
    },
    'Download',
  );
  download.addEventListener('click', () => opts.onDownload(file));
  const box = h(
    'div',
    { class: 'file', 'data-testid': 'file', 'data-file-id': file.fileId },
    h('span', { class: 'file__name', 'data-testid': 'file-name' }, file.name),
    h('span', { class: 'file__size', 'data-testid': 'file-size' }, formatSize(file.size)),
    download,
  );
  if (isPreviewable(file.contentType) && opts.loadPreview) {
    const img = h('img', {
      class: 'file__preview',
      'data-testid': 'file-preview',
      alt: file.name,
      loading: 'lazy',
    });
    box.prepend(img);
    opts.loadPreview(file, img);
  }
  return box;
}

/** The label over a private note: what sets it apart for every reader, screen readers too. */
export function noteLabel(m: Message): string {
  return `Private note · ${m.sender.name ?? 'Agent'}`;
}

export function messageElement(m: Message, opts: BubbleOptions): HTMLLIElement {
  const side =
    m.kind === 'SYSTEM' ? 'system' : m.kind === 'NOTE' ? 'note' : opts.mine ? 'mine' : 'other';
  const li = h('li', {
    class: `msg msg--${side}`,
    'data-testid': 'message',
    'data-seq': m.seq,
    'data-kind': m.kind,
    'data-mine': String(opts.mine),
    'data-sender-type': m.sender.type,
  });
  if (m.kind === 'NOTE') {
    li.appendChild(
      h('span', { class: 'msg__note-label', 'data-testid': 'note-label' }, noteLabel(m)),
    );
  } else if (m.kind !== 'SYSTEM' && opts.author) {
    li.appendChild(h('span', { class: 'msg__author' }, opts.author));
  }
  if (m.kind === 'FILE' && m.file) {
    li.appendChild(fileBlock(m.file, opts));
  } else {
    // http(s) URLs become safe links (shared/links.ts); in the rest, an email stays on one line.
    const pieces = withLinks(m.text ?? '').flatMap((n): (Node | string)[] =>
      n.nodeType === Node.TEXT_NODE ? keepEmailsWhole(n.textContent ?? '') : [n],
    );
    li.appendChild(h('p', { class: 'msg__text', 'data-testid': 'message-text' }, ...pieces));
  }
  const time = formatTime(m.createdAt);
  if (time) {
    li.appendChild(h('time', { class: 'msg__time', datetime: m.createdAt }, time));
  }
  return li;
}

/** An email address as it appears in text (rough: what a reader sees as one address). */
const EMAIL = /[^\s@<>()[\],;:"']+@[^\s@<>()[\],;:"']+\.[^\s@<>()[\],;:"']+/g;
/** Longer addresses may still break: a bubble must never overflow. */
const MAX_WHOLE = 48;

/**
 * The text with each email address in a span that does not wrap (browsers break after the "-"
 * of "example-company.com", mid-domain); still only text nodes.
 */
export function keepEmailsWhole(text: string): (string | HTMLElement)[] {
  const out: (string | HTMLElement)[] = [];
  let at = 0;
  for (const m of text.matchAll(EMAIL)) {
    const start = m.index;
    const email = m[0].replace(/[.!?]+$/, '');
    if (email.length > MAX_WHOLE) continue;
    if (start > at) out.push(text.slice(at, start));
    out.push(h('span', { class: 'msg__email' }, email));
    at = start + email.length;
  }
  if (at < text.length || out.length === 0) out.push(text.slice(at));
  return out;
}

/**
 * Puts a message's element into a list ordered by seq (history, live and replays can arrive
 * interleaved), before the first element with a higher seq.
 */
export function insertBySeq(list: Element, el: HTMLElement, seq: number): void {
  for (const child of Array.from(list.children)) {
    const s = Number((child as HTMLElement).dataset.seq);
    if (Number.isFinite(s) && s > seq) {
      list.insertBefore(el, child);
      return;
    }
  }
  // After every message, but before the pending ("sending") bubbles.
  const firstPending = list.querySelector('[data-pending]');
  if (firstPending) list.insertBefore(el, firstPending);
  else list.appendChild(el);
}

/** A "sending..." bubble for a send that has not come back as a message yet. */
export function pendingElement(clientMsgId: string, label: string): HTMLLIElement {
  return h(
    'li',
    {
      class: 'msg msg--mine msg--pending',
      'data-testid': 'message-pending',
      'data-pending': '',
      'data-client-msg-id': clientMsgId,
      'data-mine': 'true',
    },
    h('p', { class: 'msg__text' }, label),
    h('span', { class: 'msg__state', 'data-testid': 'pending-state' }, 'Sending…'),
  );
}
