/**
 * The admins' Quick Replies screen (views/quickReplyAdmin.ts): create, edit and delete through
 * case-service's `/quick-replies` (admins only; the server refuses anyone else), and the store's
 * list refreshed after each change so the composer's picker has it at once. The preview fills the
 * placeholders with the one implementation the composer uses (shared/quickReplies).
 */
import { h } from '../../shared/dom';
import { ApiError } from '../../shared/http';
import type { Case, Person, QuickReply } from '../../shared/protocol';
import { renderQuickReply, valuesFor } from '../../shared/quickReplies';
import type { ConsoleContext } from '../state';
import { QuickReplyAdminView, type QuickReplyDraft } from '../views/quickReplyAdmin';

/** The realm role that may manage Quick Replies (chat-events Roles.ADMIN). */
export const ADMIN_ROLE = 'admin';

/** With no Case open, the preview fills in an example Contact. */
const EXAMPLE_CASE = {
  number: 1042,
  contact: { firstName: 'Sam', lastName: 'Shopper' },
} as Case;

export function previewValues(current: Case | null, me: Person) {
  return valuesFor(current ?? EXAMPLE_CASE, me);
}

export class QuickReplyAdminController {
  readonly view: QuickReplyAdminView;
  /** The top bar's entry; only admins have one. */
  readonly entry: HTMLButtonElement | null;

  constructor(
    private readonly ctx: ConsoleContext,
    private readonly reload: () => Promise<void>,
  ) {
    this.view = new QuickReplyAdminView({
      save: (id, draft) => void this.save(id, draft),
      remove: (qr) => void this.remove(qr),
      preview: (body) => {
        const { current, me } = ctx.store.get();
        return renderQuickReply(body, previewValues(current, me));
      },
      close: () => this.close(),
    });
    ctx.store.select('quickReplies', (list) => this.view.setList(list));
    this.view.setList(ctx.store.get().quickReplies);
    this.entry = ctx.store.get().me.roles.includes(ADMIN_ROLE)
      ? h(
          'button',
          { type: 'button', class: 'btn btn--small', 'data-testid': 'quick-replies-admin' },
          'Quick Replies',
        )
      : null;
    this.entry?.addEventListener('click', () => this.open());
  }

  open(): void {
    this.view.el.hidden = false;
    this.view.edit(null);
  }

  close(): void {
    this.view.el.hidden = true;
    this.entry?.focus();
  }

  private async save(id: string | null, draft: QuickReplyDraft): Promise<void> {
    const ok = await this.call(() =>
      this.ctx.api(id ? `/api/quick-replies/${encodeURIComponent(id)}` : '/api/quick-replies', {
        method: id ? 'PUT' : 'POST',
        body: draft,
      }),
    );
    if (ok) {
      this.view.edit(null);
      this.ctx.notice(`Quick Reply /${draft.shortcut.toLowerCase()} saved.`, { tone: 'info' });
    }
  }

  private async remove(qr: QuickReply): Promise<void> {
    const ok = await this.call(() =>
      this.ctx.api(`/api/quick-replies/${encodeURIComponent(qr.id)}`, { method: 'DELETE' }),
    );
    if (ok) this.ctx.notice(`Quick Reply /${qr.shortcut} deleted.`, { tone: 'info' });
  }

  /** Runs a change; true when the server took it (the list is then reloaded). */
  private async call(change: () => Promise<unknown>): Promise<boolean> {
    try {
      await change();
    } catch (e) {
      if (e instanceof ApiError) {
        const fields = e.problem.violations.filter((v) =>
          ['shortcut', 'title', 'body'].includes(v.field),
        );
        // A taken shortcut (409) is the shortcut's problem; the rest is said above Save.
        if (e.problem.code === 'SHORTCUT_TAKEN' && fields.length === 0)
          fields.push({ field: 'shortcut', message: e.message });
        this.view.showErrors(fields, fields.length === 0 ? e.message : null);
      } else {
        this.view.showErrors([], 'The change could not be sent; try again.');
      }
      await this.reload();
      return false;
    }
    await this.reload();
    return true;
  }
}
