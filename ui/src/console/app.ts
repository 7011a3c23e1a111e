/**
 * The agent console's composition root: the socket feeds one frame dispatcher, which feeds the
 * feature controllers (tiles, conversation, claims, Case panel, Quick Replies, notices); they share
 * a small typed store (controllers/*, state.ts). Claims and resolves go over REST, a
 * conversation's history comes from the socket's `open`.
 */
import { FrameDispatcher } from '../shared/dispatcher';
import { PresenceControl } from './controllers/presence';
import { TypingController } from './controllers/typing';
import { h, setText } from '../shared/dom';
import { FileAccess } from '../shared/files';
import { fullName } from '../shared/format';
import type { ServerFrame } from '../shared/protocol';
import { ReconnectingSocket, wsUrl, type ConnectionState, type SocketLike } from '../shared/socket';
import { bearerProtocols } from '../shared/socketAuth';
import type { AuthSession } from './auth';
import { CallsController } from './controllers/calls';
import { CasePanelController } from './controllers/casePanel';
import { ClaimController } from './controllers/claims';
import { ConversationController } from './controllers/conversation';
import { ConversationsController } from './controllers/conversations';
import { NoticesController } from './controllers/notices';
import { QuickRepliesController } from './controllers/quickReplies';
import { QuickReplyAdminController } from './controllers/quickReplyAdmin';
import { TilesController } from './controllers/tiles';
import { ConsoleModel } from './model';
import { Notifier } from './notify';
import { createContext, type ConsoleContext } from './state';
import { ActivityIndicator } from './activity';
import { Drafts } from './drafts';
import { CaseRoute } from './route';

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

const STATE_TEXT: Record<ConnectionState, string> = {
  connected: 'Connected',
  reconnecting: 'Reconnecting…',
  connecting: 'Connecting…',
  stopped: 'Offline',
};

export class ConsoleApp {
  readonly el: HTMLElement;
  readonly ctx: ConsoleContext;
  private readonly socket: ReconnectingSocket;
  private readonly dispatcher = new FrameDispatcher();
  private readonly notifier: Notifier;
  private readonly quickReplies: QuickRepliesController;
  private readonly route: CaseRoute;
  private readonly presence: PresenceControl;

  constructor(deps: ConsoleDeps) {
    this.notifier = deps.notifier ?? new Notifier();
    this.ctx = createContext(deps.origin, deps.auth, new ConsoleModel(deps.auth.me), (f) =>
      this.socket.send(f),
    );
    const ctx = this.ctx;
    const files = new FileAccess(deps.origin, () => deps.auth.token());
    const notices = new NoticesController(ctx);
    this.quickReplies = new QuickRepliesController(ctx);
    // Controllers reach each other through closures, called only once all are built.
    const claims = new ClaimController(ctx, {
      applyCase: (c) => tiles.applyCase(c),
      open: (id) => conversation.open(id),
      remove: (id) => tiles.remove(id),
    });
    const conversation = new ConversationController(ctx, {
      files,
      claim: (id) => void claims.claim(id),
      resolve: (id) => claims.resolveLater(id),
      undoResolve: (id) => void claims.undo(id),
      resolvePending: (id) => claims.secondsLeft(id),
      drafts: new Drafts(() => ctx.store.get().me.id),
      noted: (messages) => tiles.noted(messages),
      quickReplies: {
        quickReplies: () => this.quickReplies.list(),
        renderQuickReply: (qr) => this.quickReplies.render(qr),
      },
      handOn: {
        agents: () => claims.agents(),
        transfer: (id, to) => void claims.transfer(id, to),
        unassign: (id) => void claims.unassign(id),
      },
    });
    const tiles = new TilesController(ctx, this.notifier, {
      open: (id) => conversation.open(id),
      close: () => conversation.close(),
      claim: (id) => void claims.claim(id),
      forget: (id) => conversation.forget(id),
      claiming: (id) => claims.claiming(id),
    });
    claims.onPending = (id, left) => {
      if (ctx.store.get().current?.caseId === id) conversation.view.setResolvePending(left);
    };
    const activity = new ActivityIndicator();
    const typing = new TypingController(ctx, {
      root: () => this.el ?? null,
      line: conversation.view.typing,
      composer: conversation.view.composer,
    });
    tiles.onRender = () => {
      activity.update(ctx.model.totalUnread());
      typing.render();
    };
    this.route = new CaseRoute({
      current: () => ctx.store.get().current?.caseId ?? null,
      open: (id) => tiles.openById(id),
      close: () => conversation.close(),
      notice: (text) => ctx.notice(text),
    });
    ctx.store.select('current', (c) => this.route.shown(c?.caseId ?? null));
    const presence = new PresenceControl(ctx);
    this.presence = presence;
    const casePanel = new CasePanelController(ctx, files, (id) => conversation.open(id));
    const calls = new CallsController(ctx);
    const workspace = h('main', { class: 'workspace', 'data-view': 'chat' });
    const conversations = new ConversationsController(ctx, {
      open: (id) => tiles.openById(id),
      shown: (open) => (workspace.dataset.view = open ? 'list' : 'chat'),
    });
    // A Case opened from a tile (or the URL) while the list shows: the conversation comes back.
    ctx.store.select('current', (c) => {
      if (c && conversations.view.isOpen) conversations.setOpen(false);
    });
    const quickReplyAdmin = new QuickReplyAdminController(ctx, () => this.quickReplies.load());

    // Order matters within a frame type: tiles first (badges, read marks), then the views.
    tiles.register(this.dispatcher);
    conversation.register(this.dispatcher);
    casePanel.register(this.dispatcher);
    calls.register(this.dispatcher);
    typing.register(this.dispatcher);
    conversations.register(this.dispatcher);
    this.dispatcher
      .on('hello', (f) => ctx.store.set({ me: f.agent }))
      // The first tiles are known: a reload reopens the Case its URL names.
      .on('tiles', () => this.route.start())
      .on('error', (f) => {
        if (calls.refused(f.code, f.message, f.ref)) return;
        if (!conversation.refused(f.code, f.message, f.ref)) notices.error(f.code, f.message);
      });

    this.el = h(
      'div',
      { class: 'console', 'data-testid': 'console' },
      h(
        'header',
        { class: 'topbar' },
        tiles.el,
        h('div', { class: 'topbar__right' }, quickReplyAdmin.entry, ...this.topbarRight(deps.auth)),
      ),
      notices.el,
      workspace,
      calls.panel.el,
      quickReplyAdmin.view.el,
    );
    workspace.append(conversations.view.el, conversation.view.el, casePanel.view.el);
    this.el.querySelector('.topbar__right')?.prepend(conversations.toggle);
    // The call buttons go into the conversation header; the call panel lives outside it.
    conversation.view.el.querySelector('.conv__actions')?.prepend(calls.buttons.el);
    tiles.attach(this.el);
    tiles.render();

    this.socket = new ReconnectingSocket({
      connect: async () => {
        const token = await deps.auth.token();
        return (deps.openSocket ?? defaultOpenSocket)(wsUrl(deps.origin, '/ws/agent'), token);
      },
      onFrame: (f) => this.onFrame(f),
      onOpen: (reconnected) => {
        presence.announce();
        conversation.onOpen(reconnected);
      },
      onState: (s) => ctx.store.set({ connection: s }),
    });
    deps.auth.onRefresh((token) => this.socket.send({ type: 'auth', token }));
  }

  start(): void {
    this.socket.start();
    void this.quickReplies.load();
    window.addEventListener('online', () => this.socket.reconnectNow());
  }

  stop(): void {
    this.socket.stop();
  }

  onFrame(f: ServerFrame): void {
    this.dispatcher.dispatch(f);
  }

  showNotice(text: string): void {
    this.ctx.notice(text);
  }

  /** Connection status, alerts toggle, my name, sign out. */
  private topbarRight(auth: AuthSession): HTMLElement[] {
    const { store } = this.ctx;
    const status = h('span', {
      class: 'status',
      'data-testid': 'connection-status',
      role: 'status',
    });
    const renderState = (s: ConnectionState) => {
      status.dataset.state = s;
      setText(status, STATE_TEXT[s]);
    };
    renderState(store.get().connection);
    store.select('connection', renderState);

    const me = h('span', { class: 'me', 'data-testid': 'agent-name' }, fullName(auth.me));
    store.select('me', (a) => setText(me, fullName(a)));

    const notify = h('button', {
      type: 'button',
      class: 'btn btn--small',
      'data-testid': 'notify-toggle',
    });
    const renderNotify = () => {
      const on = this.notifier.enabled;
      notify.setAttribute('aria-pressed', String(on));
      notify.dataset.enabled = String(on);
      setText(notify, on ? 'Alerts on' : 'Alerts off');
    };
    renderNotify();
    notify.addEventListener('click', () => void this.notifier.toggle().then(renderNotify));

    // Desktop notifications only after this explicit opt-in (the browser asks permission now).
    const desktop = h('button', {
      type: 'button',
      class: 'btn btn--small',
      'data-testid': 'desktop-notifications',
    });
    const renderDesktop = () => {
      const state = this.notifier.desktop;
      desktop.dataset.state = state;
      desktop.hidden = state === 'unsupported';
      desktop.setAttribute('aria-pressed', String(state === 'on'));
      setText(
        desktop,
        state === 'on'
          ? 'Desktop notifications on'
          : state === 'blocked'
            ? 'Desktop notifications blocked'
            : 'Enable desktop notifications',
      );
      desktop.title =
        state === 'blocked'
          ? 'The browser refused: allow notifications for this site in its settings.'
          : state === 'on'
            ? 'Click to turn desktop notifications off.'
            : 'Shows new chats and messages while the console is in the background.';
    };
    renderDesktop();
    desktop.addEventListener('click', () => void this.notifier.toggleDesktop().then(renderDesktop));

    const signOut = h(
      'button',
      { type: 'button', class: 'btn btn--small', 'data-testid': 'sign-out' },
      'Sign out',
    );
    signOut.addEventListener('click', () => auth.logout());
    return [status, this.presence.el, notify, desktop, me, signOut];
  }
}
