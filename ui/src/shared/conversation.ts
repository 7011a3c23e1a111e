/**
 * The conversation as both faces show it: the message list (bubbles in seq order, each seq once),
 * "sending…" bubbles until a send comes back as a message, "Not sent" with an optional Retry,
 * upload rows with progress, and scrolling. Parameterised by who "I" am (`Viewer`); the console
 * and the widget differ only in that and in their class names.
 */
import { h, replaceChildren, setText, type Attrs } from './dom';
import { dayKey, dayLabel } from './format';
import { MessageStore } from './messages';
import { PendingSends, type Pending } from './pending';
import type { ClientFrame, FileRef, Message } from './protocol';
import { insertBySeq, messageElement, pendingElement } from './render';

/** Who is looking: which messages are mine, and whose name a bubble shows. */
export interface Viewer {
  isMine(m: Message): boolean;
  /** The author shown above a bubble (null: none). */
  authorOf(m: Message): string | null;
}

export interface MessageListOptions {
  viewer: Viewer;
  /** The list element's attributes (class, aria, test id). */
  attrs: Attrs;
  onDownload(file: FileRef): void;
  loadPreview(file: FileRef, img: HTMLImageElement): void;
  /** When given, a failed send shows a Retry link that calls it. */
  onRetry?: (clientMsgId: string) => void;
  /**
   * When given, a text the server refused as it is (too long, malformed) shows "Edit", which hands
   * the text back to the composer (nothing typed is lost).
   */
  onEdit?: (text: string) => void;
  /** Today, for the date separators (tests). */
  now?: () => Date;
}

/** How close to the bottom (px) still counts as "at the bottom" (pinned). */
const PIN_SLACK = 40;

/**
 * The message list. It stays pinned to the newest message while the reader is at the bottom, also
 * when bubbles grow afterwards (image previews load after the scroll); once they scroll up it stays
 * where they are, and others' new messages show a "New messages" button that jumps down.
 */
export class MessageList {
  readonly el: HTMLOListElement;
  private pinned = true;
  /** scrollTop as last seen or set: only a move up from it is the reader scrolling away. */
  private lastTop = 0;
  private readonly jump: HTMLLIElement;
  private readonly resizes: ResizeObserver | null;

  constructor(private readonly opts: MessageListOptions) {
    this.el = h('ol', opts.attrs);
    const jumpBtn = h(
      'button',
      { type: 'button', class: 'jump__button', 'data-testid': 'new-messages' },
      'New messages ↓',
    );
    jumpBtn.addEventListener('click', () => this.scrollToBottom());
    this.jump = h('li', { class: 'jump', 'data-jump': '' }, jumpBtn);
    // A scroll event arrives a frame after the scroll that caused it; content may have grown in
    // between (an image loaded), so "not at the bottom" alone does not mean the reader left. Only a
    // move up does; growth below never lowers scrollTop.
    this.el.addEventListener('scroll', () => {
      const top = this.el.scrollTop;
      if (this.isAtBottom()) this.pinned = true;
      else if (top < this.lastTop - 1) this.pinned = false;
      this.lastTop = top;
      if (this.pinned) this.jump.remove();
    });
    // An image's `load` does not bubble, but it is seen while capturing.
    this.el.addEventListener('load', () => this.keepPinned(), true);
    this.resizes =
      typeof ResizeObserver === 'function' ? new ResizeObserver(() => this.keepPinned()) : null;
    this.resizes?.observe(this.el);
  }

  /** True while the list follows the newest message (the reader has not scrolled up). */
  get isPinned(): boolean {
    return this.pinned;
  }

  /** Shows messages (any order; a seq already shown is skipped) and drops their pending bubbles. */
  add(messages: readonly Message[]): void {
    const follow = this.pinned || this.isAtBottom();
    let mine = false;
    let others = false;
    for (const m of messages) {
      if (this.el.querySelector(`[data-seq="${m.seq}"]`)) continue;
      const isMine = this.opts.viewer.isMine(m);
      mine ||= isMine;
      others ||= !isMine;
      const el = messageElement(m, {
        mine: isMine,
        author: m.kind === 'SYSTEM' || isMine ? null : this.opts.viewer.authorOf(m),
        onDownload: (f) => this.opts.onDownload(f),
        loadPreview: (f, img) => this.opts.loadPreview(f, img),
      });
      const day = dayKey(m.createdAt);
      if (day) el.dataset.dayKey = day;
      insertBySeq(this.el, el, m.seq);
      this.resizes?.observe(el);
      if (m.clientMsgId) this.pendingEl(m.clientMsgId)?.remove();
    }
    this.refreshDays();
    if (follow || mine) this.scrollToBottom();
    else if (others) this.el.appendChild(this.jump);
  }

  showPending(clientMsgId: string, label: string): void {
    if (this.pendingEl(clientMsgId)) return;
    this.el.appendChild(pendingElement(clientMsgId, label));
    this.scrollToBottom();
  }

  pendingAccepted(clientMsgId: string): void {
    const el = this.pendingEl(clientMsgId);
    const state = el?.querySelector('[data-testid="pending-state"]');
    if (!el || !state) return;
    el.dataset.state = 'accepted';
    setText(state, 'Sent');
  }

  /**
   * A send was refused. `editText`: the server will refuse this text again as it is, so it goes
   * back to the composer ("Edit") rather than being retried.
   */
  pendingFailed(clientMsgId: string, text: string, editText?: string, drop?: () => void): void {
    const el = this.pendingEl(clientMsgId);
    const state = el?.querySelector('[data-testid="pending-state"]');
    if (!el || !state) return;
    el.dataset.state = 'failed';
    const edit = this.opts.onEdit;
    if (editText !== undefined && edit) {
      const btn = h(
        'button',
        { type: 'button', class: 'link', 'data-testid': 'edit-send' },
        'Edit',
      );
      btn.addEventListener('click', () => {
        edit(editText);
        el.remove();
        drop?.();
      });
      replaceChildren(state, `Not sent: ${text} `, btn);
      return;
    }
    const retry = this.opts.onRetry;
    if (!retry) {
      replaceChildren(state, `Not sent: ${text}`);
      return;
    }
    const link = h(
      'button',
      { type: 'button', class: 'link', 'data-testid': 'retry-send' },
      'Retry',
    );
    link.addEventListener('click', () => {
      el.dataset.state = 'sending';
      replaceChildren(state, 'Sending…');
      retry(clientMsgId);
    });
    replaceChildren(state, `Not sent: ${text} `, link);
  }

  clear(): void {
    replaceChildren(this.el);
    this.pinned = true;
    this.lastTop = 0;
    // Let go of the removed bubbles; keep watching the list itself.
    this.resizes?.disconnect();
    this.resizes?.observe(this.el);
  }

  scrollToBottom(): void {
    this.jump.remove();
    this.pinned = true;
    this.toBottom();
  }

  /** Something grew or appeared (an image, the panel opening): stay at the bottom if pinned. */
  private keepPinned(): void {
    if (this.pinned) this.toBottom();
  }

  private toBottom(): void {
    this.el.scrollTop = this.el.scrollHeight;
    this.lastTop = this.el.scrollTop;
  }

  private isAtBottom(): boolean {
    return this.el.scrollHeight - this.el.scrollTop - this.el.clientHeight < PIN_SLACK;
  }

  /**
   * One separator ("Today", "Yesterday", "Mon 28 Nov") before the first message of each day.
   * Kept in place where still right, so a screen reader does not hear them again on each message.
   */
  private refreshDays(): void {
    const now = this.opts.now?.() ?? new Date();
    let prevKey: string | null = null;
    let sep: HTMLElement | null = null;
    for (const child of Array.from(this.el.children) as HTMLElement[]) {
      if (child.dataset.daySeparator !== undefined) {
        sep?.remove();
        sep = child;
        continue;
      }
      const key = child.dataset.dayKey;
      if (key === undefined) continue;
      if (key !== prevKey) {
        if (sep?.dataset.daySeparator !== key) {
          sep?.remove();
          this.el.insertBefore(daySeparator(key, now), child);
        } else {
          setText(sep, dayLabel(key, now));
        }
      } else {
        sep?.remove();
      }
      sep = null;
      prevKey = key;
    }
    sep?.remove();
  }

  private pendingEl(clientMsgId: string): HTMLElement | null {
    for (const child of Array.from(this.el.children)) {
      if (child instanceof HTMLElement && child.dataset.clientMsgId === clientMsgId) return child;
    }
    return null;
  }
}

function daySeparator(key: string, now: Date): HTMLLIElement {
  return h(
    'li',
    { class: 'day', 'data-day-separator': key, 'data-testid': 'day-separator' },
    dayLabel(key, now),
  );
}

/** Error codes after which a send was not stored and goes again (same clientMsgId). */
const TRANSIENT = new Set(['UNAVAILABLE', 'RATE_LIMITED']);
const RETRY_AFTER_MS = 1500;
/** Error codes after which the same text would be refused again: it goes back to be edited. */
const PERMANENT = new Set(['TOO_LARGE', 'BAD_FRAME']);

function textOf(frame: ClientFrame): string | null {
  return 'text' in frame && typeof frame.text === 'string' ? frame.text : null;
}

/**
 * Sends in flight and what they look like: shown as pending, resent after a reconnect or a
 * transient refusal, marked "Sent" on `accepted`, "Not sent" on a refusal, gone when the message
 * comes back. `transmit` is the socket's send (false while closed: resent on reconnect).
 */
export class Outbox<F extends ClientFrame> {
  private readonly pending = new PendingSends<F>();

  constructor(
    private readonly list: () => MessageList,
    private readonly transmit: (frame: F) => boolean,
  ) {}

  send(clientMsgId: string, frame: F, label: string): void {
    this.pending.add(clientMsgId, frame, label);
    this.list().showPending(clientMsgId, label);
    this.transmit(frame);
  }

  accepted(clientMsgId: string): void {
    this.pending.accepted(clientMsgId);
    this.list().pendingAccepted(clientMsgId);
  }

  delivered(m: Message): void {
    this.pending.delivered(m.clientMsgId);
  }

  /** An error frame: true when it answered one of my sends (and was handled here). */
  refused(code: string, message: string, ref: string | null): boolean {
    if (!ref || !this.pending.get(ref)) return false;
    if (TRANSIENT.has(code)) {
      setTimeout(() => this.retry(ref), RETRY_AFTER_MS);
      return true;
    }
    const p = this.pending.failed(ref, message || code);
    const text = p && textOf(p.frame);
    if (text !== null && text !== undefined && PERMANENT.has(code)) {
      // The same text would be refused again: it goes back to the composer, never lost.
      this.list().pendingFailed(ref, message || code, text, () => this.pending.remove(ref));
    } else {
      this.list().pendingFailed(ref, message || code);
    }
    return true;
  }

  retry(clientMsgId: string): void {
    const p = this.pending.retry(clientMsgId);
    if (p) this.transmit(p.frame);
  }

  /** After a reconnect: everything not delivered and not refused goes again. */
  resendAll(): void {
    for (const p of this.pending.toResend()) this.transmit(p.frame);
  }

  all(): Pending<F>[] {
    return this.pending.all();
  }

  clear(): void {
    this.pending.clear();
  }
}

/**
 * One Case's messages held by the client (the store) shown in a list when it is on screen, with
 * the Outbox told of each delivery.
 */
export function deliver(
  store: MessageStore,
  messages: readonly Message[],
  outbox: { delivered(m: Message): void },
  list: MessageList | null,
): Message[] {
  const added = store.addAll(messages);
  for (const m of added) outbox.delivered(m);
  if (list && added.length > 0) list.add(added);
  return added;
}

export interface UploadRow {
  progress(fraction: number): void;
  done(): void;
  failed(text: string): void;
}

/** Upload rows: a name, a progress bar, then gone, or the error with a dismiss button. */
export class UploadList {
  readonly el: HTMLUListElement;

  constructor(
    cls: string,
    private readonly dismiss: { cls: string; label: string },
  ) {
    this.el = h('ul', { class: cls, 'data-testid': 'uploads' });
  }

  start(name: string): UploadRow {
    const bar = h('progress', {
      max: 1,
      value: 0,
      'data-testid': 'upload-progress',
      'aria-label': `Uploading ${name}`,
    });
    const status = h('span', { class: 'upload__status' }, 'Uploading…');
    const row = h(
      'li',
      { class: 'upload', 'data-testid': 'upload' },
      h('span', { class: 'upload__name' }, name),
      bar,
      status,
    );
    this.el.appendChild(row);
    return {
      progress: (f) => {
        bar.value = Math.max(0, Math.min(1, f));
      },
      done: () => row.remove(),
      failed: (text) => {
        row.dataset.state = 'failed';
        bar.remove();
        setText(status, text);
        status.setAttribute('data-testid', 'upload-error');
        const btn = h(
          'button',
          { type: 'button', class: this.dismiss.cls, 'aria-label': 'Dismiss' },
          this.dismiss.label,
        );
        btn.addEventListener('click', () => row.remove());
        row.appendChild(btn);
      },
    };
  }

  clear(): void {
    replaceChildren(this.el);
  }
}
