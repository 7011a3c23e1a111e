/**
 * ChatCasesClient: the Support SDK. Starts (or resumes) a chat on the SUPPORT_SDK channel, keeps
 * the customer socket up (back-off and `resume {lastSeq}` after a drop), delivers each message
 * once (by seq), sends text and files (resent after a reconnect with the same clientMsgId, stored
 * once by the server), and rings on the agent's calls. See README.md in this folder.
 */
import { Emitter } from '../shared/emitter';
import { ApiError, requestJson, uploadFile } from '../shared/http';
import { newId } from '../shared/ids';
import { MessageStore } from '../shared/messages';
import { fetchTranscript, transcriptFileName, type Transcript } from '../shared/transcript';
import { PendingSends } from '../shared/pending';
import {
  parseChatStarted,
  parseIceServers,
  parseMessages,
  type Case,
  type CallSignal,
  type CustomerFrame,
  type FileRef,
  type Message,
  type ServerFrame,
  type Violation,
} from '../shared/protocol';
import { ratingViolations, sendRating } from '../shared/rating';
import { browserRtc, type RtcEnv } from '../shared/rtc';
import {
  ReconnectingSocket,
  wsUrl,
  type Backoff,
  type ConnectionState,
  type SocketLike,
  type Timers,
} from '../shared/socket';
import { bearerProtocols } from '../shared/socketAuth';
import { Call } from './call';
import { defaultStorage, parseSaved, type SavedSession, type SessionStorageLike } from './storage';

/** The longest text the gateway takes (`TOO_LARGE` above). */
export const MAX_TEXT = 4000;
const PAGE = 100;
const MAX_PAGES = 50;
/** After this many failed connects in a row, ask REST whether the saved token still works. */
const PROBE_AFTER = 3;

export interface ChatCasesOptions {
  /** The chat origin (the gateway), e.g. "https://chat.example.com". */
  origin: string;
  /** Where the session is kept for `resume()` (default localStorage, else memory; null: none). */
  storage?: SessionStorageLike | null;
  /** Storage key (default "chatcases.sdk:<origin>"). */
  storageKey?: string;
  /** Opens the customer socket (default: a browser WebSocket, token in Sec-WebSocket-Protocol). */
  openSocket?: (url: string, token: string) => SocketLike;
  /** WebRTC and devices (default: the browser's). */
  rtc?: RtcEnv;
  backoff?: Backoff;
  timers?: Timers;
  random?: () => number;
}

export interface StartOptions {
  email: string;
  firstName: string;
  lastName: string;
  /**
   * An identity token your backend signed with the Support SDK channel's secret
   * (docs/identity.md), or a function fetching one. Without it the email counts as unverified.
   */
  identity?: string | (() => string | Promise<string>);
}

export interface ChatSession {
  caseId: string;
  number: number;
  emailVerified: boolean;
}

export interface SdkError {
  /** The server's code (`FORBIDDEN`, `TOO_LARGE`, ...) or the SDK's (`SESSION_LOST`). */
  code: string;
  message: string;
  /** The clientMsgId or callId it is about, when there is one. */
  ref: string | null;
}

export interface SentEvent {
  clientMsgId: string;
}

export interface ChatCasesEvents {
  /** A message not delivered before (each seq once; `messages()` holds them in seq order). */
  message: Message;
  /** The Case changed (status, owner, ...). */
  case: Case;
  connection: ConnectionState;
  error: SdkError;
  /** The server took a send (`accepted`); its `message` follows. */
  sent: SentEvent;
  /** The owner agent is calling. */
  incomingCall: Call;
}

/** A refusal: `status` (HTTP, 0 = unreachable or local), `code`, the server's field `violations`. */
export class ChatCasesError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 0,
    readonly violations: Violation[] = [],
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(message);
    this.name = 'ChatCasesError';
  }

  static from(e: unknown): ChatCasesError {
    if (e instanceof ChatCasesError) return e;
    if (e instanceof ApiError)
      return new ChatCasesError(
        e.problem.code ?? (e.status === 0 ? 'UNAVAILABLE' : `HTTP_${e.status}`),
        e.message,
        e.status,
        e.problem.violations,
        e.retryAfterSeconds,
      );
    return new ChatCasesError('UNKNOWN', e instanceof Error ? e.message : String(e));
  }
}

const defaultOpenSocket = (url: string, token: string): SocketLike =>
  new WebSocket(url, bearerProtocols(token)) as unknown as SocketLike;

export class ChatCasesClient extends Emitter<ChatCasesEvents> {
  private readonly storage: SessionStorageLike | null;
  private readonly key: string;
  private readonly rtc: RtcEnv;
  private session: SavedSession | null = null;
  private socket: ReconnectingSocket | null = null;
  private store: MessageStore | null = null;
  private readonly pending = new PendingSends<CustomerFrame>();
  private currentCase: Case | null = null;
  private call: Call | null = null;
  private failedConnects = 0;
  private reloading: Promise<void> | null = null;
  private reloadAgain = false;

  constructor(private readonly opts: ChatCasesOptions) {
    super();
    if (!/^https?:\/\//.test(opts.origin))
      throw new ChatCasesError('BAD_OPTIONS', 'origin must be an http(s) URL.');
    this.storage = opts.storage === undefined ? defaultStorage() : opts.storage;
    this.key = opts.storageKey ?? `chatcases.sdk:${new URL(opts.origin).origin}`;
    this.rtc = opts.rtc ?? browserRtc;
  }

  /** The chat in use, null before start/resume and after `forget()`. */
  get chat(): ChatSession | null {
    const s = this.session;
    return s ? { caseId: s.caseId, number: s.number, emailVerified: s.emailVerified } : null;
  }

  /** The Case as last seen (status, owner), null until the socket told. */
  get case(): Case | null {
    return this.currentCase;
  }

  get connection(): ConnectionState {
    return this.socket?.state ?? 'stopped';
  }

  /** The call ringing or in progress, if any. */
  get activeCall(): Call | null {
    return this.call && !this.call.ended ? this.call : null;
  }

  /** Every message held, in seq order. */
  messages(): readonly Message[] {
    return this.store?.list() ?? [];
  }

  /** Sends not yet delivered (resent on reconnect). */
  pendingSends(): string[] {
    return this.pending.toResend().map((p) => p.clientMsgId);
  }

  /**
   * Starts a new chat (`POST /api/chats`, channel SUPPORT_SDK, a fresh Idempotency-Key per call;
   * a network retry inside keeps the key) and connects. Rejects with a ChatCasesError: 400 with
   * `violations`, 401 `IDENTITY_*`, 429 with `retryAfterSeconds`.
   */
  async start(options: StartOptions): Promise<ChatSession> {
    const email = options.email?.trim() ?? '';
    const firstName = options.firstName?.trim() ?? '';
    const lastName = options.lastName?.trim() ?? '';
    const violations: Violation[] = [];
    if (!/^[^@\s]+@[^@\s]+$/.test(email) || email.length > 254)
      violations.push({ field: 'email', message: 'Enter a valid email address.' });
    if (firstName === '' || firstName.length > 100)
      violations.push({ field: 'firstName', message: 'Enter a first name.' });
    if (lastName === '' || lastName.length > 100)
      violations.push({ field: 'lastName', message: 'Enter a last name.' });
    if (violations.length > 0)
      throw new ChatCasesError('BAD_REQUEST', 'Some fields are not valid.', 400, violations);
    let identity: string | undefined;
    try {
      identity =
        typeof options.identity === 'function' ? await options.identity() : options.identity;
    } catch (e) {
      throw new ChatCasesError(
        'IDENTITY_UNAVAILABLE',
        `The identity could not be fetched: ${String(e)}`,
      );
    }
    const body: Record<string, string> = { email, firstName, lastName, channel: 'SUPPORT_SDK' };
    if (identity) body.identity = identity;
    const key = newId();
    let answer: unknown;
    for (let attempt = 0; ; attempt++) {
      try {
        answer = (
          await requestJson(this.url('/api/chats'), {
            method: 'POST',
            body,
            headers: { 'Idempotency-Key': key },
          })
        ).body;
        break;
      } catch (e) {
        // Unreachable: the same key again is safe (the server answers the same Case).
        if (e instanceof ApiError && e.status === 0 && attempt < 2) continue;
        throw ChatCasesError.from(e);
      }
    }
    const started = parseChatStarted(answer);
    if (!started)
      throw new ChatCasesError('BAD_RESPONSE', 'The server answered something unexpected.');
    this.disconnect();
    if (this.session?.caseId !== started.caseId) {
      // Another chat: nothing of the previous one carries over.
      this.pending.clear();
      this.store = null;
      this.currentCase = null;
    }
    this.session = {
      caseId: started.caseId,
      customerToken: started.customerToken,
      number: started.number,
      emailVerified: started.emailVerified,
    };
    await this.save();
    this.connect();
    return this.chat as ChatSession;
  }

  /** Resumes the saved chat, if any (true), and connects. */
  async resume(): Promise<boolean> {
    if (this.session) {
      if (!this.socket) this.connect();
      return true;
    }
    let raw: string | null;
    try {
      raw = (await this.storage?.getItem(this.key)) ?? null;
    } catch {
      raw = null;
    }
    const saved = parseSaved(raw);
    if (!saved) return false;
    this.session = saved;
    this.connect();
    return true;
  }

  /**
   * Sends a text; returns its clientMsgId. Queued while offline and resent on reconnect. Throws
   * a ChatCasesError for an empty or too long text, or without a chat.
   */
  send(text: string): string {
    if (typeof text !== 'string' || text.trim() === '')
      throw new ChatCasesError('BAD_REQUEST', 'The message is empty.');
    if (text.length > MAX_TEXT)
      throw new ChatCasesError('TOO_LARGE', `A message has at most ${MAX_TEXT} characters.`);
    const clientMsgId = newId();
    this.queue({ type: 'send', clientMsgId, text }, text);
    return clientMsgId;
  }

  /**
   * Uploads a file (`POST /api/files`) then sends it. Rejects with a ChatCasesError (413 too
   * large, 415 type refused, 409 quota).
   */
  async sendFile(
    file: File,
    onProgress: (fraction: number) => void = () => undefined,
  ): Promise<{ clientMsgId: string; file: FileRef }> {
    const s = this.requireSession();
    let ref: FileRef;
    try {
      ref = await uploadFile(this.url('/api/files'), s.customerToken, s.caseId, file, onProgress)
        .promise;
    } catch (e) {
      throw ChatCasesError.from(e);
    }
    const clientMsgId = newId();
    this.queue({ type: 'send', clientMsgId, fileId: ref.fileId }, ref.name);
    return { clientMsgId, file: ref };
  }

  /**
   * Rates the resolved chat once: `score` a whole number from 1 to 5, an optional `comment` (at
   * most 1,000 characters). Resolves to the Case with its `rating` (also emitted as `case`).
   * Rejects with a ChatCasesError: `BAD_REQUEST` with `violations` naming `score` or `comment`
   * (checked before any request, then by the server), `CONFLICT` (409) when already rated or not
   * resolved yet.
   */
  async rate(score: number, comment?: string): Promise<Case> {
    const s = this.requireSession();
    const bad = ratingViolations(score, comment);
    if (bad.length > 0) throw new ChatCasesError('BAD_REQUEST', bad[0]?.message ?? '', 0, bad);
    let rated: Case;
    try {
      rated = await sendRating(this.opts.origin, s.caseId, s.customerToken, score, comment);
    } catch (e) {
      throw ChatCasesError.from(e);
    }
    if (this.session === s) {
      this.currentCase = rated;
      this.emit('case', rated);
    }
    return rated;
  }

  /**
   * The chat's transcript (`GET /api/chats/{caseId}/transcript`): the conversation the customer
   * sees as plain text, with the Case number, dates, each message's time, author, text and file
   * names; `fileName` is `chat-<number>.txt`. Works while the chat is open and after it ended.
   * Rejects with a ChatCasesError (401 token refused, 404, 503).
   */
  async transcript(): Promise<Transcript> {
    const s = this.requireSession();
    try {
      const blob = await fetchTranscript(this.opts.origin, s.caseId, () => s.customerToken);
      return { fileName: transcriptFileName(s.number), text: await blob.text() };
    } catch (e) {
      throw ChatCasesError.from(e);
    }
  }

  /** Closes the socket (the chat stays saved for `resume()`). Ends a call in progress. */
  disconnect(): void {
    this.call?.hangUp();
    this.socket?.stop();
    this.socket = null;
  }

  /** Disconnects and forgets the saved chat (a new `start()` follows). */
  async forget(): Promise<void> {
    this.disconnect();
    this.session = null;
    this.store = null;
    this.currentCase = null;
    this.pending.clear();
    try {
      await this.storage?.removeItem(this.key);
    } catch {
      // nothing to remove
    }
  }

  /** Frames as the socket delivers them (public for tests and custom transports). */
  handleFrame(f: ServerFrame): void {
    switch (f.type) {
      case 'case':
        this.applyCase(f.case);
        break;
      case 'history':
        if (f.case) this.applyCase(f.case);
        this.deliver(f.messages, false);
        break;
      case 'message':
        this.deliver([f.message], true);
        break;
      case 'accepted':
        if (this.pending.get(f.clientMsgId)) {
          this.pending.accepted(f.clientMsgId);
          this.emit('sent', { clientMsgId: f.clientMsgId });
        }
        break;
      case 'resync':
        void this.reload();
        break;
      case 'error':
        this.onError(f.code, f.message, f.ref);
        break;
      case 'call.offer':
      case 'call.answer':
      case 'call.ice':
      case 'call.end':
        this.onCallSignal(f);
        break;
      default:
        break;
    }
  }

  private requireSession(): SavedSession {
    if (!this.session) throw new ChatCasesError('NO_CHAT', 'Start or resume a chat first.');
    return this.session;
  }

  private queue(frame: CustomerFrame, label: string): void {
    this.requireSession();
    const clientMsgId = (frame as { clientMsgId: string }).clientMsgId;
    this.pending.add(clientMsgId, frame, label);
    this.socket?.send(frame);
  }

  private connect(): void {
    const s = this.requireSession();
    if (!this.store || this.store.caseId !== s.caseId) this.store = new MessageStore(s.caseId);
    this.failedConnects = 0;
    const socket = new ReconnectingSocket({
      connect: () =>
        (this.opts.openSocket ?? defaultOpenSocket)(
          wsUrl(this.opts.origin, '/ws/customer'),
          s.customerToken,
        ),
      onFrame: (f) => this.handleFrame(f),
      onOpen: (reconnected) => {
        this.failedConnects = 0;
        if (reconnected && this.store) socket.send({ type: 'resume', lastSeq: this.store.lastSeq });
        for (const p of this.pending.toResend()) socket.send(p.frame);
      },
      onState: (state) => {
        if (state === 'reconnecting') {
          // The socket is gone: a call cannot be signalled any more; the gateway tells the agent.
          this.call?.lost('disconnected');
          if (++this.failedConnects >= PROBE_AFTER) void this.probe();
        }
        this.emit('connection', state);
      },
      ...(this.opts.backoff ? { backoff: this.opts.backoff } : {}),
      ...(this.opts.timers ? { timers: this.opts.timers } : {}),
      ...(this.opts.random ? { random: this.opts.random } : {}),
    });
    this.socket = socket;
    socket.start();
  }

  private applyCase(c: Case): void {
    const s = this.session;
    if (!s || c.caseId !== s.caseId) return;
    const prev = this.currentCase;
    this.currentCase = c;
    if (s.number !== c.number) {
      s.number = c.number;
      void this.save();
    }
    if (
      !prev ||
      prev.status !== c.status ||
      prev.owner?.id !== c.owner?.id ||
      prev.emailVerified !== c.emailVerified
    )
      this.emit('case', c);
  }

  /**
   * Adds messages (each seq once) and emits the new ones in seq order. A live message more than
   * one past the last seq held means some were missed: those are fetched over REST.
   */
  private deliver(messages: readonly Message[], live: boolean): void {
    const store = this.store;
    if (!store) return;
    const before = store.lastSeq;
    const gap =
      live && before > 0 && messages.some((m) => m.seq > before + 1 && !store.has(m.seq - 1));
    for (const m of store.addAll(messages)) {
      this.pending.delivered(m.clientMsgId);
      this.emit('message', m);
    }
    if (gap) void this.reload();
  }

  /** Fills in over REST what follows the last contiguous seq (after a `resync` or a gap). */
  private reload(): Promise<void> {
    if (this.reloading) {
      this.reloadAgain = true;
      return this.reloading;
    }
    this.reloading = (async () => {
      try {
        do {
          this.reloadAgain = false;
          await this.reloadOnce();
        } while (this.reloadAgain);
      } finally {
        this.reloading = null;
      }
    })();
    return this.reloading;
  }

  private async reloadOnce(): Promise<void> {
    const s = this.session;
    const store = this.store;
    if (!s || !store) return;
    let after = this.contiguousSeq(store);
    try {
      for (let page = 0; page < MAX_PAGES; page++) {
        const { body } = await requestJson(
          this.url(
            `/api/chats/${encodeURIComponent(s.caseId)}/messages?after=${after}&limit=${PAGE}`,
          ),
          { token: () => s.customerToken },
        );
        if (this.store !== store) return;
        const got = parseMessages(body).filter((m) => m.caseId === s.caseId);
        this.deliver(got, false);
        const last = got.reduce((mx, m) => Math.max(mx, m.seq), after);
        if (got.length < PAGE || last <= after) break;
        after = last;
      }
    } catch (e) {
      this.emit('error', {
        code: 'RELOAD_FAILED',
        message: `Missed messages could not be loaded: ${ChatCasesError.from(e).message}`,
        ref: null,
      });
    }
  }

  /** The last seq before the first hole (what a reload continues after). */
  private contiguousSeq(store: MessageStore): number {
    const list = store.list();
    let last = list[0]?.seq ?? 0;
    for (const m of list) {
      if (m.seq > last + 1) break;
      last = m.seq;
    }
    return last;
  }

  private onError(code: string, message: string, ref: string | null): void {
    if (ref !== null && this.pending.get(ref)) this.pending.failed(ref, message || code);
    if (ref !== null && this.call && this.call.callId === ref) this.call.end('failed', false);
    this.emit('error', { code, message, ref });
  }

  private onCallSignal(f: CallSignal): void {
    const s = this.session;
    if (!s || (f.caseId !== null && f.caseId !== s.caseId)) return;
    const call = this.call && this.call.callId === f.callId ? this.call : null;
    switch (f.type) {
      case 'call.offer': {
        if (call) return; // a repeated offer
        if (this.activeCall) {
          // One call at a time: the agent hears that this one was not taken.
          this.socket?.send({ type: 'call.end', callId: f.callId, reason: 'declined' });
          return;
        }
        const next = new Call(
          f.callId,
          f.media,
          f.sdp,
          {
            offer: () => undefined,
            answer: (sdp) => void this.socket?.send({ type: 'call.answer', callId: f.callId, sdp }),
            ice: (candidate) =>
              void this.socket?.send({ type: 'call.ice', callId: f.callId, candidate }),
            end: (reason) =>
              void this.socket?.send(
                reason === 'hangup'
                  ? { type: 'call.end', callId: f.callId }
                  : { type: 'call.end', callId: f.callId, reason },
              ),
          },
          () => this.iceServers(),
          this.rtc,
        );
        this.call = next;
        this.emit('incomingCall', next);
        return;
      }
      case 'call.ice':
        void call?.remoteIce(f.candidate);
        return;
      case 'call.end':
        call?.remoteEnd(f.reason);
        return;
      case 'call.answer':
        return; // the customer answers; it never receives answers
    }
  }

  /** ICE servers for this Case's calls (`[]` from a gateway without the endpoint). */
  private async iceServers(): Promise<RTCIceServer[]> {
    const s = this.requireSession();
    try {
      const { body } = await requestJson(
        this.url(`/api/chats/${encodeURIComponent(s.caseId)}/ice-servers`),
        { token: () => s.customerToken },
      );
      return parseIceServers(body);
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) return [];
      // Without STUN/TURN a call can still connect on one network; better than no call.
      this.emit('error', {
        code: 'ICE_SERVERS_UNAVAILABLE',
        message: ChatCasesError.from(e).message,
        ref: this.call?.callId ?? null,
      });
      return [];
    }
  }

  /** Several failed connects: is the saved token still any good? */
  private async probe(): Promise<void> {
    const s = this.session;
    if (!s) return;
    this.failedConnects = 0;
    try {
      await requestJson(
        this.url(`/api/chats/${encodeURIComponent(s.caseId)}/messages?after=0&limit=1`),
        { token: () => s.customerToken },
      );
    } catch (e) {
      if (e instanceof ApiError && [401, 403, 404].includes(e.status) && this.session === s) {
        await this.forget();
        this.emit('error', {
          code: 'SESSION_LOST',
          message: 'The saved chat cannot be resumed any more; start a new one.',
          ref: null,
        });
      }
    }
  }

  private async save(): Promise<void> {
    if (!this.session) return;
    try {
      await this.storage?.setItem(this.key, JSON.stringify(this.session));
    } catch {
      // Storage full or blocked: the chat works until the app reloads.
    }
  }

  private url(path: string): string {
    return new URL(path, this.opts.origin).toString();
  }
}
