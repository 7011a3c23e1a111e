/**
 * The agent console: wires the socket, the REST calls, the tile model and the views together.
 * The socket carries the live picture (tiles, cases, messages, read marks); claims go over REST so
 * a lost race comes back with the winner's name.
 */
import { h, setText } from '../shared/dom';
import { fullName } from '../shared/format';
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
  parseCase,
  parseCaseFiles,
  parseCases,
  parseMessages,
  parseQuickReplies,
  parseTile,
  type AgentFrame,
  type Case,
  type FileRef,
  type Message,
  type QuickReply,
  type ServerFrame,
} from '../shared/protocol';
import { renderQuickReply, valuesFor } from '../shared/quickReplies';
import { ReconnectingSocket, wsUrl, type ConnectionState, type SocketLike } from '../shared/socket';
import type { AuthSession } from './auth';
import { ConsoleModel, type TileView } from './model';
import { Notifier } from './notify';
import { CasePanelView } from './views/casePanel';
import { ClaimPopup } from './views/claimPopup';
import { ConversationView } from './views/conversation';
import { renderTilesRow } from './views/tilesRow';
import { PreviewCache } from '../shared/previews';
import { bearerProtocols } from '../shared/socketAuth';

export interface ConsoleDeps {
  /** The gateway's origin (the page's own). */
  origin: string;
  auth: AuthSession;
  /** Opens the agent socket with a token (tests pass a fake). */
  openSocket?: (url: string, token: string) => SocketLike;
  notifier?: Notifier;
}

/** Browsers cannot set headers on a WebSocket: the token rides in Sec-WebSocket-Protocol. */
export function agentSocketProtocols(token: string): string[] {
  return bearerProtocols(token);
}

const defaultOpenSocket = (url: string, token: string): SocketLike =>
  new WebSocket(url, agentSocketProtocols(token)) as unknown as SocketLike;

/** Messages per REST page when loading a conversation, and at most this many pages. */
const PAGE = 200;
const MAX_PAGES = 25;

export class ConsoleApp {
  readonly el: HTMLElement;
  private readonly model: ConsoleModel;
  private readonly socket: ReconnectingSocket;
  private readonly tilesRow: HTMLElement;
  private readonly conversation: ConversationView;
  private readonly casePanel: CasePanelView;
  private readonly popup: ClaimPopup;
  private readonly notice: HTMLElement;
  private readonly status: HTMLElement;
  private readonly meLabel: HTMLElement;
  private readonly notifyBtn: HTMLButtonElement;
  private readonly notifier: Notifier;
  /**
   * Every message this socket session delivered, per Case. The gateway sends each seq once per
   * socket (a Case's messages that arrived while I was elsewhere are not repeated when I open it),
   * so they are kept here, and opening a Case also loads its conversation over REST.
   */
  private readonly stores = new Map<string, MessageStore>();
  private readonly pending = new PendingSends<AgentFrame>();
  private quickReplies: QuickReply[] = [];
  private readonly previews = new PreviewCache();
  private noticeTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly resolveRequests = new Set<string>();

  constructor(private readonly deps: ConsoleDeps) {
    this.model = new ConsoleModel(deps.auth.me);
    this.notifier = deps.notifier ?? new Notifier();
    this.tilesRow = h('nav', { class: 'tiles', 'data-testid': 'tiles-row', 'aria-label': 'Chats' });
    this.status = h(
      'span',
      {
        class: 'status',
        'data-testid': 'connection-status',
        'data-state': 'connecting',
        role: 'status',
      },
      'Connecting…',
    );
    this.meLabel = h('span', { class: 'me', 'data-testid': 'agent-name' }, fullName(deps.auth.me));
    this.notifyBtn = h('button', {
      type: 'button',
      class: 'btn btn--small',
      'data-testid': 'notify-toggle',
    });
    this.notifyBtn.addEventListener(
      'click',
      () => void this.notifier.toggle().then(() => this.renderNotifyToggle()),
    );
    const signOut = h(
      'button',
      { type: 'button', class: 'btn btn--small', 'data-testid': 'sign-out' },
      'Sign out',
    );
    signOut.addEventListener('click', () => deps.auth.logout());
    this.notice = h('div', {
      class: 'notice',
      'data-testid': 'notice',
      role: 'alert',
      hidden: true,
    });

    this.conversation = new ConversationView(deps.auth.me, {
      sendText: (text) => this.sendText(text),
      sendFiles: (files) => this.sendFiles(files),
      claim: () => {
        const id = this.model.accessing;
        if (id) void this.claim(id);
      },
      resolve: () => this.resolve(),
      retry: (id) => this.retry(id),
      download: (f) => void this.download(f),
      loadPreview: (f, img) => void this.loadPreview(f, img),
      quickReplies: () => this.quickReplies,
      renderQuickReply: (qr) => {
        const c = this.currentCase();
        return renderQuickReply(qr.body, valuesFor(c, this.model.me));
      },
    });
    this.casePanel = new CasePanelView({
      loadFiles: (id) => void this.loadFiles(id),
      download: (f) => void this.download(f),
      loadOtherCases: (c) => void this.loadOtherCases(c),
      openCase: (id) => this.openCase(id),
    });

    const top = h(
      'header',
      { class: 'topbar' },
      this.tilesRow,
      h('div', { class: 'topbar__right' }, this.status, this.notifyBtn, this.meLabel, signOut),
    );
    this.el = h(
      'div',
      { class: 'console', 'data-testid': 'console' },
      top,
      this.notice,
      h('main', { class: 'workspace' }, this.conversation.el, this.casePanel.el),
    );
    this.popup = new ClaimPopup(this.el);
    this.renderNotifyToggle();
    this.renderTiles();

    this.socket = new ReconnectingSocket({
      connect: async () => {
        const token = await deps.auth.token();
        return (deps.openSocket ?? defaultOpenSocket)(wsUrl(deps.origin, '/ws/agent'), token);
      },
      onFrame: (f) => this.onFrame(f),
      onOpen: (reconnected) => this.onOpen(reconnected),
      onState: (s) => this.renderState(s),
    });
    deps.auth.onRefresh((token) => this.socket.send({ type: 'auth', token }));
  }

  start(): void {
    this.socket.start();
    void this.loadQuickReplies();
    window.addEventListener('online', () => this.socket.reconnectNow());
  }

  stop(): void {
    this.socket.stop();
  }

  // ------------------------------------------------------------------------- socket

  private onOpen(reconnected: boolean): void {
    if (!reconnected) return;
    // Catch up from the last seq held per Case; the replay and the live stream overlap
    // harmlessly (each store keeps a seq once).
    const cases: Record<string, number> = {};
    for (const [id, store] of this.stores) if (store.size > 0) cases[id] = store.lastSeq;
    if (Object.keys(cases).length > 0) this.socket.send({ type: 'resume', cases });
    if (this.model.accessing) this.socket.send({ type: 'open', caseId: this.model.accessing });
    for (const p of this.pending.toResend()) this.socket.send(p.frame);
  }

  onFrame(f: ServerFrame): void {
    switch (f.type) {
      case 'hello':
        this.model.me = f.agent;
        this.conversation.setMe(f.agent);
        setText(this.meLabel, fullName(f.agent));
        break;
      case 'tiles':
        this.model.applyTiles(f.tiles, f.more);
        this.renderTiles();
        break;
      case 'case':
        this.applyCase(f.case);
        break;
      case 'message':
        this.onMessage(f.message);
        break;
      case 'read':
        if (this.model.markRead(f.caseId, f.seq)) this.renderTiles();
        break;
      case 'history':
        if (f.case) this.applyCase(f.case);
        this.addMessages(f.caseId, f.messages);
        if (this.model.accessing === f.caseId) {
          // Opening marked the Case read up to its last message.
          const last = f.messages.reduce((max, m) => Math.max(max, m.seq), 0);
          this.model.markRead(f.caseId, Math.max(last, f.case?.lastSeq ?? 0));
        }
        this.renderTiles();
        break;
      case 'claimed':
      case 'resolved':
        if (f.case) this.applyCase(f.case);
        if (f.type === 'resolved' && f.requestId) this.resolveRequests.delete(f.requestId);
        break;
      case 'accepted':
        this.pending.accepted(f.clientMsgId);
        this.conversation.pendingAccepted(f.clientMsgId);
        break;
      case 'resync':
        for (const id of f.caseId === null ? [...this.stores.keys()] : [f.caseId]) {
          const store = this.stores.get(id);
          if (store) void this.load(store, store.lastSeq);
        }
        break;
      case 'error':
        this.onError(f.code, f.message, f.ref);
        break;
    }
  }

  private onError(code: string, message: string, ref: string | null): void {
    if (ref && this.pending.get(ref)) {
      if (code === 'UNAVAILABLE' || code === 'RATE_LIMITED') {
        // Not stored: send again (same clientMsgId) after a moment.
        setTimeout(() => this.retry(ref), 1500);
        return;
      }
      this.pending.failed(ref, message || code);
      this.conversation.pendingFailed(ref, message || code);
      return;
    }
    if (ref && this.resolveRequests.delete(ref)) {
      this.showNotice(message || 'The Case could not be resolved.');
      return;
    }
    if (
      code === 'ALREADY_CLAIMED' ||
      code === 'FORBIDDEN' ||
      code === 'NOT_FOUND' ||
      code === 'CASE_CLOSED'
    ) {
      this.showNotice(message || code);
    }
  }

  private applyCase(c: Case): void {
    const change = this.model.applyCase(c);
    const accessing = this.model.accessing === c.caseId;
    if (accessing) {
      this.conversation.setCase(c);
      this.casePanel.show(c);
    }
    if (change.appeared && c.status === 'NEW') {
      this.notifier.notify('New chat', `${fullName(c.contact) || c.contact.email} started a chat`);
    }
    if (change.left && accessing && c.owner && c.owner.id !== this.model.me.id) {
      // Someone else claimed the Case I was reading: its tile goes, and so does the view.
      this.showNotice(`Already claimed by ${fullName(c.owner)}`);
      this.closeConversation();
    }
    if (change.left && !accessing) this.stores.delete(c.caseId);
    if (change.refill) void this.refillTiles();
    this.renderTiles();
  }

  private onMessage(m: Message): void {
    const { fromCustomer } = this.model.noteMessage(m);
    const accessing = this.model.accessing === m.caseId;
    this.addMessages(m.caseId, [m]);
    if (accessing && fromCustomer) {
      this.model.markRead(m.caseId, m.seq);
      this.socket.send({ type: 'read', caseId: m.caseId, seq: m.seq });
    }
    if (fromCustomer && (!accessing || document.hidden) && this.model.isTile(m.caseId)) {
      const c = this.model.get(m.caseId);
      this.notifier.notify(
        'New message',
        `${fullName(c?.contact) || 'Customer'}: ${m.text ?? m.file?.name ?? ''}`,
      );
    }
    if (accessing && m.kind === 'FILE' && this.casePanel.filesTabOpen)
      void this.loadFiles(m.caseId);
    this.renderTiles();
  }

  private storeOf(caseId: string): MessageStore {
    let store = this.stores.get(caseId);
    if (!store) {
      store = new MessageStore(caseId);
      this.stores.set(caseId, store);
    }
    return store;
  }

  /** Keeps messages of a Case (once per seq) and shows the new ones if it is the open Case. */
  private addMessages(caseId: string, messages: Message[]): void {
    if (messages.length === 0) return;
    const added = this.storeOf(caseId).addAll(messages);
    for (const m of added) {
      this.pending.delivered(m.clientMsgId);
      this.model.noteMessage(m);
    }
    if (this.model.accessing === caseId) this.conversation.addMessages(added);
  }

  // ------------------------------------------------------------------------- user actions

  private onTileClick(t: TileView, el: HTMLElement): void {
    const id = t.case.caseId;
    if (t.look.color === 'orange') {
      this.popup.open(t.case, el, {
        onClaim: () => void this.claim(id),
        onLeave: () => this.openCase(id),
      });
      return;
    }
    this.popup.close();
    if (this.model.accessing !== id) this.openCase(id);
  }

  /** Accesses a Case: the conversation loads, the tile turns solid, its badge clears. */
  openCase(caseId: string): void {
    const c = this.model.get(caseId);
    if (!c) return;
    if (this.model.accessing && this.model.accessing !== caseId) {
      this.socket.send({ type: 'close', caseId: this.model.accessing });
    }
    const store = this.storeOf(caseId);
    if (this.model.accessing !== caseId) {
      this.revokePreviews();
      this.model.setAccessing(caseId);
      this.conversation.show(c);
      this.conversation.addMessages([...store.list()]);
      this.casePanel.show(c);
    }
    // Opening marks the Case read up to its last message: the badge clears at once.
    this.model.markRead(caseId, c.lastSeq);
    this.socket.send({ type: 'open', caseId });
    // Seqs start at 1: a store holding as many messages as its last seq has them all.
    void this.load(store, store.size === store.lastSeq ? store.lastSeq : 0);
    this.renderTiles();
    this.conversation.focusComposer();
  }

  private closeConversation(): void {
    if (this.model.accessing) this.socket.send({ type: 'close', caseId: this.model.accessing });
    this.model.setAccessing(null);
    this.revokePreviews();
    this.conversation.clear();
    this.casePanel.show(null);
    this.renderTiles();
  }

  async claim(caseId: string): Promise<void> {
    try {
      const { body } = await requestJson(
        this.api(`/api/cases/${encodeURIComponent(caseId)}/claim`),
        {
          method: 'POST',
          token: () => this.deps.auth.token(),
        },
      );
      const c = parseCase(body);
      if (c) this.applyCase(c);
      this.openCase(caseId);
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) {
        const owner = e.problem.owner;
        this.showNotice(
          owner ? `Already claimed by ${fullName(owner)}` : (e.problem.detail ?? 'Already claimed'),
        );
        const change = this.model.remove(caseId);
        if (this.model.accessing === caseId) this.closeConversation();
        if (change.refill) void this.refillTiles();
        this.renderTiles();
      } else {
        this.showNotice(
          e instanceof ApiError ? (e.problem.detail ?? 'Could not claim.') : 'Could not claim.',
        );
      }
    }
  }

  private resolve(): void {
    const caseId = this.model.accessing;
    if (!caseId) return;
    const requestId = newId();
    this.resolveRequests.add(requestId);
    if (this.socket.send({ type: 'resolve', caseId, requestId })) return;
    this.resolveRequests.delete(requestId);
    requestJson(this.api(`/api/cases/${encodeURIComponent(caseId)}/resolve`), {
      method: 'POST',
      token: () => this.deps.auth.token(),
    })
      .then(({ body }) => {
        const c = parseCase(body);
        if (c) this.applyCase(c);
      })
      .catch((e: unknown) =>
        this.showNotice(
          e instanceof ApiError ? (e.problem.detail ?? 'Could not resolve.') : 'Could not resolve.',
        ),
      );
  }

  private sendText(text: string): void {
    const caseId = this.model.accessing;
    if (!caseId) return;
    const clientMsgId = newId();
    const frame: AgentFrame = { type: 'send', caseId, clientMsgId, text };
    this.pending.add(clientMsgId, frame, text);
    this.conversation.showPending(clientMsgId, text);
    this.socket.send(frame); // if closed, resent on reconnect
  }

  private retry(clientMsgId: string): void {
    const p = this.pending.retry(clientMsgId);
    if (p) this.socket.send(p.frame);
  }

  private sendFiles(files: File[]): void {
    const caseId = this.model.accessing;
    if (!caseId) return;
    for (const file of files) {
      const row = this.conversation.uploadStarted(file.name);
      void this.deps.auth
        .token()
        .then(
          (token) =>
            uploadFile(this.api('/api/files'), token, caseId, file, (f) => row.progress(f)).promise,
        )
        .then((ref) => {
          row.done();
          const clientMsgId = newId();
          const frame: AgentFrame = { type: 'send', caseId, clientMsgId, fileId: ref.fileId };
          this.pending.add(clientMsgId, frame, ref.name);
          this.conversation.showPending(clientMsgId, ref.name);
          this.socket.send(frame);
        })
        .catch((e: unknown) => row.failed(uploadErrorText(e)));
    }
  }

  private async download(f: FileRef): Promise<void> {
    try {
      saveBlob(await fetchBlob(this.fileUrl(f.fileId), () => this.deps.auth.token()), f.name);
    } catch {
      this.showNotice(`Could not download ${f.name}`);
    }
  }

  private async loadPreview(f: FileRef, img: HTMLImageElement): Promise<void> {
    await this.previews.show(f.fileId, this.fileUrl(f.fileId), () => this.deps.auth.token(), img);
  }

  private revokePreviews(): void {
    this.previews.clear();
  }

  // ------------------------------------------------------------------------- REST loads

  private async loadFiles(caseId: string): Promise<void> {
    try {
      const { body } = await requestJson(
        this.api(`/api/cases/${encodeURIComponent(caseId)}/files`),
        {
          token: () => this.deps.auth.token(),
        },
      );
      this.casePanel.setFiles(caseId, parseCaseFiles(body));
    } catch {
      this.casePanel.setFiles(caseId, []);
    }
  }

  /** The Contact's open Cases that case-service lets me see (its rules, not the console's). */
  private async loadOtherCases(c: Case): Promise<void> {
    if (c.contact.id === null) return;
    try {
      const { body } = await requestJson(
        this.api(`/api/cases?contactId=${encodeURIComponent(c.contact.id)}`),
        { token: () => this.deps.auth.token() },
      );
      this.casePanel.setOtherCases(c.caseId, parseCases(body));
    } catch {
      this.casePanel.setOtherCases(c.caseId, []);
    }
  }

  private async loadQuickReplies(): Promise<void> {
    try {
      const { body } = await requestJson(this.api('/api/quick-replies'), {
        token: () => this.deps.auth.token(),
      });
      this.quickReplies = parseQuickReplies(body);
    } catch {
      this.quickReplies = [];
    }
  }

  /** A shown tile left while more Cases wait: the server says which one moves up. */
  private async refillTiles(): Promise<void> {
    try {
      const { body } = await requestJson(this.api('/api/tiles'), {
        token: () => this.deps.auth.token(),
      });
      const o = (body ?? {}) as { tiles?: unknown; more?: unknown };
      const tiles = Array.isArray(o.tiles) ? o.tiles.map(parseTile).filter((t) => t !== null) : [];
      this.model.applyTiles(tiles, typeof o.more === 'number' ? o.more : 0);
      this.renderTiles();
    } catch {
      // The next reconnect's tiles frame corrects the row.
    }
  }

  /**
   * Loads a conversation over REST from `after` on (0 when a Case is opened, the last seq held
   * after a `resync`), page by page, merged with what the socket delivers.
   */
  private async load(store: MessageStore, after: number): Promise<void> {
    try {
      for (let pages = 0; pages < MAX_PAGES; pages++) {
        const { body } = await requestJson(
          this.api(
            `/api/cases/${encodeURIComponent(store.caseId)}/messages?after=${after}&limit=${PAGE}`,
          ),
          { token: () => this.deps.auth.token() },
        );
        const page = parseMessages(body).filter((m) => m.caseId === store.caseId);
        this.addMessages(store.caseId, page);
        const last = page.reduce((max, m) => Math.max(max, m.seq), after);
        if (page.length < PAGE || last === after) break;
        after = last;
      }
      this.renderTiles();
    } catch {
      this.showNotice('Could not load the whole conversation; it continues live.');
    }
  }

  // ------------------------------------------------------------------------- rendering

  private currentCase(): Case | null {
    const id = this.model.accessing;
    return id ? (this.model.get(id) ?? null) : null;
  }

  private renderTiles(): void {
    renderTilesRow(this.tilesRow, this.model.tiles(), (t, el) => this.onTileClick(t, el));
  }

  private renderState(s: ConnectionState): void {
    this.status.dataset.state = s;
    setText(
      this.status,
      s === 'connected'
        ? 'Connected'
        : s === 'reconnecting'
          ? 'Reconnecting…'
          : s === 'connecting'
            ? 'Connecting…'
            : 'Offline',
    );
  }

  private renderNotifyToggle(): void {
    const on = this.notifier.enabled;
    this.notifyBtn.setAttribute('aria-pressed', String(on));
    this.notifyBtn.dataset.enabled = String(on);
    setText(this.notifyBtn, on ? 'Alerts on' : 'Alerts off');
  }

  showNotice(text: string): void {
    setText(this.notice, text);
    this.notice.hidden = false;
    if (this.noticeTimer) clearTimeout(this.noticeTimer);
    this.noticeTimer = setTimeout(() => {
      this.notice.hidden = true;
    }, 8000);
  }

  private api(path: string): string {
    return new URL(path, this.deps.origin).toString();
  }

  private fileUrl(fileId: string): string {
    return this.api(`/api/files/${encodeURIComponent(fileId)}`);
  }
}
