/**
 * The Quick Replies picker: typing `/` at the start of the composer lists the organisation's
 * Quick Replies filtered by shortcut; arrows move, Enter or Tab picks, Escape closes. Enter while
 * the picker is open never sends: with a match it picks, without one it does nothing.
 */
import { h, replaceChildren } from '../../shared/dom';
import type { QuickReply } from '../../shared/protocol';
import { filterQuickReplies, shortcutQuery } from '../../shared/quickReplies';

export class QuickReplyPicker {
  readonly el: HTMLUListElement;
  private items: QuickReply[] = [];
  private active = 0;

  constructor(
    private readonly replies: () => QuickReply[],
    private readonly onPick: (qr: QuickReply) => void,
  ) {
    this.el = h('ul', {
      class: 'qr-picker',
      role: 'listbox',
      id: 'quick-reply-picker',
      'aria-label': 'Quick Replies',
      'data-testid': 'quick-reply-picker',
      hidden: true,
    });
  }

  get isOpen(): boolean {
    return !this.el.hidden;
  }

  /** Re-filters for the composer's text; opens or closes accordingly. */
  update(composerText: string): void {
    const q = shortcutQuery(composerText);
    const all = this.replies();
    if (q === null || all.length === 0) {
      this.close();
      return;
    }
    this.items = filterQuickReplies(all, q);
    this.active = 0;
    this.render();
    this.el.hidden = false;
  }

  close(): void {
    this.el.hidden = true;
    this.items = [];
  }

  /** Handles a key in the composer; true when the picker used it. */
  handleKey(ev: KeyboardEvent): boolean {
    if (!this.isOpen) return false;
    if (ev.key === 'Escape') {
      this.close();
      return true;
    }
    if (this.items.length === 0) {
      // No match: Enter does nothing (the typo is never sent); other keys edit on.
      return ev.key === 'Enter' && !ev.shiftKey;
    }
    if (ev.key === 'ArrowDown' || ev.key === 'ArrowUp') {
      const step = ev.key === 'ArrowDown' ? 1 : -1;
      this.active = (this.active + step + this.items.length) % this.items.length;
      this.render();
      return true;
    }
    if ((ev.key === 'Enter' && !ev.shiftKey) || ev.key === 'Tab') {
      const qr = this.items[this.active];
      if (qr) this.pick(qr);
      return true;
    }
    return false;
  }

  get activeDescendant(): string | null {
    return this.isOpen && this.items[this.active] ? `qr-${this.active}` : null;
  }

  private pick(qr: QuickReply): void {
    this.close();
    this.onPick(qr);
  }

  private render(): void {
    if (this.items.length === 0) {
      replaceChildren(
        this.el,
        h(
          'li',
          { class: 'qr-picker__empty', 'data-testid': 'quick-reply-empty' },
          'No Quick Reply matches',
        ),
      );
      return;
    }
    replaceChildren(
      this.el,
      ...this.items.map((qr, i) => {
        const li = h(
          'li',
          {
            id: `qr-${i}`,
            role: 'option',
            class: `qr-picker__item${i === this.active ? ' qr-picker__item--active' : ''}`,
            'aria-selected': String(i === this.active),
            'data-testid': 'quick-reply-option',
            'data-shortcut': qr.shortcut,
          },
          h('span', { class: 'qr-picker__shortcut' }, `/${qr.shortcut}`),
          h('span', { class: 'qr-picker__title' }, qr.title),
        );
        // mousedown, not click: the composer must not lose focus first.
        li.addEventListener('mousedown', (ev) => {
          ev.preventDefault();
          this.pick(qr);
        });
        return li;
      }),
    );
  }
}
