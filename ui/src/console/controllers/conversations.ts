/**
 * The conversations view: pages of `GET /api/cases/search` for the chosen view and words, newest
 * answer wins (an older request finishing late is dropped), refreshed while shown when a Case
 * changes. Picking a row opens the Case the way a tile or a URL does.
 */
import type { FrameDispatcher } from '../../shared/dispatcher';
import { h } from '../../shared/dom';
import { ApiError } from '../../shared/http';
import { parseSearchPage, type SearchHit } from '../../shared/protocol';
import type { ConsoleContext } from '../state';
import { ConversationsList, type ListView } from '../views/conversationsList';

export interface ConversationsDeps {
  /** Opens a Case as a tile does (REST when it is not a tile). */
  open(caseId: string): Promise<'opened' | 'gone'>;
  /** The list replaces the conversation and the Case panel while shown. */
  shown(open: boolean): void;
}

/** Rows per page. */
export const LIST_PAGE = 50;
/** A burst of case changes refreshes the shown list once, this long after the first (ms). */
const REFRESH_DELAY = 1000;

export class ConversationsController {
  readonly view: ConversationsList;
  readonly toggle: HTMLButtonElement;
  private hits: SearchHit[] = [];
  private next: string | null = null;
  /** Generation of the newest request: answers of older ones are dropped. */
  private generation = 0;
  private refreshTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly ctx: ConsoleContext,
    private readonly deps: ConversationsDeps,
  ) {
    const seesAll = ctx.auth.me.roles.includes('admin');
    this.view = new ConversationsList(
      {
        query: (view, q) => void this.load(view, q, false),
        loadMore: () => void this.more(),
        pick: (hit) => void this.pick(hit),
      },
      seesAll,
    );
    this.toggle = h(
      'button',
      {
        type: 'button',
        class: 'btn btn--small',
        'data-testid': 'conversations-toggle',
        'aria-pressed': 'false',
        'aria-controls': 'conversations',
      },
      'Conversations',
    );
    this.view.el.id = 'conversations';
    this.toggle.addEventListener('click', () => this.setOpen(!this.view.isOpen));
  }

  register(d: FrameDispatcher): void {
    d.on('case', () => this.refreshSoon());
  }

  setOpen(open: boolean): void {
    this.view.show(open);
    this.toggle.setAttribute('aria-pressed', String(open));
    this.deps.shown(open);
    if (open) {
      const { view, q } = this.view.current;
      void this.load(view, q, false);
    }
  }

  private refreshSoon(): void {
    if (!this.view.isOpen || this.refreshTimer) return;
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = null;
      if (!this.view.isOpen) return;
      const { view, q } = this.view.current;
      void this.load(view, q, true);
    }, REFRESH_DELAY);
  }

  private async load(view: ListView, q: string, quiet: boolean): Promise<void> {
    const gen = ++this.generation;
    if (!quiet) this.view.render({ kind: 'loading' }, this.me());
    const params = new URLSearchParams({ view, limit: String(LIST_PAGE) });
    if (q) params.set('q', q);
    try {
      const { body } = await this.ctx.api(`/api/cases/search?${params.toString()}`);
      if (gen !== this.generation) return;
      const page = parseSearchPage(body);
      this.hits = page.cases;
      this.next = page.next;
      this.renderLoaded(false);
    } catch (e) {
      if (gen !== this.generation) return;
      this.view.render({ kind: 'failed', reason: reasonOf(e) }, this.me());
    }
  }

  private async more(): Promise<void> {
    const cursor = this.next;
    if (!cursor) return;
    const gen = this.generation;
    const { view, q } = this.view.current;
    this.renderLoaded(true);
    const params = new URLSearchParams({ view, limit: String(LIST_PAGE), cursor });
    if (q) params.set('q', q);
    try {
      const { body } = await this.ctx.api(`/api/cases/search?${params.toString()}`);
      if (gen !== this.generation) return;
      const page = parseSearchPage(body);
      const seen = new Set(this.hits.map((hit) => hit.case.caseId));
      this.hits = [...this.hits, ...page.cases.filter((hit) => !seen.has(hit.case.caseId))];
      this.next = page.next;
      this.renderLoaded(false);
    } catch (e) {
      if (gen !== this.generation) return;
      this.ctx.notice(`Could not load more conversations: ${reasonOf(e)}`);
      this.renderLoaded(false);
    }
  }

  private renderLoaded(loadingMore: boolean): void {
    this.view.render(
      { kind: 'loaded', hits: this.hits, more: this.next !== null, loadingMore },
      this.me(),
    );
  }

  private async pick(hit: SearchHit): Promise<void> {
    if ((await this.deps.open(hit.case.caseId)) === 'gone') {
      this.ctx.notice('That chat is no longer available to you.');
      return;
    }
    this.setOpen(false);
  }

  private me(): string {
    return this.ctx.store.get().me.id;
  }
}

/** The server's own words for a refused search (a 400 names the field), else a general line. */
function reasonOf(e: unknown): string {
  if (e instanceof ApiError && e.status === 400 && e.problem.detail) return e.problem.detail;
  return 'Could not load the conversations. Try again.';
}
