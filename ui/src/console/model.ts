/**
 * What the console knows about the agent's tiles, kept apart from the DOM so it can be tested
 * frame by frame. The look of each tile comes from the shared tile rules; this class only keeps
 * the inputs those rules need (each Case, the newest customer seq, my read mark, where I am).
 */
import type { Agent, Case, Message, Tile } from '../shared/protocol';
import { orderTiles, splitTiles, tileFor, type TileLook, type TileState } from '../shared/tiles';

export interface TileView {
  case: Case;
  look: TileLook;
  /** Customer messages after my read mark that this console holds (0: none known). */
  unreadCount: number;
  /** The newest message this console holds of the Case. */
  last: Message | null;
}

/** At most this many customer seqs are kept per Case for the unread count. */
const MAX_KEPT_SEQS = 500;

export interface CaseChange {
  /** The Case shows as a tile after the change. */
  visible: boolean;
  /** It was not a tile before (a new chat, or my Case reopened). */
  appeared: boolean;
  /** It was a tile and no longer is (claimed by someone else, resolved, closed). */
  left: boolean;
  /** The tiles row must be reloaded from the server: a shown tile left while more were waiting. */
  refill: boolean;
}

export class ConsoleModel {
  me: Agent;
  /** The Cases that are tiles now (known ones; the server may count more, see `unseen`). */
  private readonly cases = new Map<string, Case>();
  private readonly customerSeq = new Map<string, number>();
  private readonly readSeq = new Map<string, number>();
  /** Cases the server counted beyond the tiles it sent (the "more" of the tiles frame). */
  private unseen = 0;
  /** Cases known outside the row (the "+N" list, a URL): openable, never counted as tiles. */
  private readonly outside = new Map<string, Case>();
  /** The customer's message seqs per Case (newest last), for the unread count. */
  private readonly customerSeqs = new Map<string, number[]>();
  /** The newest message held per Case (tile tooltip). */
  private readonly lastMessage = new Map<string, Message>();
  /** The Case I am in (conversation panel), tile or not. */
  accessing: string | null = null;

  constructor(me: Agent) {
    this.me = me;
  }

  private state(c: Case): TileState {
    return {
      status: c.status,
      ownerId: c.owner?.id ?? null,
      lastCustomerSeq: this.customerSeq.get(c.caseId) ?? 0,
    };
  }

  private lookOf(c: Case): TileLook | null {
    return tileFor(
      this.state(c),
      this.me.id,
      this.readSeq.get(c.caseId) ?? 0,
      this.accessing === c.caseId,
    );
  }

  get(caseId: string): Case | undefined {
    return this.cases.get(caseId) ?? this.outside.get(caseId);
  }

  /** A Case learned outside the row (the "+N" list, a URL, REST): it can be opened. */
  remember(c: Case): void {
    if (this.cases.has(c.caseId)) return;
    this.outside.set(c.caseId, c);
  }

  /** Unread customer messages this console holds for the Case (after my read mark). */
  unreadCount(caseId: string): number {
    const read = this.readSeq.get(caseId) ?? 0;
    return (this.customerSeqs.get(caseId) ?? []).filter((s) => s > read).length;
  }

  last(caseId: string): Message | null {
    return this.lastMessage.get(caseId) ?? null;
  }

  /** A Case's look as a tile would have it (also for Cases in the "+N" list). */
  viewOf(c: Case): TileView | null {
    const look = this.lookOf(c);
    if (!look) return null;
    return { case: c, look, unreadCount: this.unreadCount(c.caseId), last: this.last(c.caseId) };
  }

  /**
   * The Cases the server listed beyond the row (`GET /api/tiles?offset=7`): they become openable,
   * and "+N" is corrected from the server's count (what it listed and what follows).
   */
  applyOverflow(tiles: Tile[], more: number): TileView[] {
    const views: TileView[] = [];
    for (const t of tiles) {
      const known = this.cases.get(t.case.caseId);
      const c = known ?? t.case;
      if (!known) this.outside.set(c.caseId, c);
      this.applyUnread(c, t.unread);
      const v = this.viewOf(c);
      if (v) views.push(v);
    }
    const beyond = tiles.length + Math.max(0, more);
    const { shown } = this.tiles();
    const shownIds = new Set(shown.map((v) => v.case.caseId));
    const knownBeyond = [...this.cases.keys()].filter((id) => !shownIds.has(id)).length;
    this.unseen = Math.max(0, beyond - knownBeyond);
    return views;
  }

  look(caseId: string): TileLook | null {
    const c = this.cases.get(caseId);
    return c ? this.lookOf(c) : null;
  }

  /** The row: at most seven tiles, oldest first, and the number for "+N". */
  tiles(): { shown: TileView[]; more: number } {
    const views: TileView[] = [];
    for (const c of orderTiles([...this.cases.values()])) {
      const v = this.viewOf(c);
      if (v) views.push(v);
    }
    const split = splitTiles(views, this.unseen);
    return split;
  }

  private shownIds(): Set<string> {
    return new Set(this.tiles().shown.map((t) => t.case.caseId));
  }

  /** The tiles frame (or `GET /api/tiles`): the server's truth replaces what was known. */
  applyTiles(tiles: Tile[], more: number): void {
    this.cases.clear();
    for (const t of tiles) {
      const c = t.case;
      this.cases.set(c.caseId, c);
      this.outside.delete(c.caseId);
      this.applyUnread(c, t.unread);
    }
    this.unseen = Math.max(0, more);
  }

  /** The server's unread flag of a Case, as the inputs of the tile rules. */
  private applyUnread(c: Case, unread: boolean): void {
    const read = this.readSeq.get(c.caseId) ?? 0;
    if (unread) {
      // Something the customer wrote is past my read mark: it is at most the last seq.
      this.customerSeq.set(c.caseId, Math.max(this.customerSeq.get(c.caseId) ?? 0, c.lastSeq));
      if (read >= c.lastSeq) this.readSeq.set(c.caseId, Math.max(0, c.lastSeq - 1));
    } else {
      // All read: whatever the customer sends next has a higher seq than this.
      this.readSeq.set(c.caseId, Math.max(read, c.lastSeq));
    }
  }

  /** A `case` frame (created, claimed, resolved, reopened, closed) or a Case from REST. */
  applyCase(c: Case): CaseChange {
    if (this.outside.has(c.caseId)) {
      this.outside.set(c.caseId, c);
      const wasVisibleOutside = !this.cases.has(c.caseId);
      if (wasVisibleOutside && this.lookOf(c) === null) {
        // It left from beyond the row: one fewer behind "+N" if the server had counted it.
        this.outside.delete(c.caseId);
        this.unseen = Math.max(0, this.unseen - 1);
        return { visible: false, appeared: false, left: true, refill: false };
      }
      if (wasVisibleOutside) return { visible: true, appeared: false, left: false, refill: false };
    }
    const had = this.cases.has(c.caseId);
    const wasShown = had && this.shownIds().has(c.caseId);
    const visible = this.lookOf(c) !== null;
    if (visible) {
      this.cases.set(c.caseId, c);
      return { visible, appeared: !had, left: false, refill: false };
    }
    if (had) this.cases.delete(c.caseId);
    return { visible, appeared: false, left: had, refill: wasShown && this.unseen > 0 };
  }

  /** A tile leaves without a frame saying so (a lost claim race answered over REST). */
  remove(caseId: string): CaseChange {
    const had = this.cases.has(caseId);
    const wasShown = had && this.shownIds().has(caseId);
    this.cases.delete(caseId);
    return { visible: false, appeared: false, left: had, refill: wasShown && this.unseen > 0 };
  }

  /**
   * A message of a Case I can see. Returns whether it came from the customer (badge and
   * notification material).
   */
  noteMessage(m: Message): { fromCustomer: boolean } {
    const c = this.cases.get(m.caseId);
    if (c && m.seq > c.lastSeq) this.cases.set(m.caseId, { ...c, lastSeq: m.seq });
    const o = this.outside.get(m.caseId);
    if (o && m.seq > o.lastSeq) this.outside.set(m.caseId, { ...o, lastSeq: m.seq });
    const last = this.lastMessage.get(m.caseId);
    if (m.kind !== 'SYSTEM' && (!last || m.seq >= last.seq)) this.lastMessage.set(m.caseId, m);
    const fromCustomer = m.sender.type === 'CUSTOMER';
    if (fromCustomer) {
      this.customerSeq.set(m.caseId, Math.max(this.customerSeq.get(m.caseId) ?? 0, m.seq));
      const seqs = this.customerSeqs.get(m.caseId) ?? [];
      if (!seqs.includes(m.seq)) {
        seqs.push(m.seq);
        seqs.sort((a, b) => a - b);
        if (seqs.length > MAX_KEPT_SEQS) seqs.splice(0, seqs.length - MAX_KEPT_SEQS);
        this.customerSeqs.set(m.caseId, seqs);
      }
    }
    return { fromCustomer };
  }

  /** My read mark moved (this tab opened the Case, or another tab did). Never moves back. */
  markRead(caseId: string, seq: number): boolean {
    const before = this.readSeq.get(caseId) ?? 0;
    if (seq <= before) return false;
    this.readSeq.set(caseId, seq);
    return true;
  }

  readMark(caseId: string): number {
    return this.readSeq.get(caseId) ?? 0;
  }

  /** I am in this Case now (or in none). */
  setAccessing(caseId: string | null): void {
    this.accessing = caseId;
  }

  /** The seq of my tiles' Cases, for notifications about Cases I cannot see otherwise. */
  isTile(caseId: string): boolean {
    return this.cases.has(caseId);
  }

  /** Known anywhere: a tile or a Case beyond the row. */
  knows(caseId: string): boolean {
    return this.cases.has(caseId) || this.outside.has(caseId);
  }

  /** Cases beyond the row that are mine with something unread (the "+N" badge). */
  unreadMineOutside(): Case[] {
    const shown = new Set(this.tiles().shown.map((v) => v.case.caseId));
    const all = [...this.cases.values(), ...this.outside.values()].filter(
      (c) => !shown.has(c.caseId),
    );
    return all.filter((c) => {
      const look = this.lookOf(c);
      return look !== null && look.color === 'blue' && look.unread;
    });
  }

  /**
   * Unread customer messages over my tiles and my own Cases beyond the row, not counting the one
   * I am in: the tab title's "(n)". A Case the server marked unread but whose messages this console does
   * not hold counts as one. Unassigned Cases beyond the row do not count (there may be hundreds).
   */
  totalUnread(): number {
    const cases = [...this.tiles().shown.map((v) => v.case), ...this.unreadMineOutside()];
    let n = 0;
    for (const c of cases) {
      if (this.lookOf(c)?.badge) n += Math.max(1, this.unreadCount(c.caseId));
    }
    return n;
  }
}
