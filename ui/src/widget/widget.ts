/**
 * The customer widget ("Web Connect"): a launcher, the pre-chat form and the chat, all inside a
 * shadow root so the host page's CSS neither leaks in nor out. The Case and its customer token
 * are kept in localStorage, so a reload resumes the chat and its transcript.
 */
import { h, replaceChildren, setText } from '../shared/dom';
import {
  ApiError,
  fetchBlob,
  requestJson,
  saveBlob,
  uploadErrorText,
  uploadFile,
} from '../shared/http';
import { newId } from '../shared/ids';
import { MessageStore } from '../shared/messages';
import { PendingSends } from '../shared/pending';
import {
  parseChatStarted,
  parseMessages,
  type Case,
  type CustomerFrame,
  type FileRef,
  type Message,
  type ServerFrame,
} from '../shared/protocol';
import { insertBySeq, messageElement, pendingElement } from '../shared/render';
import { ReconnectingSocket, wsUrl, type ConnectionState, type SocketLike } from '../shared/socket';
import {
  loadSession,
  saveSession,
  validateProfile,
  type Profile,
  type WidgetSession,
} from './session';
import { PreviewCache } from '../shared/previews';
import { HostIdentity, identityClaims, isIdentityRefusal, type IdentitySource } from './identity';
import { bearerProtocols } from '../shared/socketAuth';

const defaultOpenSocket = (url: string, token: string): SocketLike =>
  new WebSocket(url, bearerProtocols(token)) as unknown as SocketLike;

export interface WidgetDeps {
  /** The gateway's origin (REST and socket). */
  chatOrigin: string;
  storage: Storage | null;
  /** The CSS of the shadow root. */
  css: string;
  openSocket?: (url: string, token: string) => SocketLike;
}

const PAGE = 100;
/** After this many failed connects in a row, check whether the saved token still works at all. */
const PROBE_AFTER = 3;

type Field = keyof Profile;
const FIELDS: { key: Field; label: string; type: string; autocomplete: string }[] = [
  { key: 'email', label: 'Email', type: 'email', autocomplete: 'email' },
  { key: 'firstName', label: 'First name', type: 'text', autocomplete: 'given-name' },
  { key: 'lastName', label: 'Last name', type: 'text', autocomplete: 'family-name' },
];
const TEST_IDS: Record<Field, string> = {
  email: 'email',
  firstName: 'first-name',
  lastName: 'last-name',
};

const SVG = 'http://www.w3.org/2000/svg';

/** A stroke icon from one path, built as DOM (no markup strings). */
function icon(d: string): SVGSVGElement {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('class', 'icon');
  svg.setAttribute('aria-hidden', 'true');
  const path = document.createElementNS(SVG, 'path');
  path.setAttribute('d', d);
  svg.appendChild(path);
  return svg;
}

export class Widget {
  readonly host: HTMLElement;
  readonly root: ShadowRoot;
  private session: WidgetSession;
  private caseView: Case | null = null;
  private store: MessageStore | null = null;
  private socket: ReconnectingSocket | null = null;
  private readonly pending = new PendingSends<CustomerFrame>();
  private readonly previews = new PreviewCache();
  private everConnected = false;
  private readonly identity = new HostIdentity();
  /** Idempotency-Key of the start being attempted; kept across retries, dropped on success. */
  private startKey: string | null = null;
  private probing = false;

  private readonly launcher: HTMLButtonElement;
  private readonly panel: HTMLElement;
  private readonly subtitle: HTMLElement;
  private readonly form: HTMLFormElement;
  private readonly inputs = new Map<Field, HTMLInputElement>();
  private readonly errors = new Map<Field, HTMLElement>();
  private readonly formError: HTMLElement;
  private readonly submit: HTMLButtonElement;
  private readonly chat: HTMLElement;
  private readonly status: HTMLElement;
  private readonly list: HTMLOListElement;
  private readonly uploads: HTMLUListElement;
  private readonly ended: HTMLElement;
  private readonly composerForm: HTMLFormElement;
  private readonly composer: HTMLTextAreaElement;
  private readonly fileInput: HTMLInputElement;

  constructor(private readonly deps: WidgetDeps) {
    this.session = loadSession(deps.storage, deps.chatOrigin);
    // A custom element name: page rules for div, section, ... never match the host.
    this.host = document.createElement('chat-cases-widget');
    this.root = this.host.attachShadow({ mode: 'open' });
    this.applyStyles(deps.css);

    this.launcher = h(
      'button',
      {
        type: 'button',
        class: 'launcher',
        'data-testid': 'launcher',
        'aria-controls': 'cc-panel',
        'aria-expanded': 'false',
        'aria-label': 'Open chat',
      },
      icon('M21 12a8 8 0 0 1-11.6 7.1L4 21l1.9-5.4A8 8 0 1 1 21 12z'),
      h('span', { class: 'launcher__text' }, 'Chat'),
    );
    this.launcher.addEventListener('click', () => this.setOpen(!this.session.open));

    // --- pre-chat form
    this.formError = h('p', {
      class: 'form-error',
      'data-testid': 'form-error',
      role: 'alert',
      hidden: true,
    });
    this.submit = h(
      'button',
      { type: 'submit', class: 'btn btn--primary', 'data-testid': 'start-chat' },
      'Start chat',
    );
    this.form = h(
      'form',
      {
        class: 'prechat',
        'data-testid': 'prechat-form',
        novalidate: true,
        'aria-label': 'Start a chat',
      },
      h('p', { class: 'prechat__intro' }, 'Tell us who you are and we will be right with you.'),
    );
    for (const f of FIELDS) {
      const id = `cc-${f.key}`;
      const input = h('input', {
        id,
        name: f.key,
        type: f.type,
        autocomplete: f.autocomplete,
        required: true,
        maxlength: f.key === 'email' ? 254 : 100,
        'data-testid': TEST_IDS[f.key],
        'aria-describedby': `${id}-error`,
        'aria-invalid': 'false',
      });
      const error = h('p', {
        id: `${id}-error`,
        class: 'field__error',
        'data-testid': `error-${TEST_IDS[f.key]}`,
        hidden: true,
      });
      this.inputs.set(f.key, input);
      this.errors.set(f.key, error);
      this.form.append(
        h('div', { class: 'field' }, h('label', { for: id }, f.label), input, error),
      );
    }
    this.form.append(this.formError, this.submit);
    this.form.addEventListener('submit', (ev) => {
      ev.preventDefault();
      void this.start();
    });

    // --- chat
    this.status = h('p', {
      class: 'status',
      'data-testid': 'connection-status',
      'data-state': 'stopped',
      role: 'status',
    });
    this.list = h('ol', {
      class: 'messages',
      'data-testid': 'message-list',
      'aria-live': 'polite',
      'aria-label': 'Messages',
      tabindex: 0,
    });
    this.uploads = h('ul', { class: 'uploads', 'data-testid': 'uploads' });
    const newChat = h(
      'button',
      { type: 'button', class: 'btn btn--primary', 'data-testid': 'new-chat' },
      'Start a new chat',
    );
    newChat.addEventListener('click', () => this.newChat());
    this.ended = h(
      'div',
      { class: 'ended', 'data-testid': 'chat-ended', role: 'status', hidden: true },
      h('p', null, 'This chat has ended'),
      newChat,
    );
    this.composer = h('textarea', {
      class: 'composer__input',
      'data-testid': 'composer',
      rows: 2,
      'aria-label': 'Message',
      placeholder: 'Type a message…',
    });
    this.composer.addEventListener('keydown', (ev) => {
      if (ev.key === 'Enter' && !ev.shiftKey && !ev.isComposing) {
        ev.preventDefault();
        this.sendText();
      }
    });
    this.fileInput = h('input', {
      type: 'file',
      class: 'visually-hidden',
      id: 'cc-file',
      'data-testid': 'file-input',
      tabindex: -1,
      'aria-hidden': 'true',
    });
    this.fileInput.addEventListener('change', () => {
      const files = Array.from(this.fileInput.files ?? []);
      this.fileInput.value = '';
      for (const f of files) this.sendFile(f);
    });
    const attach = h(
      'button',
      {
        type: 'button',
        class: 'btn btn--icon',
        'data-testid': 'attach-button',
        'aria-label': 'Send a file',
      },
      icon(
        'M21 11.5l-8.5 8.5a5 5 0 0 1-7-7l9-9a3.3 3.3 0 0 1 4.7 4.7l-9 9a1.7 1.7 0 0 1-2.4-2.4l8.3-8.3',
      ),
    );
    attach.addEventListener('click', () => this.fileInput.click());
    const send = h(
      'button',
      { type: 'submit', class: 'btn btn--primary', 'data-testid': 'send' },
      'Send',
    );
    this.composerForm = h(
      'form',
      { class: 'composer', 'aria-label': 'Write a message' },
      this.composer,
      h('div', { class: 'composer__actions' }, attach, this.fileInput, send),
    );
    this.composerForm.addEventListener('submit', (ev) => {
      ev.preventDefault();
      this.sendText();
    });
    this.chat = h(
      'div',
      { class: 'chat', 'data-testid': 'chat', hidden: true },
      this.status,
      this.list,
      this.uploads,
      this.ended,
      this.composerForm,
    );

    // --- panel
    const close = h(
      'button',
      {
        type: 'button',
        class: 'btn btn--icon',
        'data-testid': 'minimize',
        'aria-label': 'Close chat',
      },
      '✕',
    );
    close.addEventListener('click', () => this.setOpen(false));
    this.subtitle = h(
      'p',
      { class: 'panel__subtitle', 'data-testid': 'chat-subtitle' },
      'We usually answer within minutes',
    );
    this.panel = h(
      'section',
      {
        id: 'cc-panel',
        class: 'panel',
        role: 'dialog',
        'aria-modal': 'false',
        'aria-labelledby': 'cc-title',
        'data-testid': 'panel',
        hidden: true,
      },
      h(
        'header',
        { class: 'panel__header' },
        h(
          'div',
          null,
          h('h2', { id: 'cc-title', class: 'panel__title' }, 'Chat with us'),
          this.subtitle,
        ),
        close,
      ),
      this.form,
      this.chat,
    );
    this.panel.addEventListener('keydown', (ev) => {
      if (ev.key === 'Escape') {
        this.setOpen(false);
        this.launcher.focus();
      }
    });
    this.root.append(h('div', { class: 'widget' }, this.panel, this.launcher));
  }

  mount(parent: HTMLElement = document.body): void {
    parent.appendChild(this.host);
    this.prefill(this.session.profile);
    if (this.session.chat) this.showChat();
    else this.showForm();
    this.setOpen(this.session.open, false);
    window.addEventListener('online', () => this.socket?.reconnectNow());
  }

  // ------------------------------------------------------------------------- views

  private setOpen(open: boolean, focus = true): void {
    this.session.open = open;
    this.save();
    this.panel.hidden = !open;
    this.launcher.setAttribute('aria-expanded', String(open));
    this.launcher.setAttribute('aria-label', open ? 'Close chat' : 'Open chat');
    this.host.toggleAttribute('data-open', open);
    if (open && focus) {
      if (!this.chat.hidden) this.composer.focus();
      else this.inputs.get('email')?.focus();
    }
    if (open) this.scrollToBottom();
  }

  private showForm(): void {
    this.form.hidden = false;
    this.chat.hidden = true;
    setText(this.subtitle, 'We usually answer within minutes');
  }

  private showChat(): void {
    const chat = this.session.chat;
    if (!chat) return;
    this.form.hidden = true;
    this.chat.hidden = false;
    this.ended.hidden = true;
    this.composerForm.hidden = false;
    setText(this.subtitle, chat.number ? `Chat ${chat.number}` : 'Connecting…');
    this.store = new MessageStore(chat.caseId);
    replaceChildren(this.list);
    this.connect(chat.customerToken);
  }

  private prefill(p: Profile | null): void {
    if (!p) return;
    for (const f of FIELDS) {
      const input = this.inputs.get(f.key);
      if (input) input.value = p[f.key];
    }
  }

  private setFieldErrors(errors: Partial<Record<Field, string>>): boolean {
    let first: HTMLInputElement | null = null;
    for (const f of FIELDS) {
      const msg = errors[f.key];
      const el = this.errors.get(f.key);
      const input = this.inputs.get(f.key);
      if (!el || !input) continue;
      setText(el, msg ?? '');
      el.hidden = !msg;
      input.setAttribute('aria-invalid', String(Boolean(msg)));
      if (msg && !first) first = input;
    }
    first?.focus();
    return first !== null;
  }

  private showFormError(text: string | null): void {
    setText(this.formError, text ?? '');
    this.formError.hidden = !text;
  }

  // ------------------------------------------------------------------------- starting a chat

  /**
   * The host site says who its signed-in user is (docs/identity.md): a token, or a function that
   * returns a fresh one. The next chat start carries it; null forgets it (signed out).
   */
  identify(source: IdentitySource): void {
    this.identity.set(source);
    void this.identity.token().then((t) => {
      const claims = t ? identityClaims(t) : null;
      if (!claims || this.session.chat) return;
      for (const f of FIELDS) {
        const input = this.inputs.get(f.key);
        const value = claims[f.key];
        if (input && value) input.value = value;
      }
    });
  }

  private async start(): Promise<void> {
    const profile: Profile = {
      email: this.inputs.get('email')?.value.trim() ?? '',
      firstName: this.inputs.get('firstName')?.value.trim() ?? '',
      lastName: this.inputs.get('lastName')?.value.trim() ?? '',
    };
    this.showFormError(null);
    if (this.setFieldErrors(validateProfile(profile))) return;
    this.submit.disabled = true;
    try {
      this.startKey ??= newId();
      const identity = await this.identity.token();
      const { body } = await requestJson(this.url('/api/chats'), {
        method: 'POST',
        headers: { 'Idempotency-Key': this.startKey },
        body: { ...profile, channel: 'WEB_CONNECT', ...(identity ? { identity } : {}) },
      });
      this.startKey = null;
      const started = parseChatStarted(body);
      if (!started) throw new Error('unexpected answer');
      this.session.chat = {
        caseId: started.caseId,
        customerToken: started.customerToken,
        number: started.number,
      };
      this.session.profile = profile;
      this.save();
      this.showChat();
      this.composer.focus();
    } catch (e) {
      if (e instanceof ApiError && e.status === 400 && e.problem.violations.length > 0) {
        const errors: Partial<Record<Field, string>> = {};
        const other: string[] = [];
        for (const v of e.problem.violations) {
          if (v.field === 'email' || v.field === 'firstName' || v.field === 'lastName')
            errors[v.field] = v.message;
          else other.push(v.message);
        }
        this.setFieldErrors(errors);
        if (other.length > 0) this.showFormError(other.join(' '));
      } else if (
        e instanceof ApiError &&
        e.status === 401 &&
        isIdentityRefusal(e.problem.code ?? '')
      ) {
        // The site's sign-in could not be confirmed (expired, wrong key): go on as a guest.
        this.identity.set(null);
        this.showFormError(
          'We could not confirm your sign-in. Start the chat again to continue as a guest.',
        );
      } else if (e instanceof ApiError && e.status === 429) {
        const wait = e.retryAfterSeconds
          ? ` Please try again in ${e.retryAfterSeconds} seconds.`
          : ' Please try again shortly.';
        this.showFormError(`Too many chats were started from here.${wait}`);
      } else {
        this.showFormError(
          e instanceof ApiError && e.problem.detail
            ? e.problem.detail
            : 'The chat could not start. Please try again.',
        );
      }
    } finally {
      this.submit.disabled = false;
    }
  }

  private newChat(): void {
    this.socket?.stop();
    this.socket = null;
    this.session.chat = null;
    this.caseView = null;
    this.store = null;
    this.pending.clear();
    this.revokePreviews();
    replaceChildren(this.list);
    replaceChildren(this.uploads);
    this.save();
    this.prefill(this.session.profile);
    this.showForm();
    this.inputs.get('email')?.focus();
  }

  // ------------------------------------------------------------------------- socket

  private connect(token: string): void {
    this.socket?.stop();
    this.everConnected = false;
    // The token rides in Sec-WebSocket-Protocol, never in the URL (logs, proxies, history).
    const url = wsUrl(this.deps.chatOrigin, '/ws/customer');
    this.socket = new ReconnectingSocket({
      connect: () => (this.deps.openSocket ?? defaultOpenSocket)(url, token),
      onFrame: (f) => this.onFrame(f),
      onOpen: (reconnected) => {
        this.everConnected = true;
        if (reconnected && this.store && this.store.lastSeq > 0)
          this.socket?.send({ type: 'resume', lastSeq: this.store.lastSeq });
        for (const p of this.pending.toResend()) this.socket?.send(p.frame);
      },
      onState: (s, d) => {
        this.renderState(s);
        if (s === 'reconnecting' && !this.everConnected && d.attempt >= PROBE_AFTER)
          void this.probe();
      },
    });
    this.socket.start();
  }

  /** The socket keeps failing before it ever opened: is the saved chat still ours at all? */
  private async probe(): Promise<void> {
    const chat = this.session.chat;
    if (!chat || this.probing) return;
    this.probing = true;
    try {
      await requestJson(
        this.url(`/api/chats/${encodeURIComponent(chat.caseId)}/messages?after=0&limit=1`),
        {
          token: () => chat.customerToken,
        },
      );
    } catch (e) {
      if (
        e instanceof ApiError &&
        [401, 403, 404].includes(e.status) &&
        this.session.chat === chat
      ) {
        this.newChat();
        this.showFormError('Your previous chat could not be restored. Please start a new one.');
      }
    } finally {
      this.probing = false;
    }
  }

  onFrame(f: ServerFrame): void {
    switch (f.type) {
      case 'case':
        this.applyCase(f.case);
        break;
      case 'history':
        if (f.case) this.applyCase(f.case);
        this.addMessages(f.messages);
        break;
      case 'message':
        this.addMessages([f.message]);
        break;
      case 'accepted': {
        this.pending.accepted(f.clientMsgId);
        const el = this.pendingEl(f.clientMsgId);
        const state = el?.querySelector('[data-testid="pending-state"]');
        if (state) setText(state, 'Sent');
        break;
      }
      case 'resync':
        void this.reload();
        break;
      case 'error':
        this.onError(f.code, f.message, f.ref);
        break;
      default:
        break; // agent-only frames never reach customers; ignore anything else
    }
  }

  private onError(code: string, message: string, ref: string | null): void {
    if (code === 'CASE_CLOSED') {
      this.showEnded();
    }
    if (ref && this.pending.get(ref)) {
      if (code === 'UNAVAILABLE' || code === 'RATE_LIMITED') {
        setTimeout(() => {
          const p = this.pending.retry(ref);
          if (p) this.socket?.send(p.frame);
        }, 1500);
        return;
      }
      this.pending.failed(ref, message || code);
      const state = this.pendingEl(ref)?.querySelector('[data-testid="pending-state"]');
      if (state) setText(state, `Not sent: ${message || code}`);
    }
  }

  private applyCase(c: Case): void {
    if (!this.session.chat || c.caseId !== this.session.chat.caseId) return;
    this.caseView = c;
    if (this.session.chat.number !== c.number) {
      this.session.chat.number = c.number;
      this.save();
    }
    const agent = c.owner ? `${c.owner.firstName} ${c.owner.lastName}`.trim() : null;
    setText(this.subtitle, agent ? `Chat ${c.number} with ${agent}` : `Chat ${c.number}`);
    if (c.status === 'RESOLVED' || c.status === 'CLOSED') this.showEnded();
    else {
      this.ended.hidden = true;
      this.composerForm.hidden = false;
    }
  }

  private showEnded(): void {
    this.ended.hidden = false;
    this.composerForm.hidden = true;
  }

  private addMessages(messages: Message[]): void {
    if (!this.store) return;
    const added = this.store.addAll(messages);
    for (const m of added) {
      const mine = m.sender.type === 'CUSTOMER';
      const el = messageElement(m, {
        mine,
        author: m.sender.type === 'USER' ? m.sender.name : null,
        onDownload: (f) => void this.download(f),
        loadPreview: (f, img) => void this.loadPreview(f, img),
      });
      insertBySeq(this.list, el, m.seq);
      if (m.clientMsgId && mine) {
        this.pending.delivered(m.clientMsgId);
        this.pendingEl(m.clientMsgId)?.remove();
      }
    }
    if (added.length > 0) this.scrollToBottom();
  }

  private async reload(): Promise<void> {
    const chat = this.session.chat;
    const store = this.store;
    if (!chat || !store) return;
    try {
      for (;;) {
        const after = store.lastSeq;
        const { body } = await requestJson(
          this.url(
            `/api/chats/${encodeURIComponent(chat.caseId)}/messages?after=${after}&limit=${PAGE}`,
          ),
          { token: () => chat.customerToken },
        );
        if (this.store !== store) return;
        const page = parseMessages(body);
        this.addMessages(page);
        if (page.length < PAGE || store.lastSeq === after) break;
      }
    } catch {
      // The next reconnect replays again.
    }
  }

  // ------------------------------------------------------------------------- sending

  private sendText(): void {
    const text = this.composer.value;
    if (text.trim() === '' || !this.session.chat) return;
    this.composer.value = '';
    const clientMsgId = newId();
    const frame: CustomerFrame = { type: 'send', clientMsgId, text };
    this.pending.add(clientMsgId, frame, text);
    this.list.appendChild(pendingElement(clientMsgId, text));
    this.scrollToBottom();
    this.socket?.send(frame);
  }

  private sendFile(file: File): void {
    const chat = this.session.chat;
    if (!chat) return;
    const bar = h('progress', {
      max: 1,
      value: 0,
      'data-testid': 'upload-progress',
      'aria-label': `Uploading ${file.name}`,
    });
    const statusEl = h('span', { class: 'upload__status' }, 'Uploading…');
    const row = h(
      'li',
      { class: 'upload', 'data-testid': 'upload' },
      h('span', { class: 'upload__name' }, file.name),
      bar,
      statusEl,
    );
    this.uploads.appendChild(row);
    uploadFile(this.url('/api/files'), chat.customerToken, chat.caseId, file, (f) => {
      bar.value = f;
    })
      .promise.then((ref) => {
        row.remove();
        const clientMsgId = newId();
        const frame: CustomerFrame = { type: 'send', clientMsgId, fileId: ref.fileId };
        this.pending.add(clientMsgId, frame, ref.name);
        this.list.appendChild(pendingElement(clientMsgId, ref.name));
        this.socket?.send(frame);
      })
      .catch((e: unknown) => {
        bar.remove();
        row.dataset.state = 'failed';
        statusEl.setAttribute('data-testid', 'upload-error');
        setText(statusEl, uploadErrorText(e));
        const dismiss = h(
          'button',
          { type: 'button', class: 'btn btn--icon', 'aria-label': 'Dismiss' },
          '✕',
        );
        dismiss.addEventListener('click', () => row.remove());
        row.appendChild(dismiss);
      });
  }

  private async download(f: FileRef): Promise<void> {
    const chat = this.session.chat;
    if (!chat) return;
    try {
      saveBlob(await fetchBlob(this.fileUrl(f.fileId), () => chat.customerToken), f.name);
    } catch {
      // Nothing to add: the link stays and can be tried again.
    }
  }

  private async loadPreview(f: FileRef, img: HTMLImageElement): Promise<void> {
    const chat = this.session.chat;
    if (!chat) return;
    await this.previews.show(f.fileId, this.fileUrl(f.fileId), () => chat.customerToken, img);
  }

  private revokePreviews(): void {
    this.previews.clear();
  }

  // ------------------------------------------------------------------------- helpers

  private renderState(s: ConnectionState): void {
    this.status.dataset.state = s;
    setText(
      this.status,
      s === 'connected'
        ? ''
        : s === 'reconnecting'
          ? 'Reconnecting…'
          : s === 'connecting'
            ? 'Connecting…'
            : '',
    );
    this.status.hidden = s === 'connected' || s === 'stopped';
  }

  private pendingEl(clientMsgId: string): HTMLElement | null {
    for (const child of Array.from(this.list.children)) {
      if (child instanceof HTMLElement && child.dataset.clientMsgId === clientMsgId) return child;
    }
    return null;
  }

  private scrollToBottom(): void {
    this.list.scrollTop = this.list.scrollHeight;
  }

  private save(): void {
    saveSession(this.deps.storage, this.deps.chatOrigin, this.session);
  }

  private url(path: string): string {
    return new URL(path, this.deps.chatOrigin).toString();
  }

  private fileUrl(fileId: string): string {
    return this.url(`/api/files/${encodeURIComponent(fileId)}`);
  }

  /** Styles that only the shadow root sees; constructable sheets where possible (CSP-friendly). */
  private applyStyles(css: string): void {
    const root = this.root as ShadowRoot & { adoptedStyleSheets?: CSSStyleSheet[] };
    try {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(css);
      root.adoptedStyleSheets = [sheet];
      return;
    } catch {
      // Older browsers: a style element (needs style-src to allow it on strict pages).
    }
    const style = document.createElement('style');
    style.textContent = css;
    root.appendChild(style);
  }

  /** For tests and the page: the Case the widget shows. */
  get currentCase(): Case | null {
    return this.caseView;
  }
}
