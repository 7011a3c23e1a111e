/**
 * The chat part of the widget: the customer socket (through the shared frame dispatcher), the
 * conversation (the shared message list, mine being the customer's), sends in flight, uploads,
 * "This chat has ended", and catching up after a reconnect or a `resync`.
 */
import { ComposerLimit } from '../shared/composer';
import { deliver, MessageList, Outbox, UploadList } from '../shared/conversation';
import { FrameDispatcher } from '../shared/dispatcher';
import { h, setText } from '../shared/dom';
import { FileAccess, fileLimitText } from '../shared/files';
import { ApiError, requestJson, saveBlob } from '../shared/http';
import { newId } from '../shared/ids';
import { DEFAULT_LIMITS, loadLimits } from '../shared/limits';
import { MessageStore } from '../shared/messages';
import { fetchTranscript, transcriptFileName } from '../shared/transcript';
import { parseMessages, type Case, type CustomerFrame, type Message } from '../shared/protocol';
import { ReconnectingSocket, wsUrl, type ConnectionState, type SocketLike } from '../shared/socket';
import { bearerProtocols } from '../shared/socketAuth';
import { TypingBoard, TypingThrottle, typingText } from '../shared/typing';
import { RatingPrompt } from './rating';
import type { SavedChat } from './session';
import type { WidgetStore } from './state';

const defaultOpenSocket = (url: string, token: string): SocketLike =>
  new WebSocket(url, bearerProtocols(token)) as unknown as SocketLike;

const PAGE = 100;
/** After this many failed connects in a row, check whether the saved token still works at all. */
const PROBE_AFTER = 3;

export interface ChatDeps {
  chatOrigin: string;
  store: WidgetStore;
  openSocket?: (url: string, token: string) => SocketLike;
  /** The saved chat is not ours any more (token refused): back to the form, with this text. */
  lost(text: string): void;
  /** "Start a new chat" was clicked. */
  newChat(): void;
  icon(d: string): SVGSVGElement;
}

export class ChatController {
  readonly el: HTMLElement;
  readonly dispatcher = new FrameDispatcher();
  private readonly status: HTMLElement;
  private readonly list: MessageList;
  private readonly uploads: UploadList;
  private readonly ended: HTMLElement;
  private readonly typingEl: HTMLElement;
  private readonly typing: TypingBoard;
  private readonly typingOut = new TypingThrottle();
  private readonly transcript: HTMLElement;
  private readonly composerForm: HTMLFormElement;
  private readonly composer: HTMLTextAreaElement;
  private readonly fileInput: HTMLInputElement;
  private readonly limit: ComposerLimit;
  private readonly fileHint: HTMLElement;
  private readonly outbox: Outbox<CustomerFrame>;
  private files: FileAccess | null = null;
  private socket: ReconnectingSocket | null = null;
  private messages: MessageStore | null = null;
  private everConnected = false;
  private probing = false;

  constructor(private readonly deps: ChatDeps) {
    const { store } = deps;
    this.status = h('p', {
      class: 'status',
      'data-testid': 'connection-status',
      'data-state': 'stopped',
      role: 'status',
    });
    this.list = new MessageList({
      attrs: {
        class: 'messages',
        'data-testid': 'message-list',
        'aria-live': 'polite',
        'aria-label': 'Messages',
        tabindex: 0,
      },
      viewer: {
        isMine: (m: Message) => m.sender.type === 'CUSTOMER',
        authorOf: (m: Message) => (m.sender.type === 'USER' ? m.sender.name : null),
      },
      onDownload: (f) => void this.files?.download(f),
      loadPreview: (f, img) => this.files?.loadPreview(f, img),
      onRetry: (id) => this.outbox.retry(id),
      onEdit: (text) => this.editText(text),
    });
    this.uploads = new UploadList('uploads', { cls: 'btn btn--icon', label: '✕' });
    this.outbox = new Outbox<CustomerFrame>(
      () => this.list,
      (f) => this.socket?.send(f) ?? false,
    );

    const newChat = h(
      'button',
      { type: 'button', class: 'btn btn--primary', 'data-testid': 'new-chat' },
      'Start a new chat',
    );
    newChat.addEventListener('click', () => deps.newChat());
    this.ended = h(
      'div',
      { class: 'ended', 'data-testid': 'chat-ended', role: 'status', hidden: true },
      h('p', null, 'This chat has ended'),
      new RatingPrompt(deps.store, deps.chatOrigin).el,
      newChat,
    );
    this.transcript = this.transcriptLink();
    this.composer = h('textarea', {
      class: 'composer__input',
      'data-testid': 'composer',
      rows: 2,
      'aria-label': 'Message',
      placeholder: 'Type a message…',
    });
    this.composer.addEventListener('input', () => this.typed());
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
      for (const f of files) void this.sendFile(f);
    });
    const attach = h(
      'button',
      {
        type: 'button',
        class: 'btn btn--icon',
        'data-testid': 'attach-button',
        'aria-label': 'Send a file',
      },
      deps.icon(
        'M21 11.5l-8.5 8.5a5 5 0 0 1-7-7l9-9a3.3 3.3 0 0 1 4.7 4.7l-9 9a1.7 1.7 0 0 1-2.4-2.4l8.3-8.3',
      ),
    );
    attach.addEventListener('click', () => this.fileInput.click());
    const send = h(
      'button',
      { type: 'submit', class: 'btn btn--primary', 'data-testid': 'send' },
      'Send',
    );
    this.limit = new ComposerLimit(
      this.composer,
      send,
      DEFAULT_LIMITS.messageChars,
      'cc-composer-limit',
    );
    this.fileHint = h(
      'span',
      { class: 'composer__hint', 'data-testid': 'file-limit' },
      fileLimitText(DEFAULT_LIMITS),
    );
    this.composerForm = h(
      'form',
      { class: 'composer', 'aria-label': 'Write a message' },
      this.composer,
      this.limit.el,
      h('div', { class: 'composer__actions' }, attach, this.fileInput, this.fileHint, send),
    );
    this.composerForm.addEventListener('submit', (ev) => {
      ev.preventDefault();
      this.sendText();
    });
    this.typingEl = h('p', {
      class: 'typing',
      'data-testid': 'typing-indicator',
      'aria-live': 'polite',
      hidden: true,
    });
    this.typing = new TypingBoard((_caseId, name) => {
      setText(this.typingEl, name === null ? '' : typingText(name));
      this.typingEl.hidden = name === null;
    });
    this.el = h(
      'div',
      { class: 'chat', 'data-testid': 'chat', hidden: true },
      this.status,
      this.transcript,
      this.list.el,
      this.uploads.el,
      this.typingEl,
      this.ended,
      this.composerForm,
    );

    this.renderState(store.get().connection);
    store.select('connection', (s) => this.renderState(s));
    store.select('open', () => this.countUnread());
    store.select('ended', (ended) => {
      this.ended.hidden = !ended;
      this.composerForm.hidden = ended;
    });
    this.dispatcher
      .on('case', (f) => this.applyCase(f.case))
      .on('history', (f) => {
        if (f.case) this.applyCase(f.case);
        this.add(f.messages);
      })
      .on('message', (f) => {
        if (f.message.sender.type === 'USER') this.typing.clear(f.message.caseId);
        this.add([f.message]);
      })
      .on('typing', (f) => {
        if (f.from === 'USER') this.typing.heard(f.caseId, f.name);
      })
      .on('accepted', (f) => this.outbox.accepted(f.clientMsgId))
      .on('resync', () => void this.reload())
      .on('error', (f) => {
        if (f.code === 'CASE_CLOSED') store.set({ ended: true });
        this.outbox.refused(f.code, f.message, f.ref);
      });
  }

  /** Shows a chat (new or saved) and connects its socket. */
  start(chat: SavedChat): void {
    this.el.hidden = false;
    this.deps.store.set({ ended: false });
    this.messages = new MessageStore(chat.caseId);
    this.files = new FileAccess(this.deps.chatOrigin, () => chat.customerToken);
    this.list.clear();
    // Asked once a chat is shown (never for a page whose visitor does not chat).
    void loadLimits(this.deps.chatOrigin).then((l) => {
      this.limit.setMax(l.messageChars);
      setText(this.fileHint, fileLimitText(l));
    });
    this.connect(chat.customerToken);
  }

  /**
   * "Download transcript": shown the whole time a chat is on screen, also after it ended. It
   * fetches the text with the customer token and saves it as chat-<number>.txt; a failure says
   * so beside the link and the link stays.
   */
  private transcriptLink(): HTMLElement {
    const link = h(
      'button',
      { type: 'button', class: 'link', 'data-testid': 'transcript-download' },
      'Download transcript',
    );
    const note = h('span', {
      class: 'transcript__note',
      'data-testid': 'transcript-note',
      role: 'status',
    });
    link.addEventListener('click', () => {
      const chat = this.deps.store.get().chat;
      if (!chat) return;
      setText(note, '');
      fetchTranscript(this.deps.chatOrigin, chat.caseId, () => chat.customerToken).then(
        (blob) => saveBlob(blob, transcriptFileName(chat.number)),
        () => setText(note, 'The transcript could not be downloaded. Try again shortly.'),
      );
    });
    return h('p', { class: 'transcript' }, link, note);
  }

  /** Leaves the chat: socket closed, everything it showed gone. */
  stop(): void {
    this.socket?.stop();
    this.socket = null;
    this.messages = null;
    this.outbox.clear();
    this.files?.clear();
    this.files = null;
    this.list.clear();
    this.uploads.clear();
    this.el.hidden = true;
  }

  reconnectNow(): void {
    this.socket?.reconnectNow();
  }

  focus(): void {
    this.composer.focus();
  }

  scrollToBottom(): void {
    this.list.scrollToBottom();
  }

  private connect(token: string): void {
    this.socket?.stop();
    this.everConnected = false;
    // The token rides in Sec-WebSocket-Protocol, never in the URL (logs, proxies, history).
    const url = wsUrl(this.deps.chatOrigin, '/ws/customer');
    this.socket = new ReconnectingSocket({
      connect: () => (this.deps.openSocket ?? defaultOpenSocket)(url, token),
      onFrame: (f) => this.dispatcher.dispatch(f),
      onOpen: (reconnected) => {
        this.everConnected = true;
        const lastSeq = this.messages?.lastSeq ?? 0;
        if (reconnected && lastSeq > 0) this.socket?.send({ type: 'resume', lastSeq });
        this.outbox.resendAll();
      },
      onState: (s, d) => {
        this.deps.store.set({ connection: s });
        if (s === 'reconnecting' && !this.everConnected && d.attempt >= PROBE_AFTER)
          void this.probe();
      },
    });
    this.socket.start();
  }

  /** The socket keeps failing before it ever opened: is the saved chat still ours at all? */
  private async probe(): Promise<void> {
    const chat = this.deps.store.get().chat;
    if (!chat || this.probing) return;
    this.probing = true;
    try {
      await requestJson(
        this.url(`/api/chats/${encodeURIComponent(chat.caseId)}/messages?after=0&limit=1`),
        { token: () => chat.customerToken },
      );
    } catch (e) {
      if (
        e instanceof ApiError &&
        [401, 403, 404].includes(e.status) &&
        this.deps.store.get().chat === chat
      ) {
        this.deps.lost('Your previous chat could not be restored. Please start a new one.');
      }
    } finally {
      this.probing = false;
    }
  }

  private applyCase(c: Case): void {
    const { store } = this.deps;
    const chat = store.get().chat;
    if (!chat || c.caseId !== chat.caseId) return;
    store.set({
      case: c,
      ended: c.status === 'RESOLVED' || c.status === 'CLOSED',
      chat: chat.number === c.number ? chat : { ...chat, number: c.number },
    });
  }

  private add(messages: readonly Message[]): void {
    if (!this.messages) return;
    deliver(this.messages, messages, this.outbox, this.list);
    this.countUnread();
  }

  /**
   * The launcher's count: agent messages after the last one seen with the panel open. Seen
   * moves on while the panel is open; the count survives a reload (seenSeq is saved).
   */
  private countUnread(): void {
    const { store } = this.deps;
    const s = store.get();
    const messages = this.messages;
    if (!messages) return;
    if (s.open) {
      store.set({ seenSeq: Math.max(s.seenSeq, messages.lastSeq), unread: 0 });
      return;
    }
    const unread = messages
      .list()
      .filter((m) => m.sender.type === 'USER' && m.seq > s.seenSeq).length;
    store.set({ unread });
  }

  /** After a `resync`: what follows the last seq held, over REST. */
  private async reload(): Promise<void> {
    const chat = this.deps.store.get().chat;
    const messages = this.messages;
    if (!chat || !messages) return;
    try {
      for (;;) {
        const after = messages.lastSeq;
        const { body } = await requestJson(
          this.url(
            `/api/chats/${encodeURIComponent(chat.caseId)}/messages?after=${after}&limit=${PAGE}`,
          ),
          { token: () => chat.customerToken },
        );
        if (this.messages !== messages) return;
        const page = parseMessages(body);
        this.add(page);
        if (page.length < PAGE || messages.lastSeq === after) break;
      }
    } catch {
      // The next reconnect replays again.
    }
  }

  /** The customer typed: the agent hears of it, at most once every 2 s. */
  private typed(): void {
    const chat = this.deps.store.get().chat;
    if (!chat || this.composer.value.trim() === '') return;
    if (this.typingOut.admit(chat.caseId, Date.now())) this.socket?.send({ type: 'typing' });
  }

  private sendText(): void {
    const text = this.composer.value;
    const chat = this.deps.store.get().chat;
    if (text.trim() === '' || !chat) return;
    this.typingOut.reset(chat.caseId);
    // Over the limit: refused here, the text stays in the composer with the reason under it.
    if (!this.limit.check()) return;
    this.composer.value = '';
    this.limit.update();
    const clientMsgId = newId();
    this.outbox.send(clientMsgId, { type: 'send', clientMsgId, text }, text);
  }

  /** A refused text comes back to be edited (after anything typed since). */
  private editText(text: string): void {
    const now = this.composer.value;
    this.composer.value = now.trim() === '' || now === text ? text : `${now}\n\n${text}`;
    this.limit.update();
    this.composer.focus();
  }

  private async sendFile(file: File): Promise<void> {
    const chat = this.deps.store.get().chat;
    if (!chat || !this.files) return;
    const ref = await this.files.upload(chat.caseId, file, this.uploads.start(file.name));
    if (!ref) return;
    const clientMsgId = newId();
    this.outbox.send(clientMsgId, { type: 'send', clientMsgId, fileId: ref.fileId }, ref.name);
  }

  private renderState(s: ConnectionState): void {
    this.status.dataset.state = s;
    setText(
      this.status,
      s === 'reconnecting' ? 'Reconnecting…' : s === 'connecting' ? 'Connecting…' : '',
    );
    this.status.hidden = s === 'connected' || s === 'stopped';
  }

  private url(path: string): string {
    return new URL(path, this.deps.chatOrigin).toString();
  }
}
