/**
 * Tiles: keeps the inputs of the tile rules (ConsoleModel) from `hello`, `tiles`, `case`, `read`,
 * `history` and `message` frames, renders the row, opens the claim popup on an orange tile, and
 * refills the row over REST when a shown tile leaves while more wait. "+N" opens the list of the
 * Cases beyond the row (`GET /api/tiles?offset=&limit=`, re-fetched on `case` frames while open);
 * it carries a badge when one of my own Cases behind it has unread messages.
 */
import { fullName } from '../../shared/format';
import type { FrameDispatcher } from '../../shared/dispatcher';
import { parseCase, parseTile, type Case, type Message, type Tile } from '../../shared/protocol';
import type { TileView } from '../model';
import type { Notifier } from '../notify';
import type { ConsoleContext } from '../state';
import { ClaimPopup } from '../views/claimPopup';
import { OverflowList } from '../views/overflowList';
import { moreButton, renderTilesRow } from '../views/tilesRow';
import { h } from '../../shared/dom';

/** What a tile click leads to (the conversation and the claim controllers). */
export interface TileActions {
  open(caseId: string): void;
  close(): void;
  claim(caseId: string): void;
  /** The Case left the tiles while not on screen: its messages need not be kept. */
  forget(caseId: string): void;
  /** My own claim of this Case is on its way (its answer explains a loss itself). */
  claiming?(caseId: string): boolean;
}

/** Cases per page of the "+N" list ("Show 50 more"), and the most one request asks for. */
export const OVERFLOW_PAGE = 50;
const MAX_PAGE = 100;
/** The list never holds more than this many rows. */
const MAX_LISTED = 1000;
/** How long "X took this chat" shows before it fades. */
export const TOOK_MS = 4000;

export class TilesController {
  readonly el: HTMLElement;
  private popup: ClaimPopup | null = null;
  private host: HTMLElement | null = null;
  private readonly more: HTMLButtonElement;
  private readonly overflow: OverflowList;
  private overflowItems: TileView[] = [];
  private overflowMore = 0;
  private overflowLimit = OVERFLOW_PAGE;
  private overflowFailed = false;
  private refetch: ReturnType<typeof setTimeout> | null = null;
  private loads = 0;
  /** Called after every render (tab title and favicon). */
  onRender: (() => void) | null = null;

  constructor(
    private readonly ctx: ConsoleContext,
    private readonly notifier: Notifier,
    private readonly actions: TileActions,
  ) {
    this.el = h('nav', { class: 'tiles', 'data-testid': 'tiles-row', 'aria-label': 'Chats' });
    this.more = moreButton();
    this.more.addEventListener('click', () => this.toggleOverflow());
    this.overflow = new OverflowList({
      pick: (t) => this.pick(t),
      retry: () => void this.loadOverflow(),
      loadMore: () => {
        this.overflowLimit = Math.min(MAX_LISTED, this.overflowLimit + OVERFLOW_PAGE);
        void this.loadOverflow();
      },
      closed: () => undefined,
    });
    ctx.store.select('current', (c, prev) => {
      if (c?.caseId !== prev?.caseId) {
        ctx.model.setAccessing(c?.caseId ?? null);
        this.render();
      }
    });
  }

  /** The popups are anchored in the console's root element. */
  attach(root: HTMLElement): void {
    this.host = root;
    this.popup = new ClaimPopup(root);
  }

  register(d: FrameDispatcher): void {
    const { model } = this.ctx;
    d.on('hello', (f) => {
      model.me = f.agent;
      this.render();
    })
      .on('tiles', (f) => {
        model.applyTiles(f.tiles, f.more);
        this.render();
        // Learn what hides behind "+N" (my own Cases with unread messages get its badge).
        if (f.more > 0 || this.overflow.isOpen) this.scheduleOverflow(0);
      })
      .on('case', (f) => {
        this.applyCase(f.case);
        if (this.overflow.isOpen) this.scheduleOverflow(300);
      })
      .on('read', (f) => {
        if (model.markRead(f.caseId, f.seq)) this.render();
      })
      .on('history', (f) => {
        if (f.case) this.applyCase(f.case);
        if (this.ctx.store.get().current?.caseId === f.caseId) {
          // Opening marked the Case read up to its last message.
          const last = f.messages.reduce((max, m) => Math.max(max, m.seq), 0);
          model.markRead(f.caseId, Math.max(last, f.case?.lastSeq ?? 0));
        }
        this.noted(f.messages);
      })
      .on('message', (f) => this.onMessage(f.message));
  }

  /** A Case from a frame or from REST: tile rules, notices, and the Case on screen. */
  applyCase(c: Case): void {
    const { model, store } = this.ctx;
    const change = model.applyCase(c);
    const onScreen = store.get().current?.caseId === c.caseId;
    if (onScreen) store.set({ current: c });
    if (change.appeared && c.status === 'NEW') {
      this.notifier.notify('New chat', `${fullName(c.contact) || c.contact.email} started a chat`);
    }
    if (change.left && onScreen && c.owner && c.owner.id !== model.me.id) {
      // Someone else claimed the Case I was reading: its tile goes, and so does the view. My own
      // claim's answer says "Already claimed by ..." itself; otherwise I only learn what happened.
      if (!this.actions.claiming?.(c.caseId)) {
        this.ctx.notice(`${fullName(c.owner)} took this chat`, { ms: TOOK_MS, tone: 'info' });
      }
      this.actions.close();
    }
    if (change.left && !onScreen) this.actions.forget(c.caseId);
    if (change.refill) void this.refill();
    this.render();
  }

  /** A tile leaves without a frame saying so (a lost claim race answered over REST). */
  remove(caseId: string): void {
    const change = this.ctx.model.remove(caseId);
    if (this.ctx.store.get().current?.caseId === caseId) this.actions.close();
    if (change.refill) void this.refill();
    this.render();
  }

  /** Messages the client now holds (live, history or a REST reload) count for badges. */
  noted(messages: readonly Message[]): void {
    for (const m of messages) this.ctx.model.noteMessage(m);
    this.render();
  }

  render(): void {
    const { model } = this.ctx;
    renderTilesRow(this.el, model.tiles(), (t, el) => this.onTileClick(t, el), {
      button: this.more,
      mineUnread: model.unreadMineOutside().length,
    });
    if (!this.more.isConnected && this.overflow.isOpen) this.overflow.close(false);
    if (this.overflow.isOpen) this.renderOverflow();
    this.onRender?.();
  }

  /** Opens a Case that is not (yet) a tile, e.g. from a URL: learns it over REST first. */
  async openById(caseId: string): Promise<'opened' | 'gone'> {
    const { model } = this.ctx;
    if (!model.get(caseId)) {
      try {
        const { body } = await this.ctx.api(`/api/cases/${encodeURIComponent(caseId)}`);
        const c = parseCase(body);
        if (!c || c.caseId !== caseId) return 'gone';
        model.remember(c);
      } catch {
        return 'gone';
      }
    }
    this.actions.open(caseId);
    return 'opened';
  }

  private onMessage(m: Message): void {
    const { model, store } = this.ctx;
    const known = model.knows(m.caseId);
    const { fromCustomer } = model.noteMessage(m);
    const onScreen = store.get().current?.caseId === m.caseId;
    if (onScreen && fromCustomer) {
      model.markRead(m.caseId, m.seq);
      this.ctx.send({ type: 'read', caseId: m.caseId, seq: m.seq });
    }
    if (fromCustomer && (!onScreen || document.hidden) && model.knows(m.caseId)) {
      const c = model.get(m.caseId);
      this.notifier.notify(
        'New message',
        `${fullName(c?.contact) || 'Customer'}: ${m.text ?? m.file?.name ?? ''}`,
      );
    }
    // A message of a Case I cannot see in the row: it is behind "+N"; learn it for the badge.
    if (!known && fromCustomer) void this.learn(m.caseId);
    this.render();
  }

  private async learn(caseId: string): Promise<void> {
    try {
      const { body } = await this.ctx.api(`/api/cases/${encodeURIComponent(caseId)}`);
      const c = parseCase(body);
      if (c && c.caseId === caseId && !this.ctx.model.knows(caseId)) {
        this.ctx.model.remember(c);
        this.render();
      }
    } catch {
      // The next overflow load shows it.
    }
  }

  private onTileClick(t: TileView, el: HTMLElement): void {
    const id = t.case.caseId;
    if (t.look.color === 'orange') {
      this.popup?.open(t.case, el, {
        onClaim: () => this.actions.claim(id),
        onLeave: () => this.actions.open(id),
      });
      return;
    }
    this.popup?.close();
    if (this.ctx.store.get().current?.caseId !== id) this.actions.open(id);
  }

  /** A row of the "+N" list: as a tile click (claim popup when unassigned, else the chat). */
  private pick(t: TileView): void {
    this.overflow.close(false);
    const id = t.case.caseId;
    const c = this.ctx.model.get(id) ?? t.case;
    if ((this.ctx.model.viewOf(c)?.look.color ?? t.look.color) === 'orange') {
      this.popup?.open(c, this.more, {
        onClaim: () => this.actions.claim(id),
        onLeave: () => this.actions.open(id),
      });
      return;
    }
    this.popup?.close();
    this.more.focus();
    this.actions.open(id);
  }

  private toggleOverflow(): void {
    if (this.overflow.isOpen) {
      this.overflow.close(true);
      return;
    }
    if (!this.host) return;
    this.popup?.close();
    this.overflowLimit = OVERFLOW_PAGE;
    this.overflow.open(this.host, this.more);
    this.renderOverflow();
    this.overflow.focusFirst();
    void this.loadOverflow();
  }

  private scheduleOverflow(delay: number): void {
    if (this.refetch) clearTimeout(this.refetch);
    this.refetch = setTimeout(() => {
      this.refetch = null;
      void this.loadOverflow();
    }, delay);
  }

  /** `GET /api/tiles?offset=<row>&limit=<n>`: the Cases beyond the row, oldest first. */
  private async loadOverflow(): Promise<void> {
    const { model } = this.ctx;
    const n = ++this.loads;
    const first = model.tiles().shown.length;
    // Open: as many as the agent asked to see ("Show 50 more"), in pages of at most 100.
    const wanted = this.overflow.isOpen ? this.overflowLimit : MAX_PAGE;
    if (this.overflow.isOpen && this.overflowItems.length === 0)
      this.overflow.render({ kind: 'loading' });
    try {
      const tiles: Tile[] = [];
      let more = 0;
      for (let offset = first; tiles.length < wanted;) {
        const limit = Math.min(MAX_PAGE, wanted - tiles.length);
        const { body } = await this.ctx.api(`/api/tiles?offset=${offset}&limit=${limit}`);
        if (n !== this.loads) return;
        const o = (body ?? {}) as { tiles?: unknown; more?: unknown };
        if (!Array.isArray(o.tiles) || typeof o.more !== 'number')
          throw new Error('not a tiles page');
        const page = o.tiles.map(parseTile).filter((t): t is Tile => t !== null);
        const shown = new Set(model.tiles().shown.map((v) => v.case.caseId));
        // A case-service without paging ignores offset and answers the row itself again.
        if (offset > 0 && page.length > 0 && page.every((t) => shown.has(t.case.caseId))) {
          throw new Error('the server does not page its tiles');
        }
        tiles.push(...page);
        more = o.more;
        if (page.length === 0 || o.more <= 0) break;
        offset += page.length;
      }
      const shown = new Set(model.tiles().shown.map((v) => v.case.caseId));
      const seen = new Set<string>();
      const fresh = tiles.filter((t) => {
        const keep = !shown.has(t.case.caseId) && !seen.has(t.case.caseId);
        seen.add(t.case.caseId);
        return keep;
      });
      this.overflowItems = model.applyOverflow(fresh, more);
      this.overflowMore = more;
      this.overflowFailed = false;
    } catch {
      if (n !== this.loads) return;
      this.overflowFailed = true;
    }
    this.render();
  }

  private renderOverflow(): void {
    if (this.overflowFailed) {
      this.overflow.render({ kind: 'failed' });
      return;
    }
    const { model, store } = this.ctx;
    const shown = new Set(model.tiles().shown.map((v) => v.case.caseId));
    // Live: each row's look from the model (claimed by someone else or resolved: gone).
    const items = this.overflowItems
      .filter((t) => !shown.has(t.case.caseId))
      .map((t) => {
        const c = model.get(t.case.caseId);
        return c ? model.viewOf(c) : null;
      })
      .filter((v): v is TileView => v !== null);
    if (this.loads === 0 && items.length === 0) {
      this.overflow.render({ kind: 'loading' });
      return;
    }
    this.overflow.render({
      kind: 'loaded',
      items,
      more: this.overflowMore,
      current: store.get().current?.caseId ?? null,
    });
  }

  /** A shown tile left while more Cases wait: the server says which one moves up. */
  private async refill(): Promise<void> {
    try {
      const { body } = await this.ctx.api('/api/tiles');
      const o = (body ?? {}) as { tiles?: unknown; more?: unknown };
      const tiles = Array.isArray(o.tiles) ? o.tiles.map(parseTile).filter((t) => t !== null) : [];
      this.ctx.model.applyTiles(tiles, typeof o.more === 'number' ? o.more : 0);
      this.render();
    } catch {
      // The next reconnect's tiles frame corrects the row.
    }
  }
}
