/**
 * The Conversation panel: the accessed Case's messages (history and live), the composer with
 * Quick Replies, file sending (button and drag-and-drop, with progress) and the Claim / Resolve
 * actions. Mine are gray, everyone else's blue, system messages distinct.
 */
import { UNVERIFIED_HINT, UNVERIFIED_LABEL, unverifiedMark } from '../verification';
import { h, setText } from '../../shared/dom';
import { fullName } from '../../shared/format';
import { ComposerLimit } from '../../shared/composer';
import { MessageList, UploadList } from '../../shared/conversation';
import { statusLabel } from '../../shared/status';
import { fileLimitText } from '../../shared/files';
import { DEFAULT_LIMITS, type Limits } from '../../shared/limits';
import type { Agent, Case, FileRef, Message, QuickReply } from '../../shared/protocol';
import { HandOnMenu, type HandOnActions } from './handOnMenu';
import { QuickReplyPicker } from './quickReplyPicker';

export interface ConversationActions {
  sendText(text: string): void;
  /** A private note on the Case on screen (agents only, never sent to the customer); none: no
   * Note toggle. */
  sendNote?: (text: string) => void;
  sendFiles(files: File[]): void;
  claim(): void;
  resolve(): void;
  /** Takes back a resolve still in its undo window. */
  undoResolve(): void;
  /** The draft kept for a Case ('' when none), and keeping it as it is typed. */
  loadDraft(caseId: string): string;
  saveDraft(caseId: string, text: string): void;
  retry(clientMsgId: string): void;
  download(file: FileRef): void;
  loadPreview(file: FileRef, img: HTMLImageElement): void;
  quickReplies(): QuickReply[];
  /** The Quick Reply's body with the placeholders filled for this Case and agent. */
  renderQuickReply(qr: QuickReply): string;
  /** Transfer to another agent, or return to the queue, the Case on screen (none: no button). */
  handOn?: HandOnActions;
}

/** What the agent may do in the accessed Case. */
export type Mode = 'write' | 'read' | 'ended';

export function modeFor(c: Case, me: Agent): Mode {
  if (c.status === 'READY' && c.owner?.id === me.id) return 'write';
  if (c.status === 'RESOLVED' || c.status === 'CLOSED') return 'ended';
  return 'read';
}

export class ConversationView {
  readonly el: HTMLElement;
  private readonly title: HTMLElement;
  private readonly subtitle: HTMLElement;
  private readonly unverified: HTMLElement;
  private readonly claimBtn: HTMLButtonElement;
  private readonly resolveBtn: HTMLButtonElement;
  private readonly handOn: HandOnMenu | null;
  private readonly undoBox: HTMLElement;
  private readonly undoText: HTMLElement;
  private resolvePending: number | null = null;
  /** The messages (shared with the widget), mine being the ones I sent as an agent. */
  readonly list: MessageList;
  readonly uploads: UploadList;
  /** "Cleo Cruz is typing…" under the messages (console/controllers/typing). */
  readonly typing: HTMLElement;
  private readonly composerBox: HTMLElement;
  readonly composer: HTMLTextAreaElement;
  private readonly sendBtn: HTMLButtonElement;
  /** The composer writes private notes while pressed (aria-pressed). */
  private readonly noteToggle: HTMLButtonElement;
  private noting = false;
  private readonly limit: ComposerLimit;
  private readonly fileHint: HTMLElement;
  private readonly fileInput: HTMLInputElement;
  private readonly readOnlyNote: HTMLElement;
  private readonly picker: QuickReplyPicker;
  private readonly empty: HTMLElement;
  private current: Case | null = null;
  private me: Agent;
  private mode: Mode = 'read';

  constructor(
    me: Agent,
    private readonly actions: ConversationActions,
  ) {
    this.me = me;
    // Focusable by script: where focus goes when the composer is not there (reading unassigned).
    this.title = h('h2', {
      class: 'conv__title',
      'data-testid': 'conversation-title',
      tabindex: -1,
    });
    this.subtitle = h('p', { class: 'conv__subtitle', 'data-testid': 'conversation-status' });
    this.unverified = h(
      'span',
      { class: 'unverified', 'data-testid': 'conversation-unverified', title: UNVERIFIED_HINT },
      UNVERIFIED_LABEL,
    );
    this.unverified.hidden = true;
    this.claimBtn = h(
      'button',
      {
        type: 'button',
        class: 'btn btn--primary',
        'data-testid': 'conversation-claim',
        hidden: true,
      },
      'Claim',
    );
    this.resolveBtn = h(
      'button',
      { type: 'button', class: 'btn', 'data-testid': 'resolve-button', hidden: true },
      'Resolve',
    );
    this.handOn = actions.handOn ? new HandOnMenu(actions.handOn) : null;
    this.claimBtn.addEventListener('click', () => actions.claim());
    this.resolveBtn.addEventListener('click', () => actions.resolve());
    this.undoText = h('span', { class: 'undo__text', 'data-testid': 'resolve-pending' });
    const undoBtn = h(
      'button',
      { type: 'button', class: 'btn btn--small', 'data-testid': 'resolve-undo' },
      'Undo',
    );
    undoBtn.addEventListener('click', () => {
      actions.undoResolve();
      this.resolveBtn.focus();
    });
    this.undoBox = h(
      'div',
      { class: 'undo', role: 'status', hidden: true },
      this.undoText,
      undoBtn,
    );

    this.list = new MessageList({
      attrs: {
        class: 'conv__messages',
        'data-testid': 'message-list',
        'aria-live': 'polite',
        'aria-label': 'Messages',
      },
      viewer: {
        isMine: (m: Message) => m.sender.type === 'USER' && m.sender.id === this.me.id,
        authorOf: (m: Message) =>
          m.sender.name ?? (m.sender.type === 'CUSTOMER' ? fullName(this.current?.contact) : null),
      },
      onDownload: (f) => actions.download(f),
      loadPreview: (f, img) => actions.loadPreview(f, img),
      onRetry: (id) => actions.retry(id),
      onEdit: (text) => this.editText(text),
    });
    this.uploads = new UploadList('conv__uploads', { cls: 'link', label: '×' });
    this.typing = h('p', {
      class: 'conv__typing',
      'data-testid': 'conversation-typing',
      'aria-live': 'polite',
      hidden: true,
    });

    this.composer = h('textarea', {
      class: 'composer__input',
      'data-testid': 'composer',
      rows: 2,
      placeholder: 'Write a message. Enter sends, Shift+Enter adds a line, / for Quick Replies',
      'aria-label': 'Message',
      'aria-autocomplete': 'list',
      'aria-controls': 'quick-reply-picker',
    });
    this.sendBtn = h(
      'button',
      { type: 'button', class: 'btn btn--primary', 'data-testid': 'send' },
      'Send',
    );
    this.noteToggle = h(
      'button',
      {
        type: 'button',
        class: 'btn composer__note-toggle',
        'data-testid': 'note-toggle',
        'aria-pressed': 'false',
        title: 'Private note: only agents see it, never the customer',
      },
      'Note',
    );
    this.noteToggle.hidden = !actions.sendNote;
    this.noteToggle.addEventListener('click', () => {
      this.setNoting(!this.noting);
      this.composer.focus();
    });
    this.fileInput = h('input', {
      type: 'file',
      multiple: true,
      class: 'visually-hidden',
      id: 'console-file-input',
      'data-testid': 'file-input',
      tabindex: -1,
      'aria-hidden': 'true',
      'aria-label': 'Attach a file',
    });
    const attach = h(
      'button',
      {
        type: 'button',
        class: 'btn',
        'data-testid': 'attach-button',
        'aria-label': 'Attach a file',
      },
      'Attach',
    );
    attach.addEventListener('click', () => this.fileInput.click());
    this.fileInput.addEventListener('change', () => {
      const files = Array.from(this.fileInput.files ?? []);
      this.fileInput.value = '';
      if (files.length > 0 && this.mode === 'write') actions.sendFiles(files);
    });

    this.picker = new QuickReplyPicker(actions.quickReplies, (qr) => {
      this.composer.value = actions.renderQuickReply(qr);
      if (this.current) actions.saveDraft(this.current.caseId, this.composer.value);
      this.limit.update();
      this.composer.focus();
      this.composer.setSelectionRange(this.composer.value.length, this.composer.value.length);
      this.syncPickerAria();
    });
    this.composer.addEventListener('input', () => {
      this.picker.update(this.composer.value);
      this.syncPickerAria();
      if (this.current) actions.saveDraft(this.current.caseId, this.composer.value);
    });
    this.composer.addEventListener('keydown', (ev) => {
      if (this.picker.handleKey(ev)) {
        ev.preventDefault();
        this.syncPickerAria();
        return;
      }
      if (ev.key === 'Enter' && !ev.shiftKey && !ev.isComposing) {
        ev.preventDefault();
        this.submit();
      }
    });
    this.composer.addEventListener('blur', () => {
      this.picker.close();
      this.syncPickerAria();
    });
    this.sendBtn.addEventListener('click', () => this.submit());

    this.readOnlyNote = h('p', {
      class: 'composer__note',
      'data-testid': 'read-only-note',
      hidden: true,
    });
    this.limit = new ComposerLimit(
      this.composer,
      this.sendBtn,
      DEFAULT_LIMITS.messageChars,
      'console-composer-limit',
    );
    this.fileHint = h(
      'span',
      { class: 'composer__hint', 'data-testid': 'file-limit' },
      fileLimitText(DEFAULT_LIMITS),
    );
    this.composerBox = h(
      'div',
      { class: 'composer' },
      this.picker.el,
      this.composer,
      this.limit.el,
      h(
        'div',
        { class: 'composer__actions' },
        attach,
        this.fileInput,
        this.fileHint,
        this.noteToggle,
        this.sendBtn,
      ),
    );
    this.empty = h(
      'div',
      { class: 'conv__empty', 'data-testid': 'conversation-empty' },
      h('p', { class: 'conv__empty-title' }, 'No chat open'),
      h(
        'p',
        null,
        'Pick a tile above to open a chat: an orange tile is waiting for an agent (claim it or ' +
          'read it first), a blue one is yours. "+N" lists the chats that do not fit.',
      ),
    );

    this.el = h(
      'section',
      { class: 'conv', 'data-testid': 'conversation', 'aria-label': 'Conversation' },
      h(
        'header',
        { class: 'conv__header' },
        h('div', { class: 'conv__heading' }, this.title, this.unverified, this.subtitle),
        h(
          'div',
          { class: 'conv__actions' },
          this.claimBtn,
          this.handOn?.el,
          this.resolveBtn,
          this.undoBox,
        ),
      ),
      this.empty,
      this.list.el,
      this.uploads.el,
      this.typing,
      this.readOnlyNote,
      this.composerBox,
    );
    this.installDrop();
    this.clear();
  }

  get caseId(): string | null {
    return this.current?.caseId ?? null;
  }

  setMe(me: Agent): void {
    this.me = me;
    if (this.current) this.setCase(this.current);
  }

  /** Shows a Case (empty list until its history arrives). */
  show(c: Case): void {
    this.current = c;
    this.list.clear();
    this.uploads.clear();
    this.composer.value = this.actions.loadDraft(c.caseId);
    this.setNoting(false);
    this.limit.update();
    this.picker.close();
    this.resolvePending = null;
    this.el.classList.remove('conv--none');
    this.empty.hidden = true;
    this.setCase(c);
  }

  /** No Case open. */
  clear(): void {
    this.current = null;
    this.list.clear();
    this.uploads.clear();
    this.el.classList.add('conv--none');
    this.empty.hidden = false;
    setText(this.title, '');
    setText(this.subtitle, '');
    this.unverified.hidden = true;
    this.claimBtn.hidden = true;
    this.resolveBtn.hidden = true;
    this.handOn?.setAvailable(false);
    this.undoBox.hidden = true;
    this.resolvePending = null;
    this.composerBox.hidden = true;
    this.readOnlyNote.hidden = true;
  }

  /** The Case changed (claimed, resolved, ...): header, buttons and what the composer allows. */
  setCase(c: Case): void {
    if (this.current && this.current.caseId !== c.caseId) return;
    this.current = c;
    this.mode = modeFor(c, this.me);
    setText(this.title, fullName(c.contact) || c.contact.email || 'Customer');
    const owner = c.owner ? `owner ${fullName(c.owner)}` : 'unassigned';
    setText(this.subtitle, `Case ${c.number} · ${statusLabel(c.status)} · ${owner}`);
    this.unverified.hidden = unverifiedMark(c) === null;
    this.el.dataset.mode = this.mode;
    this.el.dataset.caseId = c.caseId;
    this.claimBtn.hidden = c.status !== 'NEW';
    this.resolveBtn.hidden = this.mode !== 'write' || this.resolvePending !== null;
    this.handOn?.setAvailable(this.mode === 'write' && this.resolvePending === null);
    this.undoBox.hidden = this.mode !== 'write' || this.resolvePending === null;
    this.composerBox.hidden = this.mode !== 'write';
    this.readOnlyNote.hidden = this.mode === 'write';
    setText(
      this.readOnlyNote,
      this.mode === 'ended'
        ? `This Case is ${statusLabel(c.status).toLowerCase()}.`
        : c.status === 'NEW'
          ? 'Unassigned: you can read this chat. Claim it to reply.'
          : 'Read only.',
    );
  }

  /** The servers' limits arrived: the composer's counter and the file hint follow them. */
  setLimits(l: Limits): void {
    this.limit.setMax(l.messageChars);
    setText(this.fileHint, fileLimitText(l));
  }

  /** A refused text comes back to be edited (after anything typed since). */
  private editText(text: string): void {
    const now = this.composer.value;
    this.composer.value = now.trim() === '' || now === text ? text : `${now}\n\n${text}`;
    this.limit.update();
    this.composer.focus();
  }

  /** The composer when I can write, else the conversation's title (never nowhere). */
  focusComposer(): void {
    if (!this.composerBox.hidden) this.composer.focus();
    else if (this.current) this.title.focus();
  }

  /** The Case on screen waits out its resolve's undo window (seconds left), or not (null). */
  setResolvePending(secondsLeft: number | null): void {
    const wasFocused = this.undoBox.contains(document.activeElement);
    this.resolvePending = secondsLeft;
    if (secondsLeft !== null) {
      setText(this.undoText, `Resolving in ${secondsLeft} s`);
    }
    if (this.current) this.setCase(this.current);
    if (secondsLeft === null && wasFocused) this.focusComposer();
  }

  private submit(): void {
    const text = this.composer.value;
    if (this.mode !== 'write' || text.trim() === '') return;
    // Enter while the Quick Reply picker is open never sends (it picks, or does nothing).
    if (this.picker.isOpen) return;
    if (!this.limit.check()) return;
    this.composer.value = '';
    this.limit.update();
    this.picker.close();
    if (this.current) this.actions.saveDraft(this.current.caseId, '');
    if (this.noting && this.actions.sendNote) this.actions.sendNote(text);
    else this.actions.sendText(text);
  }

  /**
   * Note mode: the composer turns pale yellow like the notes it writes, and its label, placeholder
   * and button say so; it stays on for the Case until toggled off.
   */
  private setNoting(on: boolean): void {
    this.noting = on;
    this.noteToggle.setAttribute('aria-pressed', String(on));
    this.composerBox.classList.toggle('composer--note', on);
    this.composer.setAttribute('aria-label', on ? 'Private note' : 'Message');
    this.composer.placeholder = on
      ? 'Write a private note: only agents see it, never the customer'
      : 'Write a message. Enter sends, Shift+Enter adds a line, / for Quick Replies';
    setText(this.sendBtn, on ? 'Add note' : 'Send');
  }

  private syncPickerAria(): void {
    const active = this.picker.activeDescendant;
    if (active) this.composer.setAttribute('aria-activedescendant', active);
    else this.composer.removeAttribute('aria-activedescendant');
    // No aria-expanded: a textarea may not carry it (axe: aria-allowed-attr); aria-controls and
    // aria-activedescendant tell assistive technology about the open picker.
  }

  private installDrop(): void {
    let depth = 0;
    const hasFiles = (ev: DragEvent) => Array.from(ev.dataTransfer?.types ?? []).includes('Files');
    this.el.addEventListener('dragenter', (ev) => {
      if (!hasFiles(ev) || this.mode !== 'write') return;
      depth++;
      this.el.classList.add('conv--drop');
    });
    this.el.addEventListener('dragleave', () => {
      depth = Math.max(0, depth - 1);
      if (depth === 0) this.el.classList.remove('conv--drop');
    });
    this.el.addEventListener('dragover', (ev) => {
      if (!hasFiles(ev) || this.mode !== 'write') return;
      ev.preventDefault();
      if (ev.dataTransfer) ev.dataTransfer.dropEffect = 'copy';
    });
    this.el.addEventListener('drop', (ev) => {
      depth = 0;
      this.el.classList.remove('conv--drop');
      if (this.mode !== 'write') return;
      ev.preventDefault();
      const files = Array.from(ev.dataTransfer?.files ?? []);
      if (files.length > 0) this.actions.sendFiles(files);
    });
  }
}
