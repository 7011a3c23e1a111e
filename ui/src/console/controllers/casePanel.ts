/**
 * The Case panel: the Case on screen, its Files tab (reloaded when a file arrives while it is
 * shown) and the Contact's other open Cases, as case-service lets me see them.
 */
import type { FrameDispatcher } from '../../shared/dispatcher';
import type { FileAccess } from '../../shared/files';
import { parseCaseFiles, parseCases, type Case } from '../../shared/protocol';
import type { ConsoleContext } from '../state';
import { CasePanelView } from '../views/casePanel';

export class CasePanelController {
  readonly view: CasePanelView;

  constructor(
    private readonly ctx: ConsoleContext,
    files: FileAccess,
    open: (caseId: string) => void,
  ) {
    this.view = new CasePanelView({
      loadFiles: (id) => void this.loadFiles(id),
      download: (f) =>
        void files.download(f).then((ok) => ok || ctx.notice(`Could not download ${f.name}`)),
      loadOtherCases: (c) => void this.loadOtherCases(c),
      openCase: open,
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
      const { body } = await this.ctx.api(
        `/api/cases?contactId=${encodeURIComponent(c.contact.id)}`,
      );
      this.view.setOtherCases(c.caseId, parseCases(body));
    } catch {
      this.view.setOtherCases(c.caseId, []);
    }
  }
}
