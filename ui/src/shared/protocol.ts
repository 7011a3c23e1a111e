/**
 * The wire protocol (v1) as the browser clients speak it: the shared shapes, the frames, and a
 * parser that validates what the server sends. Anything malformed or unknown parses to `null` and
 * is ignored, so a newer server (new frame types, new fields) never breaks an older client.
 */

export type CaseStatus = 'NEW' | 'READY' | 'RESOLVED' | 'CLOSED';
/** NOTE: an agent's private note; only agents' sockets ever carry one. */
export type MessageKind = 'TEXT' | 'FILE' | 'SYSTEM' | 'NOTE';
export type SenderType = 'CUSTOMER' | 'USER' | 'SYSTEM';
export type TileColor = 'orange' | 'blue';
/** An agent's presence (ONLINE and AWAY chosen in the console header; OFFLINE too). */
export type PresenceStatus = 'ONLINE' | 'AWAY' | 'OFFLINE';

export interface Person {
  id: string;
  firstName: string;
  lastName: string;
  /** Only in the Transfer menu's list (GET /api/presence/agents), when known. */
  presence?: PresenceStatus;
}

export interface Contact {
  id: string | null;
  firstName: string;
  lastName: string;
  initials: string;
  email: string;
}

export interface Case {
  caseId: string;
  number: number;
  /** "WEB_CONNECT" or "SUPPORT_SDK"; kept as a string so a new channel still renders. */
  channel: string;
  status: CaseStatus;
  owner: Person | null;
  contact: Contact;
  createdAt: string;
  lastSeq: number;
  /**
   * True only when the chat started with an identity token signed by the host site; false when
   * the email was only typed (agents see "email not verified"). Absent on the wire = false.
   */
  emailVerified: boolean;
  /** The customer's satisfaction rating, once given (absent or null before). */
  rating: Rating | null;
}

/** The customer's satisfaction rating of a resolved Case: 1 (poor) to 5 (great). */
export interface Rating {
  score: number;
  comment: string | null;
  ratedAt: string;
}

export function parseRating(v: unknown): Rating | null {
  if (!isObj(v)) return null;
  const score = num(v.score);
  const ratedAt = str(v.ratedAt);
  if (score === null || !Number.isInteger(score) || score < 1 || score > 5 || ratedAt === null)
    return null;
  return { score, comment: str(v.comment), ratedAt };
}

export interface FileRef {
  fileId: string;
  name: string;
  size: number;
  contentType: string;
}

export interface Sender {
  type: SenderType;
  id: string | null;
  name: string | null;
}

export interface Message {
  caseId: string;
  seq: number;
  id: string;
  clientMsgId: string | null;
  kind: MessageKind;
  sender: Sender;
  text: string | null;
  file: FileRef | null;
  createdAt: string;
}

export interface Tile {
  case: Case;
  color: TileColor;
  unread: boolean;
}

export interface Agent extends Person {
  roles: string[];
}

// ----------------------------------------------------------------------------- server -> client

export type ServerFrame =
  | { type: 'hello'; agent: Agent }
  | { type: 'tiles'; tiles: Tile[]; more: number }
  | { type: 'case'; case: Case }
  | { type: 'message'; message: Message }
  | { type: 'read'; caseId: string; seq: number }
  | { type: 'history'; caseId: string; case: Case | null; messages: Message[] }
  | { type: 'claimed'; caseId: string; requestId: string | null; case: Case | null }
  | { type: 'resolved'; caseId: string; requestId: string | null; case: Case | null }
  | { type: 'accepted'; clientMsgId: string }
  | { type: 'resync'; caseId: string | null }
  | { type: 'error'; code: string; message: string; ref: string | null }
  | { type: 'typing'; caseId: string; from: SenderType; name: string }
  | CallSignal;

/** Audio-only or audio and video. */
export type CallMedia = 'audio' | 'video';

/**
 * Why a call ended (`call.end`'s `reason`; absent on the wire = `hangup`): hung up, declined by
 * the customer, no camera or microphone, the peer's socket closed, or the connection failed.
 */
export type CallEndReason = 'hangup' | 'declined' | 'unavailable' | 'disconnected' | 'failed';
export const CALL_END_REASONS: readonly CallEndReason[] = [
  'hangup',
  'declined',
  'unavailable',
  'disconnected',
  'failed',
];

/**
 * WebRTC signalling relayed by the gateway (docs/protocol.md): the agent's socket receives them with
 * the Case's id, the customer's may leave it out. `candidate` is the browser's RTCIceCandidateInit
 * (null: end of candidates).
 */
export type CallSignal =
  | { type: 'call.offer'; caseId: string | null; callId: string; sdp: string; media: CallMedia }
  | { type: 'call.answer'; caseId: string | null; callId: string; sdp: string }
  | { type: 'call.ice'; caseId: string | null; callId: string; candidate: IceCandidate | null }
  | { type: 'call.end'; caseId: string | null; callId: string; reason: CallEndReason };

/** The JSON form of an ICE candidate (RTCIceCandidateInit). */
export interface IceCandidate {
  candidate: string;
  sdpMid?: string | null;
  sdpMLineIndex?: number | null;
  usernameFragment?: string | null;
}

export type ServerFrameType = ServerFrame['type'];

// ----------------------------------------------------------------------------- client -> server

/**
 * What the console sends. Claims and resolves go over REST (one path for Case commands), so the
 * socket's `claim` and `resolve` frames are not used.
 */
export type AgentFrame =
  | { type: 'open'; caseId: string }
  | { type: 'close'; caseId: string }
  | { type: 'send'; caseId: string; clientMsgId: string; text: string }
  | { type: 'send'; caseId: string; clientMsgId: string; fileId: string }
  | { type: 'note'; caseId: string; clientMsgId: string; text: string }
  | { type: 'read'; caseId: string; seq: number }
  | { type: 'resume'; cases: Record<string, number> }
  | { type: 'auth'; token: string }
  | { type: 'typing'; caseId: string }
  | { type: 'presence'; status: PresenceStatus }
  | { type: 'call.offer'; caseId: string; callId: string; sdp: string; media: CallMedia }
  | { type: 'call.ice'; caseId: string; callId: string; candidate: IceCandidate | null }
  | { type: 'call.end'; caseId: string; callId: string; reason?: CallEndReason };

/** What the widget sends. */
export type CustomerFrame =
  | { type: 'send'; clientMsgId: string; text: string }
  | { type: 'send'; clientMsgId: string; fileId: string }
  | { type: 'resume'; lastSeq: number }
  | { type: 'typing' }
  | { type: 'call.answer'; callId: string; sdp: string }
  | { type: 'call.ice'; callId: string; candidate: IceCandidate | null }
  | { type: 'call.end'; callId: string; reason?: CallEndReason };

export type ClientFrame = AgentFrame | CustomerFrame;

export function encodeFrame(frame: ClientFrame): string {
  return JSON.stringify(frame);
}

// ----------------------------------------------------------------------------- validation

type Obj = Record<string, unknown>;

const STATUSES: readonly string[] = ['NEW', 'READY', 'RESOLVED', 'CLOSED'];
const KINDS: readonly string[] = ['TEXT', 'FILE', 'SYSTEM', 'NOTE'];
const SENDERS: readonly string[] = ['CUSTOMER', 'USER', 'SYSTEM'];
const COLORS: readonly string[] = ['orange', 'blue'];

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function str(v: unknown): string | null {
  return typeof v === 'string' ? v : null;
}

/** A non-empty string (ids, codes). */
function id(v: unknown): string | null {
  return typeof v === 'string' && v.length > 0 ? v : null;
}

/** A finite number; JSON numbers only (the server never sends numbers as strings). */
function num(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

function seqOf(v: unknown): number | null {
  const n = num(v);
  return n !== null && Number.isInteger(n) && n >= 0 ? n : null;
}

export function parsePerson(v: unknown): Person | null {
  if (!isObj(v)) return null;
  const pid = id(v.id);
  if (pid === null) return null;
  return { id: pid, firstName: str(v.firstName) ?? '', lastName: str(v.lastName) ?? '' };
}

function initialsOf(first: string, last: string): string {
  return (first.charAt(0) + last.charAt(0)).toUpperCase();
}

export function parseContact(v: unknown): Contact | null {
  if (!isObj(v)) return null;
  const firstName = str(v.firstName) ?? '';
  const lastName = str(v.lastName) ?? '';
  return {
    id: id(v.id),
    firstName,
    lastName,
    initials: str(v.initials) || initialsOf(firstName, lastName),
    email: str(v.email) ?? '',
  };
}

export function parseCase(v: unknown): Case | null {
  if (!isObj(v)) return null;
  const caseId = id(v.caseId);
  const number = num(v.number);
  const status = str(v.status);
  const contact = parseContact(v.contact);
  const createdAt = str(v.createdAt);
  if (caseId === null || number === null || contact === null || createdAt === null) return null;
  if (status === null || !STATUSES.includes(status)) return null;
  const rating = parseRating(v.rating);
  let owner: Person | null = null;
  if (v.owner !== null && v.owner !== undefined) {
    owner = parsePerson(v.owner);
    if (owner === null) return null;
  }
  return {
    caseId,
    number,
    channel: str(v.channel) ?? 'WEB_CONNECT',
    status: status as CaseStatus,
    owner,
    contact,
    createdAt,
    lastSeq: seqOf(v.lastSeq) ?? 0,
    emailVerified: v.emailVerified === true,
    rating,
  };
}

/** One row of the conversations list: the Case and, when words were searched, the newest match. */
export interface SearchHit {
  case: Case;
  match: string | null;
}

/** `GET /api/cases/search`: a page of rows and the cursor of the next one (null: the last). */
export interface SearchPage {
  cases: SearchHit[];
  next: string | null;
}

export function parseSearchPage(v: unknown): SearchPage {
  if (!isObj(v) || !Array.isArray(v.cases)) return { cases: [], next: null };
  const cases: SearchHit[] = [];
  for (const item of v.cases) {
    if (!isObj(item)) continue;
    const c = parseCase(item.case);
    if (c) cases.push({ case: c, match: str(item.match) });
  }
  return { cases, next: str(v.next) };
}

/** `GET /api/cases?contactId=` answers a list of Cases; malformed items are skipped. */
export function parseCases(v: unknown): Case[] {
  if (!Array.isArray(v)) return [];
  const out: Case[] = [];
  for (const item of v) {
    const c = parseCase(item);
    if (c) out.push(c);
  }
  return out;
}

export function parseFileRef(v: unknown): FileRef | null {
  if (!isObj(v)) return null;
  const fileId = id(v.fileId);
  if (fileId === null) return null;
  return {
    fileId,
    name: str(v.name) ?? 'file',
    size: num(v.size) ?? 0,
    contentType: str(v.contentType) ?? 'application/octet-stream',
  };
}

export function parseMessage(v: unknown): Message | null {
  if (!isObj(v)) return null;
  const caseId = id(v.caseId);
  const seq = seqOf(v.seq);
  const kind = str(v.kind);
  const sender = isObj(v.sender) ? v.sender : null;
  const senderType = sender ? str(sender.type) : null;
  if (caseId === null || seq === null || kind === null || !KINDS.includes(kind)) return null;
  if (sender === null || senderType === null || !SENDERS.includes(senderType)) return null;
  const file = v.file === null || v.file === undefined ? null : parseFileRef(v.file);
  if (kind === 'FILE' && file === null) return null;
  const text = str(v.text);
  if (kind !== 'FILE' && text === null) return null;
  return {
    caseId,
    seq,
    id: str(v.id) ?? `${caseId}:${seq}`,
    clientMsgId: id(v.clientMsgId),
    kind: kind as MessageKind,
    sender: { type: senderType as SenderType, id: id(sender.id), name: str(sender.name) },
    text,
    file,
    createdAt: str(v.createdAt) ?? '',
  };
}

export function parseTile(v: unknown): Tile | null {
  if (!isObj(v)) return null;
  const c = parseCase(v.case);
  const color = str(v.color);
  if (c === null || color === null || !COLORS.includes(color)) return null;
  return { case: c, color: color as TileColor, unread: v.unread === true };
}

/** The valid items of a list; a bad item is dropped rather than failing the whole frame. */
function listOf<T>(v: unknown, parse: (item: unknown) => T | null): T[] | null {
  if (!Array.isArray(v)) return null;
  const out: T[] = [];
  for (const item of v) {
    const parsed = parse(item);
    if (parsed !== null) out.push(parsed);
  }
  return out;
}

export function parseMessages(v: unknown): Message[] {
  return listOf(v, parseMessage) ?? [];
}

function parseAgent(v: unknown): Agent | null {
  const p = parsePerson(v);
  if (p === null || !isObj(v)) return null;
  const roles = Array.isArray(v.roles)
    ? v.roles.filter((r): r is string => typeof r === 'string')
    : [];
  return { ...p, roles };
}

/**
 * Parses one server frame (the raw text of a WebSocket message, or already-parsed JSON). Returns
 * null for anything that is not a known, well-formed frame.
 */
export function parseServerFrame(raw: unknown): ServerFrame | null {
  let v: unknown = raw;
  if (typeof raw === 'string') {
    try {
      v = JSON.parse(raw);
    } catch {
      return null;
    }
  }
  if (!isObj(v)) return null;
  switch (v.type) {
    case 'hello': {
      const agent = parseAgent(v.agent);
      return agent ? { type: 'hello', agent } : null;
    }
    case 'tiles': {
      const tiles = listOf(v.tiles, parseTile);
      if (tiles === null) return null;
      return { type: 'tiles', tiles, more: seqOf(v.more) ?? 0 };
    }
    case 'case': {
      const c = parseCase(v.case);
      return c ? { type: 'case', case: c } : null;
    }
    case 'message': {
      const message = parseMessage(v.message);
      return message ? { type: 'message', message } : null;
    }
    case 'read': {
      const caseId = id(v.caseId);
      const seq = seqOf(v.seq);
      return caseId !== null && seq !== null ? { type: 'read', caseId, seq } : null;
    }
    case 'history': {
      const caseId = id(v.caseId);
      const messages = listOf(v.messages, parseMessage);
      if (caseId === null || messages === null) return null;
      return {
        type: 'history',
        caseId,
        case: parseCase(v.case),
        messages: messages.filter((m) => m.caseId === caseId),
      };
    }
    case 'claimed':
    case 'resolved': {
      const caseId = id(v.caseId);
      if (caseId === null) return null;
      return { type: v.type, caseId, requestId: id(v.requestId), case: parseCase(v.case) };
    }
    case 'accepted': {
      const clientMsgId = id(v.clientMsgId);
      return clientMsgId !== null ? { type: 'accepted', clientMsgId } : null;
    }
    case 'resync':
      return { type: 'resync', caseId: id(v.caseId) };
    case 'error': {
      const code = id(v.code);
      if (code === null) return null;
      return { type: 'error', code, message: str(v.message) ?? '', ref: id(v.ref) };
    }
    case 'typing': {
      const caseId = id(v.caseId);
      const name = str(v.name);
      const from = v.from === 'CUSTOMER' || v.from === 'USER' ? v.from : null;
      return caseId !== null && name !== null && from !== null
        ? { type: 'typing', caseId, from, name }
        : null;
    }
    case 'call.offer':
    case 'call.answer':
    case 'call.ice':
    case 'call.end':
      return parseCallSignal(v);
    default:
      return null;
  }
}

function parseIceCandidate(v: unknown): IceCandidate | null {
  if (!isObj(v) || typeof v.candidate !== 'string') return null;
  const c: IceCandidate = { candidate: v.candidate };
  if (typeof v.sdpMid === 'string') c.sdpMid = v.sdpMid;
  if (typeof v.sdpMLineIndex === 'number' && Number.isInteger(v.sdpMLineIndex))
    c.sdpMLineIndex = v.sdpMLineIndex;
  if (typeof v.usernameFragment === 'string') c.usernameFragment = v.usernameFragment;
  return c;
}

function parseCallSignal(v: Obj): CallSignal | null {
  const callId = id(v.callId);
  if (callId === null) return null;
  const caseId = id(v.caseId);
  switch (v.type) {
    case 'call.offer': {
      const sdp = id(v.sdp);
      if (sdp === null || (v.media !== 'audio' && v.media !== 'video')) return null;
      return { type: 'call.offer', caseId, callId, sdp, media: v.media };
    }
    case 'call.answer': {
      const sdp = id(v.sdp);
      return sdp === null ? null : { type: 'call.answer', caseId, callId, sdp };
    }
    case 'call.ice': {
      if (v.candidate === null || v.candidate === undefined)
        return { type: 'call.ice', caseId, callId, candidate: null };
      const candidate = parseIceCandidate(v.candidate);
      return candidate === null ? null : { type: 'call.ice', caseId, callId, candidate };
    }
    case 'call.end': {
      // A reason a newer server adds is read as a plain hang-up.
      const r = str(v.reason);
      const reason = CALL_END_REASONS.find((x) => x === r) ?? 'hangup';
      return { type: 'call.end', caseId, callId, reason };
    }
    default:
      return null;
  }
}

/** `{iceServers, ttlSeconds}` from the ice-servers endpoints; malformed entries are dropped. */
export function parseIceServers(v: unknown): RTCIceServer[] {
  if (!isObj(v)) return [];
  return (
    listOf(v.iceServers, (item) => {
      if (!isObj(item)) return null;
      const urls =
        typeof item.urls === 'string'
          ? item.urls
          : Array.isArray(item.urls)
            ? item.urls.filter((u): u is string => typeof u === 'string')
            : null;
      if (urls === null || urls.length === 0) return null;
      const server: RTCIceServer = { urls };
      if (typeof item.username === 'string') server.username = item.username;
      if (typeof item.credential === 'string') server.credential = item.credential;
      return server;
    }) ?? []
  );
}

// ----------------------------------------------------------------------------- REST problems

export interface Violation {
  field: string;
  message: string;
}

/** An RFC 9457 problem body as the gateway and services send it (every field optional). */
export interface Problem {
  status: number;
  code: string | null;
  detail: string | null;
  violations: Violation[];
  owner: Person | null;
}

export function parseProblem(status: number, body: unknown): Problem {
  const o = isObj(body) ? body : {};
  const violations =
    listOf(o.violations, (v) => {
      if (!isObj(v)) return null;
      const field = str(v.field);
      const message = str(v.message);
      return field !== null && message !== null ? { field, message } : null;
    }) ?? [];
  return {
    status,
    code: id(o.code),
    detail: str(o.detail),
    violations,
    owner: parsePerson(o.owner),
  };
}

/** The answer to `POST /api/chats`. */
export interface ChatStarted {
  caseId: string;
  number: number;
  customerToken: string;
  /** True when the start carried a valid identity token (docs/identity.md). */
  emailVerified: boolean;
}

export function parseChatStarted(v: unknown): ChatStarted | null {
  if (!isObj(v)) return null;
  const caseId = id(v.caseId);
  const customerToken = id(v.customerToken);
  const number = num(v.number);
  if (caseId === null || customerToken === null) return null;
  return { caseId, number: number ?? 0, customerToken, emailVerified: v.emailVerified === true };
}

/** `POST /api/files` answers this. */
export function parseUploadedFile(v: unknown): FileRef | null {
  return parseFileRef(v);
}

export interface CaseFile extends FileRef {
  uploaderType: string;
  uploaderName: string;
  createdAt: string;
}

export function parseCaseFiles(v: unknown): CaseFile[] {
  return (
    listOf(v, (item) => {
      const f = parseFileRef(item);
      if (f === null || !isObj(item)) return null;
      return {
        ...f,
        uploaderType: str(item.uploaderType) ?? '',
        uploaderName: str(item.uploaderName) ?? '',
        createdAt: str(item.createdAt) ?? '',
      };
    }) ?? []
  );
}

export interface QuickReply {
  id: string;
  shortcut: string;
  title: string;
  body: string;
}

export function parseQuickReplies(v: unknown): QuickReply[] {
  return (
    listOf(v, (item) => {
      if (!isObj(item)) return null;
      const shortcut = id(item.shortcut);
      const body = str(item.body);
      if (shortcut === null || body === null) return null;
      return {
        id: str(item.id) ?? shortcut,
        shortcut,
        title: str(item.title) ?? shortcut,
        body,
      };
    }) ?? []
  );
}
