/**
 * The Case on screen has a URL, `#/cases/{caseId}`: opening a Case pushes it (back and forward
 * move between Cases), a reload reopens it once the tiles are known (or over REST when it is not a
 * tile), and closing the view goes back to `#/`.
 */

/** The Case id of a location hash, or null. Only `#/cases/<id>` with a plain id counts. */
export function caseIdOfHash(hash: string): string | null {
  const m = /^#\/cases\/([A-Za-z0-9-]{1,64})\/?$/.exec(hash);
  return m?.[1] ?? null;
}

export function hashOfCase(caseId: string | null): string {
  return caseId ? `#/cases/${encodeURIComponent(caseId)}` : '#/';
}

export interface RouteTarget {
  /** The Case on screen now. */
  current(): string | null;
  /** Open a Case named by the URL (a tile click's way, REST when not a tile). */
  open(caseId: string): Promise<'opened' | 'gone'>;
  close(): void;
  notice(text: string): void;
}

export class CaseRoute {
  /** The id the URL asked for before the tiles were known. */
  private wanted: string | null;
  private ready = false;

  constructor(
    private readonly target: RouteTarget,
    private readonly win: Window = window,
  ) {
    this.wanted = caseIdOfHash(win.location.hash);
    win.addEventListener('popstate', () => this.follow());
    win.addEventListener('hashchange', () => this.follow());
  }

  /** The tiles are known (first `tiles` frame): open what the URL named. */
  start(): void {
    if (this.ready) return;
    this.ready = true;
    const id = this.wanted;
    this.wanted = null;
    if (id) void this.openFromUrl(id);
  }

  /** The Case on screen changed: the URL follows (a new history entry per Case opened). */
  shown(caseId: string | null): void {
    if (!this.ready) return;
    const want = hashOfCase(caseId);
    const now = this.win.location.hash || '#/';
    if (now === want) return;
    if (caseId === null) this.win.history.replaceState(null, '', want);
    else this.win.history.pushState(null, '', want);
  }

  private follow(): void {
    const id = caseIdOfHash(this.win.location.hash);
    if (!this.ready) {
      this.wanted = id;
      return;
    }
    if (id === this.target.current()) return;
    if (id === null) this.target.close();
    else void this.openFromUrl(id);
  }

  private async openFromUrl(id: string): Promise<void> {
    if ((await this.target.open(id)) === 'gone') {
      this.target.notice('That chat is no longer available to you.');
      this.win.history.replaceState(null, '', hashOfCase(this.target.current()));
    }
  }
}
