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
}

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
    return this.cases.get(caseId);
  }

  look(caseId: string): TileLook | null {
    const c = this.cases.get(caseId);
    return c ? this.lookOf(c) : null;
  }

  /** The row: at most seven tiles, oldest first, and the number for "+N". */
  tiles(): { shown: TileView[]; more: number } {
    const views: TileView[] = [];
    for (const c of orderTiles([...this.cases.values()])) {
      const look = this.lookOf(c);
      if (look) views.push({ case: c, look });
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
      const read = this.readSeq.get(c.caseId) ?? 0;
      if (t.unread) {
        // Something the customer wrote is past my read mark: it is at most the last seq.
        this.customerSeq.set(c.caseId, Math.max(this.customerSeq.get(c.caseId) ?? 0, c.lastSeq));
        if (read >= c.lastSeq) this.readSeq.set(c.caseId, Math.max(0, c.lastSeq - 1));
      } else {
        // All read: whatever the customer sends next has a higher seq than this.
        this.readSeq.set(c.caseId, Math.max(read, c.lastSeq));
      }
    }
    this.unseen = Math.max(0, more);
  }

  /** A `case` frame (created, claimed, resolved, reopened, closed) or a Case from REST. */
  applyCase(c: Case): CaseChange {
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
    const fromCustomer = m.sender.type === 'CUSTOMER';
    if (fromCustomer) {
      this.customerSeq.set(m.caseId, Math.max(this.customerSeq.get(m.caseId) ?? 0, m.seq));
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
}
