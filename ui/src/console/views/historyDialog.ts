/**
 * A past or someone else's Case of the same Contact, read-only (RULE: history): the conversation
 * in a modal dialog, no composer and no actions. Escape or "Close" returns focus where it was.
 */
import { MessageList } from '../../shared/conversation';
import { h, setText } from '../../shared/dom';
import { formatDateTime, fullName } from '../../shared/format';
import type { Case, FileRef, Message } from '../../shared/protocol';
import { statusLabel } from '../../shared/status';
import { contactName } from '../describe';

export interface HistoryDialogActions {
  download(file: FileRef): void;
  loadPreview(file: FileRef, img: HTMLImageElement): void;
}

export class HistoryDialog {
  readonly el: HTMLDialogElement;
  private readonly title: HTMLElement;
  private readonly facts: HTMLElement;
  private readonly status: HTMLElement;
  private list: MessageList;
  private shown: Case | null = null;
  private returnFocus: HTMLElement | null = null;

  constructor(
    private readonly me: () => string,
    private readonly actions: HistoryDialogActions,
  ) {
    this.title = h('h2', { class: 'history__title', id: 'history-title' });
    this.facts = h('p', { class: 'history__facts', 'data-testid': 'history-facts' });
    this.status = h('p', { class: 'history__status', role: 'status' });
    this.list = this.newList(null);
    const close = h(
      'button',
      { type: 'button', class: 'btn btn--small', 'data-testid': 'history-close' },
      'Close',
    );
    close.addEventListener('click', () => this.close());
    this.el = h(
      'dialog',
      {
        class: 'history',
        'data-testid': 'history-dialog',
        'aria-labelledby': 'history-title',
      },
      h('div', { class: 'history__head' }, this.title, close),
      this.facts,
      this.status,
      this.list.el,
    );
    this.el.addEventListener('close', () => this.closed());
    this.el.addEventListener('cancel', () => this.closed());
  }

  get caseId(): string | null {
    return this.shown?.caseId ?? null;
  }

  open(c: Case): void {
    this.returnFocus =
      document.activeElement instanceof HTMLElement ? document.activeElement : null;
    this.shown = c;
    setText(this.title, `Case ${c.number}: ${contactName(c)}`);
    setText(
      this.facts,
      `Read-only · ${statusLabel(c.status)} · ${c.owner ? fullName(c.owner) : 'Unassigned'} · started ${formatDateTime(c.createdAt)}`,
    );
    setText(this.status, 'Loading…');
    const fresh = this.newList(c);
    this.list.el.replaceWith(fresh.el);
    this.list = fresh;
    if (!this.el.isConnected) document.body.appendChild(this.el);
    if (typeof this.el.showModal === 'function') {
      if (!this.el.open) this.el.showModal();
    } else {
      this.el.setAttribute('open', '');
    }
  }

  /** A page of the shown Case's messages (dropped when another Case is shown by then). */
  add(caseId: string, messages: readonly Message[]): void {
    if (caseId !== this.caseId) return;
    this.list.add(messages);
  }

  loaded(caseId: string, error: string | null, count: number): void {
    if (caseId !== this.caseId) return;
    setText(this.status, error ?? (count === 0 ? 'No messages.' : ''));
  }

  close(): void {
    if (typeof this.el.close === 'function' && this.el.open) this.el.close();
    else this.el.removeAttribute('open');
    this.closed();
  }

  private closed(): void {
    if (this.shown === null) return;
    this.shown = null;
    this.returnFocus?.focus();
    this.returnFocus = null;
  }

  private newList(c: Case | null): MessageList {
    return new MessageList({
      attrs: {
        class: 'conv__messages history__messages',
        'data-testid': 'history-messages',
        'aria-label': 'Messages (read-only)',
      },
      viewer: {
        isMine: (m) => m.sender.type === 'USER' && m.sender.id === this.me(),
        authorOf: (m) =>
          m.sender.name ?? (m.sender.type === 'CUSTOMER' && c ? fullName(c.contact) : null),
      },
      onDownload: (f) => this.actions.download(f),
      loadPreview: (f, img) => this.actions.loadPreview(f, img),
    });
  }
}
