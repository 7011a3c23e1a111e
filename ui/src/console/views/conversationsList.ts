/**
 * The conversations view (issue 18): a list beside the tiles with the views Waiting, Mine, All
 * open, Resolved, Closed and All, and a search over Contact names, email, Case number and message
 * text. A row opens its Case as a tile does. Pure DOM; the controller fetches the pages.
 */
import { h, replaceChildren, setText } from '../../shared/dom';
import { formatDateTime, fullName } from '../../shared/format';
import type { SearchHit } from '../../shared/protocol';
import { MAX_SCORE, stars } from '../../shared/rating';
import { statusLabel } from '../../shared/status';
import { contactName } from '../describe';
import { unverifiedMark } from '../verification';

export type ListView = 'waiting' | 'mine' | 'open' | 'resolved' | 'closed' | 'all';

export const LIST_VIEWS: readonly [ListView, string][] = [
  ['waiting', 'Waiting'],
  ['mine', 'Mine'],
  ['open', 'All open'],
  ['resolved', 'Resolved'],
  ['closed', 'Closed'],
  ['all', 'All'],
];

export interface ConversationsActions {
  /** The view or the words changed (the words already trimmed). */
  query(view: ListView, q: string): void;
  loadMore(): void;
  pick(hit: SearchHit): void;
}

export type ListState =
  | { kind: 'loading' }
  | { kind: 'failed'; reason: string }
  | { kind: 'loaded'; hits: SearchHit[]; more: boolean; loadingMore: boolean };

/** How long typing pauses before the search runs (ms). */
export const SEARCH_DELAY = 300;

export class ConversationsList {
  readonly el: HTMLElement;
  private view: ListView = 'open';
  private readonly search: HTMLInputElement;
  private readonly tabs = new Map<ListView, HTMLButtonElement>();
  private readonly status: HTMLElement;
  private readonly list: HTMLUListElement;
  private readonly footer: HTMLElement;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly actions: ConversationsActions,
    /** The signed-in agent sees every Case (admin): the hint under the views says so. */
    seesAll: boolean,
  ) {
    const bar = h('div', {
      class: 'convlist__views',
      role: 'group',
      'aria-label': 'Which conversations',
    });
    for (const [view, label] of LIST_VIEWS) {
      const b = h(
        'button',
        {
          type: 'button',
          class: 'convlist__view',
          'data-testid': `convlist-view-${view}`,
          'aria-pressed': String(view === this.view),
        },
        label,
      );
      b.addEventListener('click', () => this.select(view));
      this.tabs.set(view, b);
      bar.append(b);
    }
    this.search = h('input', {
      type: 'search',
      class: 'convlist__search',
      'data-testid': 'convlist-search',
      placeholder: 'Search name, email, #number or words in messages',
      'aria-label': 'Search conversations',
      maxlength: 200,
    });
    this.search.addEventListener('input', () => this.later());
    this.search.addEventListener('keydown', (ev) => {
      if (ev.key !== 'Enter') return;
      ev.preventDefault();
      this.now();
    });
    this.status = h('p', {
      class: 'convlist__status',
      'data-testid': 'convlist-status',
      role: 'status',
    });
    this.list = h('ul', {
      class: 'convlist__rows',
      'data-testid': 'convlist-rows',
      'aria-label': 'Conversations',
    });
    this.footer = h('div', { class: 'convlist__footer' });
    this.el = h(
      'section',
      {
        class: 'convlist',
        'data-testid': 'conversations',
        'aria-label': 'Conversations',
        hidden: true,
      },
      h('h2', { class: 'convlist__title' }, 'Conversations'),
      bar,
      h(
        'p',
        { class: 'convlist__hint' },
        seesAll
          ? 'As an admin you see every conversation.'
          : 'You see waiting conversations and your own.',
      ),
      this.search,
      this.status,
      this.list,
      this.footer,
    );
  }

  get isOpen(): boolean {
    return !this.el.hidden;
  }

  get current(): { view: ListView; q: string } {
    return { view: this.view, q: this.search.value.trim() };
  }

  show(open: boolean): void {
    this.el.hidden = !open;
    if (open) this.search.focus();
  }

  render(state: ListState, mineId: string): void {
    this.el.dataset.state = state.kind;
    if (state.kind === 'loading') {
      setText(this.status, 'Loading…');
      return;
    }
    if (state.kind === 'failed') {
      setText(this.status, state.reason);
      replaceChildren(this.list);
      replaceChildren(this.footer);
      return;
    }
    const { hits, more, loadingMore } = state;
    const q = this.search.value.trim();
    setText(
      this.status,
      hits.length === 0
        ? q
          ? `No conversation matches "${q}".`
          : 'No conversations here.'
        : `${hits.length}${more ? '+' : ''} conversation${hits.length === 1 ? '' : 's'}`,
    );
    replaceChildren(this.list, ...hits.map((hit) => this.row(hit, mineId)));
    if (more) {
      const next = h(
        'button',
        {
          type: 'button',
          class: 'btn btn--small',
          'data-testid': 'convlist-more',
          disabled: loadingMore,
        },
        loadingMore ? 'Loading…' : 'Show more',
      );
      next.addEventListener('click', () => this.actions.loadMore());
      replaceChildren(this.footer, next);
    } else {
      replaceChildren(this.footer);
    }
  }

  private select(view: ListView): void {
    this.view = view;
    for (const [v, b] of this.tabs) b.setAttribute('aria-pressed', String(v === view));
    this.now();
  }

  private later(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.now(), SEARCH_DELAY);
  }

  private now(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.actions.query(this.view, this.search.value.trim());
  }

  private row(hit: SearchHit, mineId: string): HTMLElement {
    const c = hit.case;
    const owner =
      c.owner === null ? 'Unassigned' : c.owner.id === mineId ? 'Mine' : fullName(c.owner);
    const mark = unverifiedMark(c);
    const btn = h(
      'button',
      {
        type: 'button',
        class: `convlist__row convlist__row--${c.status.toLowerCase()}`,
        'data-testid': 'convlist-row',
        'data-case-id': c.caseId,
        'data-status': c.status,
      },
      h('span', { class: 'convlist__number' }, `#${c.number}`),
      h(
        'span',
        { class: 'convlist__main' },
        h('span', { class: 'convlist__name' }, contactName(c)),
        h('span', { class: 'convlist__email', title: c.contact.email }, c.contact.email),
        hit.match
          ? h('span', { class: 'convlist__match', 'data-testid': 'convlist-match' }, hit.match)
          : null,
      ),
      h(
        'span',
        { class: 'convlist__meta' },
        h('span', { class: 'convlist__status-word' }, statusLabel(c.status)),
        h('span', null, owner),
        h('span', null, formatDateTime(c.createdAt)),
        c.rating
          ? h(
              'span',
              {
                class: 'convlist__rating',
                'data-testid': 'convlist-rating',
                'aria-label': `Rated ${c.rating.score} of ${MAX_SCORE}`,
              },
              stars(c.rating.score),
            )
          : null,
        mark ? h('span', { class: 'unverified' }, mark) : null,
      ),
    );
    btn.addEventListener('click', () => this.actions.pick(hit));
    return h('li', null, btn);
  }
}
