/** The tiles row: at most seven tiles, oldest left, and the "+N" marker. */
import { h, replaceChildren } from '../../shared/dom';
import { fullName } from '../../shared/format';
import type { TileView } from '../model';

function describe(t: TileView): string {
  const c = t.case;
  const who = fullName(c.contact) || c.contact.email || 'Customer';
  const state = t.look.color === 'orange' ? 'unassigned' : 'mine';
  return `${who}, case ${c.number}, ${state}${t.look.badge ? ', new message' : ''}${t.look.solid ? ', open' : ''}`;
}

export function tileElement(
  t: TileView,
  onClick: (t: TileView, el: HTMLElement) => void,
): HTMLElement {
  const { look } = t;
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
      'aria-label': describe(t),
      'aria-pressed': String(look.solid),
      title: describe(t),
    },
    h('span', { class: 'tile__initials', 'data-testid': 'tile-initials' }, t.case.contact.initials),
    look.badge
      ? h('span', { class: 'tile__badge', 'data-testid': 'tile-badge', 'aria-hidden': 'true' })
      : null,
  );
  el.addEventListener('click', () => onClick(t, el));
  return el;
}

export function renderTilesRow(
  row: HTMLElement,
  tiles: { shown: TileView[]; more: number },
  onClick: (t: TileView, el: HTMLElement) => void,
): void {
  const items: Node[] = tiles.shown.map((t) => tileElement(t, onClick));
  if (tiles.more > 0) {
    items.push(
      h(
        'span',
        {
          class: 'tiles__more',
          'data-testid': 'tiles-more',
          'data-more': tiles.more,
          'aria-label': `${tiles.more} more waiting`,
          title: `${tiles.more} more waiting`,
        },
        `+${tiles.more}`,
      ),
    );
  }
  if (tiles.shown.length === 0) {
    items.push(
      h('span', { class: 'tiles__empty', 'data-testid': 'tiles-empty' }, 'No chats waiting'),
    );
  }
  replaceChildren(row, ...items);
}
