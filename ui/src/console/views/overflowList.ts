/**
 * The list behind "+N": the waiting and own Cases that do not fit in the tiles row, oldest first,
 * each with initials and name, waiting time, status, mine or unassigned, and unread. A dialog
 * anchored under the button: arrows move, Enter picks, Escape closes (focus back on "+N").
 */
import { h, replaceChildren, setText } from '../../shared/dom';
import { statusLabel } from '../../shared/status';
import { contactName, describeCase, formatWaiting } from '../describe';
import type { TileView } from '../model';

export interface OverflowActions {
  pick(t: TileView): void;
  retry(): void;
  loadMore(): void;
  /** Closed by Escape or a click elsewhere. */
  closed(): void;
}

export type OverflowState =
  | { kind: 'loading' }
  | { kind: 'failed' }
  | { kind: 'loaded'; items: TileView[]; more: number; current: string | null };

export class OverflowList {
  readonly el: HTMLElement;
  private readonly status: HTMLElement;
  private readonly list: HTMLUListElement;
  private readonly footer: HTMLElement;
  private anchor: HTMLElement | null = null;
  private cleanup: (() => void) | null = null;

  constructor(private readonly actions: OverflowActions) {
    this.status = h('p', {
      class: 'overflow__status',
      'data-testid': 'overflow-status',
      role: 'status',
    });
    this.list = h('ul', { class: 'overflow__list', 'data-testid': 'overflow-list' });
    this.footer = h('div', { class: 'overflow__footer' });
    this.el = h(
      'div',
      {
        class: 'popup overflow',
        id: 'tiles-overflow',
        role: 'dialog',
        'aria-modal': 'false',
        'aria-label': 'More chats',
        'data-testid': 'overflow',
        tabindex: -1,
        hidden: true,
      },
      h('p', { class: 'popup__title' }, 'More chats, oldest first'),
      this.status,
      this.list,
      this.footer,
    );
    this.el.addEventListener('keydown', (ev) => this.onKey(ev));
  }

  get isOpen(): boolean {
    return !this.el.hidden;
  }

  open(host: HTMLElement, anchor: HTMLElement): void {
    this.anchor = anchor;
    if (!this.el.isConnected) host.appendChild(this.el);
    const r = anchor.getBoundingClientRect();
    const hostRect = host.getBoundingClientRect();
    const width = Math.min(360, hostRect.width - 16);
    this.el.style.left = `${Math.max(8, Math.min(r.left - hostRect.left, hostRect.width - width - 8))}px`;
    this.el.style.top = `${r.bottom - hostRect.top + 6}px`;
    this.el.style.width = `${width}px`;
    this.el.hidden = false;
    anchor.setAttribute('aria-expanded', 'true');
    const onDown = (ev: MouseEvent) => {
      const t = ev.target as Node;
      if (!this.el.contains(t) && !anchor.contains(t)) this.close(false);
    };
    // Escape also closes while focus is still on "+N" (the list's own keys are handled below).
    const onKey = (ev: KeyboardEvent) => {
      if (ev.key === 'Escape' && !this.el.contains(ev.target as Node)) this.close(true);
    };
    document.addEventListener('mousedown', onDown);
    document.addEventListener('keydown', onKey);
    this.cleanup = () => {
      document.removeEventListener('mousedown', onDown);
      document.removeEventListener('keydown', onKey);
    };
  }

  close(focusAnchor: boolean): void {
    if (!this.isOpen) return;
    this.cleanup?.();
    this.cleanup = null;
    this.el.hidden = true;
    this.anchor?.setAttribute('aria-expanded', 'false');
    if (focusAnchor) this.anchor?.focus();
    this.actions.closed();
  }

  render(state: OverflowState, now: number = Date.now()): void {
    const hadFocus = this.el.contains(document.activeElement);
    const focusedId =
      document.activeElement instanceof HTMLElement
        ? document.activeElement.dataset.caseId
        : undefined;
    this.el.dataset.state = state.kind;
    if (state.kind === 'loading') {
      setText(this.status, 'Loading…');
      this.status.hidden = false;
      if (this.list.children.length === 0) replaceChildren(this.footer);
      return;
    }
    if (state.kind === 'failed') {
      setText(this.status, 'Could not load the list.');
      this.status.hidden = false;
      const retry = h(
        'button',
        { type: 'button', class: 'btn btn--small', 'data-testid': 'overflow-retry' },
        'Try again',
      );
      retry.addEventListener('click', () => this.actions.retry());
      replaceChildren(this.list);
      replaceChildren(this.footer, retry);
      if (hadFocus) retry.focus();
      return;
    }
    const { items, more, current } = state;
    this.status.hidden = items.length > 0;
    setText(this.status, items.length === 0 ? 'Nothing beyond the tiles right now.' : '');
    replaceChildren(this.list, ...items.map((t) => this.row(t, current, now)));
    if (more > 0) {
      const next = h(
        'button',
        { type: 'button', class: 'btn btn--small', 'data-testid': 'overflow-more' },
        `Show ${Math.min(more, 50)} more (${more} not listed)`,
      );
      next.addEventListener('click', () => this.actions.loadMore());
      replaceChildren(this.footer, next);
    } else {
      replaceChildren(this.footer);
    }
    if (hadFocus) {
      const same = focusedId
        ? Array.from(this.list.querySelectorAll<HTMLElement>('button')).find(
            (b) => b.dataset.caseId === focusedId,
          )
        : undefined;
      (same ?? this.buttons()[0] ?? this.el).focus();
    }
  }

  /** Keyboard users land on the first row once the list is there. */
  focusFirst(): void {
    const first = this.buttons()[0];
    if (first) first.focus();
    else this.el.focus();
  }

  private row(t: TileView, current: string | null, now: number): HTMLElement {
    const c = t.case;
    const mine = t.look.color === 'blue';
    const label = describeCase(
      { case: c, mine, unread: t.look.unread, unreadCount: t.unreadCount, last: t.last },
      now,
    );
    const unread = t.look.unread
      ? h(
          'span',
          { class: 'overflow__unread', 'data-testid': 'overflow-unread' },
          t.unreadCount > 0 ? `${t.unreadCount} unread` : 'unread',
        )
      : null;
    const btn = h(
      'button',
      {
        type: 'button',
        class: `overflow__item overflow__item--${t.look.color}`,
        'data-testid': 'overflow-item',
        'data-case-id': c.caseId,
        'data-color': t.look.color,
        'data-unread': String(t.look.unread),
        'aria-label': label,
        'aria-current': current === c.caseId ? 'true' : null,
        title: label,
      },
      h(
        'span',
        { class: `overflow__initials tile--${t.look.color}`, 'aria-hidden': 'true' },
        c.contact.initials,
      ),
      h(
        'span',
        { class: 'overflow__main' },
        h('span', { class: 'overflow__name' }, contactName(c)),
        h(
          'span',
          { class: 'overflow__meta' },
          `${statusLabel(c.status)} · ${mine ? 'mine' : 'unassigned'} · ${formatWaiting(c.createdAt, now)}`,
        ),
      ),
      unread,
    );
    btn.addEventListener('click', () => this.actions.pick(t));
    return h('li', null, btn);
  }

  private buttons(): HTMLElement[] {
    return Array.from(this.list.querySelectorAll<HTMLElement>('button'));
  }

  private onKey(ev: KeyboardEvent): void {
    if (ev.key === 'Escape') {
      ev.preventDefault();
      ev.stopPropagation();
      this.close(true);
      return;
    }
    const buttons = this.buttons();
    if (buttons.length === 0) return;
    const i = buttons.indexOf(document.activeElement as HTMLElement);
    let next: number | null = null;
    if (ev.key === 'ArrowDown') next = i < 0 ? 0 : Math.min(buttons.length - 1, i + 1);
    else if (ev.key === 'ArrowUp') next = i < 0 ? 0 : Math.max(0, i - 1);
    else if (ev.key === 'Home') next = 0;
    else if (ev.key === 'End') next = buttons.length - 1;
    if (next !== null) {
      ev.preventDefault();
      buttons[next]?.focus();
    }
  }
}
