/**
 * The Case panel: the Case on screen, its Files tab (reloaded when a file arrives while it is
 * shown) and the Contact's other Cases, open and past (RULE: history in case-service): one I can
 * work opens as a tile does, any other read-only in a dialog.
 */
import type { FrameDispatcher } from '../../shared/dispatcher';
import type { FileAccess } from '../../shared/files';
import type { FileRef } from '../../shared/protocol';
import { parseCaseFiles, parseCases, parseMessages, type Case } from '../../shared/protocol';
import type { ConsoleContext } from '../state';
import { workable } from '../verification';
import { CasePanelView } from '../views/casePanel';
import { HistoryDialog } from '../views/historyDialog';

/** Messages per page of a read-only Case, and the most pages read. */
const HISTORY_PAGE = 500;
const HISTORY_PAGES = 20;

export class CasePanelController {
  readonly view: CasePanelView;
  readonly history: HistoryDialog;

  constructor(
    private readonly ctx: ConsoleContext,
    files: FileAccess,
    open: (caseId: string) => void,
  ) {
    const download = (f: FileRef) =>
      void files.download(f).then((ok) => ok || ctx.notice(`Could not download ${f.name}`));
    this.history = new HistoryDialog(() => ctx.store.get().me.id, {
      download,
      loadPreview: (f, img) => files.loadPreview(f, img),
    });
    this.view = new CasePanelView({
      loadFiles: (id) => void this.loadFiles(id),
      download,
      loadOtherCases: (c) => void this.loadOtherCases(c),
      openCase: (o) => {
        if (workable(o, ctx.store.get().me.id)) open(o.caseId);
        else void this.readOnly(o);
      },
    });
    ctx.store.select('current', (c) => this.view.show(c));
  }

  register(d: FrameDispatcher): void {
    d.on('message', ({ message: m }) => {
      const onScreen = this.ctx.store.get().current?.caseId === m.caseId;
      if (onScreen && m.kind === 'FILE' && this.view.filesTabOpen) void this.loadFiles(m.caseId);
    });
  }

  private async loadFiles(caseId: string): Promise<void> {
    try {
      const { body } = await this.ctx.api(`/api/cases/${encodeURIComponent(caseId)}/files`);
      this.view.setFiles(caseId, parseCaseFiles(body));
    } catch {
      this.view.setFiles(caseId, []);
    }
  }

  private async loadOtherCases(c: Case): Promise<void> {
    if (c.contact.id === null) return;
    try {
      const { body } = await this.ctx.api(`/api/cases/${encodeURIComponent(c.caseId)}/history`);
      this.view.setOtherCases(c.caseId, parseCases(body));
    } catch {
      this.view.setOtherCases(c.caseId, []);
    }
  }

  /** Reads another Case of the Contact through the Case on screen (its history), page by page. */
  private async readOnly(o: Case): Promise<void> {
    const via = this.ctx.store.get().current?.caseId;
    if (!via) return;
    this.history.open(o);
    const base = `/api/cases/${encodeURIComponent(via)}/history/${encodeURIComponent(o.caseId)}/messages`;
    let after = 0;
    let count = 0;
    try {
      for (let pages = 0; pages < HISTORY_PAGES; pages++) {
        const { body } = await this.ctx.api(`${base}?after=${after}&limit=${HISTORY_PAGE}`);
        const page = parseMessages(body).filter((m) => m.caseId === o.caseId);
        this.history.add(o.caseId, page);
        count += page.length;
        const last = page.reduce((max, m) => Math.max(max, m.seq), after);
        if (page.length < HISTORY_PAGE || last === after) break;
        after = last;
      }
      this.history.loaded(o.caseId, null, count);
    } catch {
      this.history.loaded(o.caseId, 'Could not load this conversation.', count);
    }
  }
}
