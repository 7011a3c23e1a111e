/**
 * The admins' Quick Replies screen: the list with Edit and Delete, and a form (shortcut, title,
 * body) with a live preview of the body as an agent would send it. Refusals show the server's own
 * words under the field they name. Renders state only; the controller calls the server.
 */
import { h, replaceChildren, setText } from '../../shared/dom';
import type { QuickReply, Violation } from '../../shared/protocol';

export interface QuickReplyDraft {
  shortcut: string;
  title: string;
  body: string;
}

export interface QuickReplyAdminActions {
  save(id: string | null, draft: QuickReplyDraft): void;
  remove(qr: QuickReply): void;
  /** The body as it would be sent (placeholders filled). */
  preview(body: string): string;
  close(): void;
}

const FIELDS = ['shortcut', 'title', 'body'] as const;
type Field = (typeof FIELDS)[number];
const LABELS: Record<Field, string> = { shortcut: 'Shortcut', title: 'Title', body: 'Text' };

export class QuickReplyAdminView {
  readonly el: HTMLElement;
  private readonly list: HTMLUListElement;
  private readonly inputs = {} as Record<Field, HTMLInputElement | HTMLTextAreaElement>;
  private readonly errors = {} as Record<Field, HTMLElement>;
  private readonly formError: HTMLElement;
  private readonly preview: HTMLElement;
  private readonly heading: HTMLElement;
  private editing: string | null = null;
  /** The row whose Delete was clicked once: a second click confirms. */
  private confirming: string | null = null;

  constructor(private readonly actions: QuickReplyAdminActions) {
    const rows = FIELDS.map((f) => {
      const id = `qr-admin-${f}`;
      const input =
        f === 'body'
          ? h('textarea', { id, rows: 4, 'data-testid': `qr-admin-${f}` })
          : h('input', { id, type: 'text', 'data-testid': `qr-admin-${f}` });
      input.setAttribute('aria-describedby', `${id}-error`);
      if (f === 'body') input.addEventListener('input', () => this.renderPreview());
      const error = h('p', {
        class: 'qr-admin__error',
        id: `${id}-error`,
        'data-testid': `qr-admin-error-${f}`,
      });
      this.inputs[f] = input;
      this.errors[f] = error;
      return h(
        'div',
        { class: 'qr-admin__field' },
        h('label', { for: id }, LABELS[f]),
        input,
        error,
      );
    });
    this.preview = h('p', {
      class: 'qr-admin__preview',
      'data-testid': 'qr-admin-preview',
      'aria-live': 'polite',
    });
    this.formError = h('p', {
      class: 'qr-admin__error',
      'data-testid': 'qr-admin-form-error',
      role: 'alert',
    });
    this.heading = h('h3', { class: 'qr-admin__heading' }, 'New Quick Reply');
    const save = h(
      'button',
      { type: 'submit', class: 'btn btn--primary', 'data-testid': 'qr-admin-save' },
      'Save',
    );
    const reset = h(
      'button',
      { type: 'button', class: 'btn', 'data-testid': 'qr-admin-new' },
      'New',
    );
    reset.addEventListener('click', () => this.edit(null));
    const form = h(
      'form',
      { class: 'qr-admin__form', 'aria-label': 'Quick Reply' },
      this.heading,
      ...rows,
      h('p', { class: 'qr-admin__label' }, 'Preview'),
      this.preview,
      this.formError,
      h('div', { class: 'qr-admin__actions' }, save, reset),
    );
    form.addEventListener('submit', (ev) => {
      ev.preventDefault();
      this.actions.save(this.editing, this.draft());
    });
    this.list = h('ul', { class: 'qr-admin__list', 'data-testid': 'qr-admin-list' });
    const close = h(
      'button',
      { type: 'button', class: 'btn btn--small', 'data-testid': 'qr-admin-close' },
      'Close',
    );
    close.addEventListener('click', () => actions.close());
    this.el = h(
      'section',
      {
        class: 'qr-admin',
        'data-testid': 'qr-admin',
        role: 'dialog',
        'aria-label': 'Manage Quick Replies',
        hidden: true,
      },
      h('header', { class: 'qr-admin__top' }, h('h2', null, 'Quick Replies'), close),
      h('div', { class: 'qr-admin__body' }, this.list, form),
    );
    this.el.addEventListener('keydown', (ev) => {
      if (ev.key === 'Escape') actions.close();
    });
    this.renderPreview();
  }

  draft(): QuickReplyDraft {
    return {
      shortcut: this.inputs.shortcut.value.trim(),
      title: this.inputs.title.value.trim(),
      body: this.inputs.body.value,
    };
  }

  /** Fills the form with a Quick Reply to edit, or empties it for a new one. */
  edit(qr: QuickReply | null): void {
    this.editing = qr?.id ?? null;
    setText(this.heading, qr ? `Edit /${qr.shortcut}` : 'New Quick Reply');
    for (const f of FIELDS) this.inputs[f].value = qr ? qr[f] : '';
    this.showErrors([], null);
    this.renderPreview();
    this.inputs.shortcut.focus();
  }

  setList(replies: readonly QuickReply[]): void {
    this.confirming = null;
    replaceChildren(
      this.list,
      ...(replies.length === 0
        ? [h('li', { class: 'files__empty' }, 'No Quick Replies yet')]
        : replies.map((qr) => this.row(qr))),
    );
  }

  /** The server's violations under their fields; anything else (409, network) above Save. */
  showErrors(violations: readonly Violation[], other: string | null): void {
    for (const f of FIELDS) {
      const words = violations.filter((v) => v.field === f).map((v) => v.message);
      setText(this.errors[f], words.join(' '));
      this.inputs[f].setAttribute('aria-invalid', String(words.length > 0));
    }
    setText(this.formError, other ?? '');
  }

  private row(qr: QuickReply): HTMLElement {
    const edit = h(
      'button',
      { type: 'button', class: 'btn btn--small', 'data-testid': 'qr-admin-edit' },
      'Edit',
    );
    edit.addEventListener('click', () => this.edit(qr));
    const remove = h(
      'button',
      { type: 'button', class: 'btn btn--small', 'data-testid': 'qr-admin-delete' },
      'Delete',
    );
    remove.addEventListener('click', () => {
      if (this.confirming === qr.id) {
        this.actions.remove(qr);
        return;
      }
      this.confirming = qr.id;
      setText(remove, 'Confirm delete');
    });
    return h(
      'li',
      { class: 'qr-admin__row', 'data-testid': 'qr-admin-row', 'data-shortcut': qr.shortcut },
      h('span', { class: 'qr-admin__shortcut' }, `/${qr.shortcut}`),
      h('span', { class: 'qr-admin__title' }, qr.title),
      edit,
      remove,
    );
  }

  private renderPreview(): void {
    setText(this.preview, this.actions.preview(this.inputs.body.value));
  }
}
