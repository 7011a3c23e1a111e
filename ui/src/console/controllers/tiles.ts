/**
 * Tiles: keeps the inputs of the tile rules (ConsoleModel) from `hello`, `tiles`, `case`, `read`,
 * `history` and `message` frames, renders the row, opens the claim popup on an orange tile, and
 * refills the row over REST when a shown tile leaves while more wait.
 */
import { fullName } from '../../shared/format';
import type { FrameDispatcher } from '../../shared/dispatcher';
import { parseTile, type Case, type Message } from '../../shared/protocol';
import type { TileView } from '../model';
import type { Notifier } from '../notify';
import type { ConsoleContext } from '../state';
import { ClaimPopup } from '../views/claimPopup';
import { renderTilesRow } from '../views/tilesRow';
import { h } from '../../shared/dom';

/** What a tile click leads to (the conversation and the claim controllers). */
export interface TileActions {
  open(caseId: string): void;
  close(): void;
  claim(caseId: string): void;
  /** The Case left the tiles while not on screen: its messages need not be kept. */
  forget(caseId: string): void;
}

export class TilesController {
  readonly el: HTMLElement;
  private popup: ClaimPopup | null = null;

  constructor(
    private readonly ctx: ConsoleContext,
    private readonly notifier: Notifier,
    private readonly actions: TileActions,
  ) {
    this.el = h('nav', { class: 'tiles', 'data-testid': 'tiles-row', 'aria-label': 'Chats' });
    ctx.store.select('current', (c, prev) => {
      if (c?.caseId !== prev?.caseId) {
        ctx.model.setAccessing(c?.caseId ?? null);
        this.render();
      }
    });
  }

  /** The popup is anchored in the console's root element. */
  attach(root: HTMLElement): void {
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
      })
      .on('case', (f) => this.applyCase(f.case))
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
      // Someone else claimed the Case I was reading: its tile goes, and so does the view.
      this.ctx.notice(`Already claimed by ${fullName(c.owner)}`);
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
    renderTilesRow(this.el, this.ctx.model.tiles(), (t, el) => this.onTileClick(t, el));
  }

  private onMessage(m: Message): void {
    const { model, store } = this.ctx;
    const { fromCustomer } = model.noteMessage(m);
    const onScreen = store.get().current?.caseId === m.caseId;
    if (onScreen && fromCustomer) {
      model.markRead(m.caseId, m.seq);
      this.ctx.send({ type: 'read', caseId: m.caseId, seq: m.seq });
    }
    if (fromCustomer && (!onScreen || document.hidden) && model.isTile(m.caseId)) {
      const c = model.get(m.caseId);
      this.notifier.notify(
        'New message',
        `${fullName(c?.contact) || 'Customer'}: ${m.text ?? m.file?.name ?? ''}`,
      );
    }
    this.render();
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
