/**
 * The tiles row: at most seven tiles, oldest left, and the "+N" button that opens the list of the
 * Cases that do not fit (views/overflowList.ts). A tile shows the initials; its tooltip and
 * accessible name carry the full name, the waiting time and the last message.
 */
import { h, replaceChildren, setText } from '../../shared/dom';
import { describeCase } from '../describe';
import type { TileView } from '../model';

export function describe(t: TileView, now: number): string {
  return describeCase(
    {
      case: t.case,
      mine: t.look.color === 'blue',
      unread: t.look.unread,
      unreadCount: t.unreadCount,
      last: t.last,
    },
    now,
  );
}

export function tileElement(
  t: TileView,
  onClick: (t: TileView, el: HTMLElement) => void,
  now: number = Date.now(),
): HTMLElement {
  const { look } = t;
  // The accessible name contains the visible initials too (WCAG 2.5.3, axe's
  // label-content-name-mismatch): a voice user says what they see.
  // (axe ignores words in parentheses, so they are not in parentheses.)
  const text = `${describe(t, now)}${look.solid ? ', open' : ''}, initials ${t.case.contact.initials}`;
  const el = h(
    'button',
    {
      type: 'button',
      class: `tile tile--${look.color} ${look.solid ? 'tile--solid' : 'tile--outlined'}`,
      'data-testid': 'tile',
      'data-case-id': t.case.caseId,
      'data-case-number': t.case.number,
      'data-color': look.color,
      'data-solid': String(look.solid),
      'data-badge': String(look.badge),
      'data-unread': String(look.unread),
      'data-unread-count': t.unreadCount,
      'aria-label': text,
      'aria-pressed': String(look.solid),
      title: text,
    },
    h('span', { class: 'tile__initials', 'data-testid': 'tile-initials' }, t.case.contact.initials),
    // The count is drawn by CSS from data-count: the tile's text stays its initials.
    look.badge
      ? h('span', {
          class: `tile__badge${t.unreadCount > 0 ? ' tile__badge--count' : ''}`,
          'data-testid': 'tile-badge',
          'data-count': t.unreadCount > 0 ? (t.unreadCount > 99 ? '99+' : t.unreadCount) : null,
          'aria-hidden': 'true',
        })
      : null,
  );
  el.addEventListener('click', () => onClick(t, el));
  return el;
}

/** The "+N" button; the controller keeps one (focus and the open list survive re-renders). */
export function moreButton(): HTMLButtonElement {
  return h('button', {
    type: 'button',
    class: 'tiles__more',
    'data-testid': 'tiles-more',
    'aria-haspopup': 'dialog',
    'aria-expanded': 'false',
    'aria-controls': 'tiles-overflow',
  });
}

/** Sets the "+N" button's number and its alert (my own Cases with unread messages behind it). */
export function updateMoreButton(btn: HTMLButtonElement, more: number, mineUnread: number): void {
  btn.dataset.more = String(more);
  btn.dataset.alert = String(mineUnread > 0);
  const label =
    `+${more}: ${more} more chat${more === 1 ? '' : 's'}, show the list` +
    (mineUnread > 0 ? `, ${mineUnread} of mine with unread messages` : '');
  btn.setAttribute('aria-label', label);
  btn.title = label;
  replaceChildren(
    btn,
    h('span', { class: 'tiles__more-count' }, `+${more}`),
    mineUnread > 0
      ? h('span', {
          class: 'tile__badge tiles__more-badge',
          'data-testid': 'tiles-more-badge',
          'aria-hidden': 'true',
        })
      : null,
  );
}

export function renderTilesRow(
  row: HTMLElement,
  tiles: { shown: TileView[]; more: number },
  onClick: (t: TileView, el: HTMLElement) => void,
  more?: { button: HTMLButtonElement; mineUnread: number },
  now: number = Date.now(),
): void {
  // A re-render must not take the keyboard focus away from the tile that had it.
  const active = document.activeElement;
  const focusedId =
    active instanceof HTMLElement && row.contains(active) ? active.dataset.caseId : undefined;
  const items: Node[] = tiles.shown.map((t) => tileElement(t, onClick, now));
  if (tiles.more > 0) {
    if (more) {
      updateMoreButton(more.button, tiles.more, more.mineUnread);
      items.push(more.button);
    } else {
      const span = h('span', { class: 'tiles__more', 'data-testid': 'tiles-more' });
      setText(span, `+${tiles.more}`);
      span.dataset.more = String(tiles.more);
      items.push(span);
    }
  }
  if (tiles.shown.length === 0) {
    items.push(
      h(
        'span',
        { class: 'tiles__empty', 'data-testid': 'tiles-empty' },
        'No chats waiting. New chats appear here as tiles; this page updates by itself.',
      ),
    );
  }
  replaceChildren(row, ...items);
  if (more && active === more.button && more.button.isConnected) {
    more.button.focus();
  } else if (focusedId) {
    for (const el of Array.from(row.children)) {
      if (el instanceof HTMLElement && el.dataset.caseId === focusedId) el.focus();
    }
  }
}
