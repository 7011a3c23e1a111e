/**
 * The conversation: every message the socket delivered, per Case (each seq once), the Case on
 * screen, sends in flight, uploads, and catching up after a reconnect.
 *
 * One way to load history: `open {caseId}` on the socket, answered by `history` (the last 200
 * messages, including those this socket already sent live). REST reloads happen only after a
 * `resync` (the replay would have been too long), as docs/protocol.md prescribes.
 */
import { deliver, Outbox } from '../../shared/conversation';
import type { FrameDispatcher } from '../../shared/dispatcher';
import type { FileAccess } from '../../shared/files';
import { newId } from '../../shared/ids';
import { MessageStore } from '../../shared/messages';
import {
  parseMessages,
  type AgentFrame,
  type FileRef,
  type Message,
  type Person,
} from '../../shared/protocol';
import type { ConsoleContext } from '../state';
import { ConversationView, type ConversationActions } from '../views/conversation';

/** Messages per REST page after a resync, and at most this many pages. */
const PAGE = 200;
const MAX_PAGES = 25;

export interface ConversationDeps {
  files: FileAccess;
  claim(caseId: string): void;
  resolve(caseId: string): void;
  undoResolve(caseId: string): void;
  /** Seconds left in a Case's resolve undo window, or null. */
  resolvePending(caseId: string): number | null;
  drafts: { get(caseId: string): string; set(caseId: string, text: string): void };
  /** Messages the client now holds (for the tiles' badges). */
  noted(messages: readonly Message[]): void;
  quickReplies: Pick<ConversationActions, 'quickReplies' | 'renderQuickReply'>;
  /** Transfer and unassign (ClaimController). */
  handOn: {
    agents(): Promise<Person[]>;
    transfer(caseId: string, to: Person): void;
    unassign(caseId: string): void;
  };
}

export class ConversationController {
  readonly view: ConversationView;
  private readonly stores = new Map<string, MessageStore>();
  private readonly outbox: Outbox<AgentFrame>;

  constructor(
    private readonly ctx: ConsoleContext,
    private readonly deps: ConversationDeps,
  ) {
    const onScreen = () => ctx.store.get().current?.caseId ?? null;
    this.view = new ConversationView(ctx.store.get().me, {
      sendText: (text) => this.sendText(text),
      sendNote: (text) => this.sendText(text, true),
      sendFiles: (files) => this.sendFiles(files),
      claim: () => {
        const id = onScreen();
        if (id) deps.claim(id);
      },
      resolve: () => {
        const id = onScreen();
        if (id) deps.resolve(id);
      },
      undoResolve: () => {
        const id = onScreen();
        if (id) deps.undoResolve(id);
      },
      loadDraft: (id) => deps.drafts.get(id),
      saveDraft: (id, text) => deps.drafts.set(id, text),
      retry: (id) => this.outbox.retry(id),
      download: (f) => void this.download(f),
      loadPreview: (f, img) => deps.files.loadPreview(f, img),
      ...deps.quickReplies,
      handOn: {
        agents: () => deps.handOn.agents(),
        transfer: (to) => {
          const id = onScreen();
          if (id) deps.handOn.transfer(id, to);
        },
        unassign: () => {
          const id = onScreen();
          if (id) deps.handOn.unassign(id);
        },
      },
    });
    void deps.files.limits().then((l) => this.view.setLimits(l));
    this.outbox = new Outbox<AgentFrame>(
      () => this.view.list,
      (f) => ctx.send(f),
    );
    ctx.store.select('me', (me) => this.view.setMe(me));
    ctx.store.select('current', (c, prev) => {
      if (c && prev && c.caseId === prev.caseId) this.view.setCase(c);
    });
  }

  register(d: FrameDispatcher): void {
    d.on('history', (f) => this.add(f.caseId, f.messages))
      .on('message', (f) => this.add(f.message.caseId, [f.message]))
      .on('accepted', (f) => this.outbox.accepted(f.clientMsgId))
      .on('resync', (f) => {
        for (const id of f.caseId === null ? [...this.stores.keys()] : [f.caseId]) {
          const store = this.stores.get(id);
          if (store) void this.reload(store);
        }
      });
  }

  /** An error frame answering one of my sends: true when handled. */
  refused(code: string, message: string, ref: string | null): boolean {
    return this.outbox.refused(code, message, ref);
  }

  /** The socket (re)opened: catch up, reopen the Case on screen, resend what is in flight. */
  onOpen(reconnected: boolean): void {
    if (!reconnected) return;
    // The replay and the live stream overlap harmlessly (each store keeps a seq once).
    const cases: Record<string, number> = {};
    for (const [id, store] of this.stores) if (store.size > 0) cases[id] = store.lastSeq;
    if (Object.keys(cases).length > 0) this.ctx.send({ type: 'resume', cases });
    const current = this.ctx.store.get().current;
    if (current) this.ctx.send({ type: 'open', caseId: current.caseId });
    this.outbox.resendAll();
  }

  /** Accesses a Case: the socket answers with its history, the tile turns solid, its badge clears. */
  open(caseId: string): void {
    const { model, store } = this.ctx;
    const c = model.get(caseId);
    if (!c) return;
    const before = store.get().current;
    if (before && before.caseId !== caseId) this.ctx.send({ type: 'close', caseId: before.caseId });
    if (before?.caseId !== caseId) {
      this.deps.files.clear();
      store.set({ current: c });
      this.view.show(c);
      this.view.setResolvePending(this.deps.resolvePending(caseId));
      this.view.list.add(this.storeOf(caseId).list());
    }
    // Opening marks the Case read up to its last message: the badge clears at once.
    model.markRead(caseId, c.lastSeq);
    this.ctx.send({ type: 'open', caseId });
    this.deps.noted([]);
    this.view.focusComposer();
  }

  close(): void {
    const current = this.ctx.store.get().current;
    if (current) this.ctx.send({ type: 'close', caseId: current.caseId });
    this.deps.files.clear();
    this.ctx.store.set({ current: null });
    this.view.clear();
  }

  /** A Case left my tiles while not on screen: its messages need not be kept. */
  forget(caseId: string): void {
    this.stores.delete(caseId);
  }

  private storeOf(caseId: string): MessageStore {
    let store = this.stores.get(caseId);
    if (!store) {
      store = new MessageStore(caseId);
      this.stores.set(caseId, store);
    }
    return store;
  }

  /** Keeps messages of a Case (once per seq) and shows the new ones if it is on screen. */
  private add(caseId: string, messages: readonly Message[]): void {
    if (messages.length === 0) return;
    const onScreen = this.ctx.store.get().current?.caseId === caseId;
    const added = deliver(
      this.storeOf(caseId),
      messages,
      this.outbox,
      onScreen ? this.view.list : null,
    );
    if (added.length > 0) this.deps.noted(added);
  }

  /** A message, or a private note (a pending bubble until it comes back, Retry on refusal). */
  private sendText(text: string, note = false): void {
    const caseId = this.ctx.store.get().current?.caseId;
    if (!caseId) return;
    const clientMsgId = newId();
    const frame: AgentFrame = note
      ? { type: 'note', caseId, clientMsgId, text }
      : { type: 'send', caseId, clientMsgId, text };
    this.outbox.send(clientMsgId, frame, text);
  }

  private sendFiles(files: File[]): void {
    const caseId = this.ctx.store.get().current?.caseId;
    if (!caseId) return;
    for (const file of files) {
      void this.deps.files.upload(caseId, file, this.view.uploads.start(file.name)).then((ref) => {
        if (!ref) return;
        const clientMsgId = newId();
        this.outbox.send(
          clientMsgId,
          { type: 'send', caseId, clientMsgId, fileId: ref.fileId },
          ref.name,
        );
      });
    }
  }

  private async download(f: FileRef): Promise<void> {
    if (!(await this.deps.files.download(f))) this.ctx.notice(`Could not download ${f.name}`);
  }

  /** After a `resync`: loads what follows the last seq held, over REST, page by page. */
  private async reload(store: MessageStore): Promise<void> {
    let after = store.lastSeq;
    try {
      for (let pages = 0; pages < MAX_PAGES; pages++) {
        const { body } = await this.ctx.api(
          `/api/cases/${encodeURIComponent(store.caseId)}/messages?after=${after}&limit=${PAGE}`,
        );
        const page = parseMessages(body).filter((m) => m.caseId === store.caseId);
        this.add(store.caseId, page);
        const last = page.reduce((max, m) => Math.max(max, m.seq), after);
        if (page.length < PAGE || last === after) break;
        after = last;
      }
    } catch {
      this.ctx.notice('Could not load the whole conversation; it continues live.');
    }
  }
}
