/**
 * The Support SDK against a fake socket, a fake fetch and a fake WebRTC: reconnect after a drop,
 * `resume {lastSeq}`, each seq delivered once, gaps filled over REST, resends, and the call
 * frames of accept, decline and the end of a call.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ChatCasesClient, ChatCasesError, memoryStorage, type Call } from '../src/sdk';
import type { Message } from '../src/shared/protocol';
import type { RtcEnv } from '../src/shared/rtc';
import { FakePc, fakeRtc, type FakeTrack } from './fakeRtc';
import { aCase, aMessage, FakeSocket, flush, ManualTimers } from './fakes';
import { invalidFrames } from './schemas';

const ORIGIN = 'https://chat.example.com';
const CASE = aCase({
  caseId: '11111111-2222-4333-8444-555555555555',
  number: 42,
  channel: 'SUPPORT_SDK',
  status: 'NEW',
});
const CALL_ID = 'c0ffee00-1111-4222-8333-444455556666';
const STARTED = { caseId: CASE.caseId, number: 42, customerToken: 'tok-1', emailVerified: false };

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(body === null ? '' : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
  });

const msg = (seq: number, over: Partial<Message> = {}) => aMessage(CASE, seq, over);

// ------------------------------------------------------------------ setup

let fetchMock: ReturnType<typeof vi.fn<(url: string, init?: RequestInit) => Promise<Response>>>;
let timers: ManualTimers;

function client(rtc: RtcEnv = fakeRtc(), storage = memoryStorage()): ChatCasesClient {
  return new ChatCasesClient({
    origin: ORIGIN,
    storage,
    timers,
    random: () => 0,
    rtc,
    openSocket: (url, token) => new FakeSocket(url, [token]),
  });
}

/** A started client whose socket is open and has had its case + history. */
async function started(
  history: Message[] = [msg(1), msg(2)],
  rtc: RtcEnv = fakeRtc(),
): Promise<{ c: ChatCasesClient; events: Message[]; socket: FakeSocket }> {
  fetchMock.mockResolvedValueOnce(json(201, STARTED));
  const c = client(rtc);
  const events: Message[] = [];
  c.on('message', (m) => events.push(m));
  await c.start({ email: 'sam@example.com', firstName: 'Sam', lastName: 'Shopper' });
  await flush();
  const socket = FakeSocket.last();
  socket.open();
  socket.receive({ type: 'case', case: CASE });
  socket.receive({ type: 'history', caseId: CASE.caseId, case: CASE, messages: history });
  return { c, events, socket };
}

beforeEach(() => {
  FakeSocket.reset();
  FakePc.all = [];
  timers = new ManualTimers();
  fetchMock = vi.fn(() => Promise.resolve(json(500, {})));
  vi.stubGlobal('fetch', fetchMock);
});

afterEach(() => {
  expect(invalidFrames(FakeSocket.allSent())).toEqual([]);
  vi.unstubAllGlobals();
});

describe('ChatCasesClient start and resume', () => {
  it('starts a SUPPORT_SDK chat with an Idempotency-Key and opens the customer socket', async () => {
    const { c, socket } = await started();
    const [url, init] = fetchMock.mock.calls[0] ?? [];
    expect(url).toBe(`${ORIGIN}/api/chats`);
    expect(JSON.parse(String(init?.body))).toEqual({
      email: 'sam@example.com',
      firstName: 'Sam',
      lastName: 'Shopper',
      channel: 'SUPPORT_SDK',
    });
    expect((init?.headers as Record<string, string>)['Idempotency-Key']).toMatch(/^[0-9a-f-]{36}$/);
    expect(socket.url).toBe('wss://chat.example.com/ws/customer');
    expect(socket.protocols).toEqual(['tok-1']);
    expect(c.chat).toEqual({ caseId: CASE.caseId, number: 42, emailVerified: false });
    expect(c.case?.status).toBe('NEW');
  });

  it('sends a signed identity, fetched by a function', async () => {
    fetchMock.mockResolvedValueOnce(json(201, { ...STARTED, emailVerified: true }));
    const c = client();
    await c.start({ email: 'a@b.c', firstName: 'A', lastName: 'B', identity: async () => 'jwt' });
    expect(JSON.parse(String(fetchMock.mock.calls[0]?.[1]?.body)).identity).toBe('jwt');
    expect(c.chat?.emailVerified).toBe(true);
  });

  it('refuses bad fields before the server, and reports the server refusal precisely', async () => {
    const c = client();
    const bad = await c.start({ email: 'nope', firstName: '', lastName: 'B' }).catch((e) => e);
    expect(bad).toBeInstanceOf(ChatCasesError);
    expect((bad as ChatCasesError).violations.map((v) => v.field)).toEqual(['email', 'firstName']);
    expect(fetchMock).not.toHaveBeenCalled();

    fetchMock.mockResolvedValueOnce(
      json(429, { code: 'RATE_LIMITED', detail: 'Slow down.' }, { 'Retry-After': '60' }),
    );
    const limited = (await c
      .start({ email: 'a@b.c', firstName: 'A', lastName: 'B' })
      .catch((e) => e)) as ChatCasesError;
    expect([limited.code, limited.status, limited.retryAfterSeconds]).toEqual([
      'RATE_LIMITED',
      429,
      60,
    ]);
    expect(c.chat).toBeNull();
  });

  it('resumes the saved chat from storage in a new client', async () => {
    const storage = memoryStorage();
    fetchMock.mockResolvedValueOnce(json(201, STARTED));
    await client(fakeRtc(), storage).start({ email: 'a@b.c', firstName: 'A', lastName: 'B' });
    const again = client(fakeRtc(), storage);
    expect(await again.resume()).toBe(true);
    expect(again.chat?.caseId).toBe(CASE.caseId);
    expect(await client(fakeRtc(), memoryStorage()).resume()).toBe(false);
  });
});

describe('ChatCasesClient messages', () => {
  it('delivers each seq once: history, replays and live frames overlap harmlessly', async () => {
    const { c, events, socket } = await started([msg(1), msg(2)]);
    socket.receive({ type: 'message', message: msg(2) });
    socket.receive({ type: 'message', message: msg(3) });
    socket.receive({
      type: 'history',
      caseId: CASE.caseId,
      case: CASE,
      messages: [msg(1), msg(2), msg(3)],
    });
    socket.receive({ type: 'message', message: msg(3) });
    expect(events.map((m) => m.seq)).toEqual([1, 2, 3]);
    expect(c.messages().map((m) => m.seq)).toEqual([1, 2, 3]);
  });

  it('reconnects after a drop with back-off and sends resume {lastSeq}, then resends unsent texts', async () => {
    const { c, socket } = await started([msg(1), msg(2), msg(3)]);
    const states: string[] = [];
    c.on('connection', (s) => states.push(s));
    socket.drop();
    expect(c.connection).toBe('reconnecting');
    const id = c.send('while offline');
    expect(socket.sentOfType('send')).toEqual([]);
    expect(timers.delays()).toEqual([250]);
    timers.runAll();
    await flush();
    const next = FakeSocket.last();
    expect(next).not.toBe(socket);
    next.open();
    expect(next.sent).toEqual([
      { type: 'resume', lastSeq: 3 },
      { type: 'send', clientMsgId: id, text: 'while offline' },
    ]);
    expect(states).toEqual(['reconnecting', 'connected']);
    // Delivered: not resent after the next drop.
    next.receive({ type: 'accepted', clientMsgId: id });
    next.receive({ type: 'message', message: msg(4, { clientMsgId: id, text: 'while offline' }) });
    expect(c.pendingSends()).toEqual([]);
  });

  it('fills a gap in live seqs over REST, and a resync the same way', async () => {
    const { events, socket } = await started([msg(1), msg(2)]);
    fetchMock.mockResolvedValueOnce(json(200, [msg(3), msg(4), msg(5)]));
    socket.receive({ type: 'message', message: msg(5) });
    await vi.waitFor(() => expect(events.map((m) => m.seq)).toEqual([1, 2, 5, 3, 4]));
    const [url, init] = fetchMock.mock.calls[1] ?? [];
    expect(url).toBe(`${ORIGIN}/api/chats/${CASE.caseId}/messages?after=2&limit=100`);
    expect((init?.headers as Record<string, string>).Authorization).toBe('Bearer tok-1');

    fetchMock.mockResolvedValueOnce(json(200, [msg(6), msg(7)]));
    socket.receive({ type: 'resync', caseId: CASE.caseId });
    await vi.waitFor(() => expect(events.map((m) => m.seq)).toEqual([1, 2, 5, 3, 4, 6, 7]));
    expect(fetchMock.mock.calls[2]?.[0]).toContain('after=5');
  });

  it('emits case changes (claimed) and errors naming a send', async () => {
    const { c, socket } = await started();
    const cases: string[] = [];
    const errors: string[] = [];
    c.on('case', (k) => cases.push(`${k.status}:${k.owner?.firstName ?? '-'}`));
    c.on('error', (e) => errors.push(`${e.code}:${e.ref}`));
    socket.receive({ type: 'case', case: CASE });
    socket.receive({
      type: 'case',
      case: { ...CASE, status: 'READY', owner: { id: 'a', firstName: 'Alice', lastName: 'A' } },
    });
    const id = c.send('x');
    socket.receive({ type: 'error', code: 'TOO_LARGE', message: 'Too long.', ref: id });
    expect(cases).toEqual(['READY:Alice']);
    expect(errors).toEqual([`TOO_LARGE:${id}`]);
    expect(c.pendingSends()).toEqual([]);
    expect(() => c.send('')).toThrow(ChatCasesError);
    expect(() => c.send('x'.repeat(4001))).toThrow(/at most 4000/);
  });
});

describe('ChatCasesClient rate', () => {
  const RESOLVED = {
    ...CASE,
    status: 'RESOLVED' as const,
    owner: { id: 'a', firstName: 'Alice', lastName: 'A' },
  };

  it('posts the rating with the customer token and emits the rated Case', async () => {
    const { c, socket } = await started();
    socket.receive({ type: 'case', case: RESOLVED });
    const rated = {
      ...RESOLVED,
      rating: { score: 4, comment: 'Kind', ratedAt: '2026-01-01T10:00:00Z' },
    };
    fetchMock.mockResolvedValueOnce(json(200, rated));
    const seen: (number | null)[] = [];
    c.on('case', (k) => seen.push(k.rating?.score ?? null));
    const answer = await c.rate(4, 'Kind');
    expect(answer.rating).toEqual({ score: 4, comment: 'Kind', ratedAt: '2026-01-01T10:00:00Z' });
    expect(c.case?.rating?.score).toBe(4);
    expect(seen).toEqual([4]);
    const [url, init] = fetchMock.mock.calls.at(-1) ?? [];
    expect(url).toBe(`${ORIGIN}/api/chats/${CASE.caseId}/rating`);
    expect(init?.method).toBe('POST');
    expect((init?.headers as Record<string, string>).Authorization).toBe('Bearer tok-1');
    expect(JSON.parse(String(init?.body))).toEqual({ score: 4, comment: 'Kind' });
  });

  it('refuses a bad score before any request, and passes the server refusals on', async () => {
    const { c } = await started();
    const calls = fetchMock.mock.calls.length;
    for (const bad of [0, 6, 4.5, Number.NaN]) {
      const e = await c.rate(bad).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(ChatCasesError);
      expect((e as ChatCasesError).violations).toEqual([
        { field: 'score', message: 'The score is a whole number from 1 to 5.' },
      ]);
    }
    expect(fetchMock.mock.calls.length).toBe(calls);

    const words = 'The comment is limited to 1,000 characters.';
    const local = (await c.rate(5, 'x'.repeat(1001)).catch((x: unknown) => x)) as ChatCasesError;
    expect([local.code, local.violations]).toEqual([
      'BAD_REQUEST',
      [{ field: 'comment', message: words }],
    ]);
    expect(fetchMock.mock.calls.length).toBe(calls);
    // The server decides: its refusal comes back with its fields.
    fetchMock.mockResolvedValueOnce(
      json(400, {
        status: 400,
        code: 'BAD_REQUEST',
        detail: words,
        violations: [{ field: 'comment', message: words }],
      }),
    );
    const refused = (await c.rate(5, 'fine').catch((x: unknown) => x)) as ChatCasesError;
    expect([refused.status, refused.code, refused.violations[0]?.field]).toEqual([
      400,
      'BAD_REQUEST',
      'comment',
    ]);
    fetchMock.mockResolvedValueOnce(
      json(409, { status: 409, code: 'CONFLICT', detail: 'Case 42 is rated.' }),
    );
    const twice = (await c.rate(5).catch((x: unknown) => x)) as ChatCasesError;
    expect([twice.status, twice.code, twice.message]).toEqual([
      409,
      'CONFLICT',
      'Case 42 is rated.',
    ]);
    // Without a comment, none is sent.
    expect(JSON.parse(String(fetchMock.mock.calls.at(-1)?.[1]?.body))).toEqual({
      score: 5,
      comment: null,
    });
  });
});

describe('ChatCasesClient calls', () => {
  const offer = { type: 'call.offer', callId: CALL_ID, sdp: 'v=0 offer', media: 'video' };

  async function ringing(rtc = fakeRtc()) {
    const s = await started([msg(1)], rtc);
    const calls: Call[] = [];
    s.c.on('incomingCall', (call) => calls.push(call));
    s.socket.receive(offer);
    expect(calls).toHaveLength(1);
    const call = calls[0] as Call;
    const states: string[] = [];
    call.on('state', (e) => states.push(e.reason ? `${e.state}:${e.reason}` : e.state));
    return { ...s, call, states, rtc };
  }

  it('accepts: ICE servers, devices, answer; candidates trickle both ways', async () => {
    const { socket, call, states, rtc } = await ringing();
    expect([call.callId, call.media, call.state]).toEqual([CALL_ID, 'video', 'ringing']);
    // A candidate that arrives before the answer is kept until the offer is applied.
    socket.receive({
      type: 'call.ice',
      callId: CALL_ID,
      candidate: { candidate: 'candidate:early', sdpMid: '0', sdpMLineIndex: 0 },
    });
    fetchMock.mockResolvedValueOnce(
      json(200, {
        iceServers: [{ urls: ['stun:stun.example.com'] }, { nope: 1 }],
        ttlSeconds: 600,
      }),
    );
    await call.accept();
    expect(fetchMock.mock.calls.at(-1)?.[0]).toBe(`${ORIGIN}/api/chats/${CASE.caseId}/ice-servers`);
    const pc = FakePc.all[0] as FakePc;
    expect(pc.config.iceServers).toEqual([{ urls: ['stun:stun.example.com'] }]);
    expect(pc.remote).toEqual({ type: 'offer', sdp: 'v=0 offer' });
    expect(pc.added.map((t) => (t as FakeTrack).kind)).toEqual(['audio', 'video']);
    expect(pc.candidates).toEqual([
      { candidate: 'candidate:early', sdpMid: '0', sdpMLineIndex: 0 },
    ]);
    expect(socket.sentOfType('call.answer')).toEqual([
      { type: 'call.answer', callId: CALL_ID, sdp: 'v=0 answer' },
    ]);
    pc.localCandidate('candidate:mine');
    expect(socket.sentOfType('call.ice')).toEqual([
      {
        type: 'call.ice',
        callId: CALL_ID,
        candidate: { candidate: 'candidate:mine', sdpMid: '0', sdpMLineIndex: 0 },
      },
    ]);
    pc.connected();
    expect(call.state).toBe('connected');
    call.mute(true);
    call.cameraOff(true);
    const tracks = rtc.streams[0]?.tracks ?? [];
    expect(tracks.map((t) => t.enabled)).toEqual([false, false]);
    // The agent hangs up: ended, devices released, nothing sent back.
    socket.receive({ type: 'call.end', callId: CALL_ID });
    expect(states).toEqual(['connecting', 'connected', 'ended:hangup']);
    expect(tracks.every((t) => t.stopped)).toBe(true);
    expect(pc.closed).toBe(true);
    expect(socket.sentOfType('call.end')).toEqual([]);
  });

  it('declines with call.end {reason: declined}; a 404 ice-servers endpoint means []', async () => {
    const { c, socket, call, states } = await ringing();
    call.decline();
    expect(socket.sentOfType('call.end')).toEqual([
      { type: 'call.end', callId: CALL_ID, reason: 'declined' },
    ]);
    expect(states).toEqual(['ended:declined']);
    expect(FakePc.all).toEqual([]);

    // The next call rings again (one call at a time, the declined one is over).
    const calls: Call[] = [];
    c.on('incomingCall', (k) => calls.push(k));
    socket.receive({ ...offer, callId: 'second-call' });
    expect(calls.map((k) => k.callId)).toEqual(['second-call']);
    fetchMock.mockResolvedValueOnce(json(404, { code: 'NOT_FOUND' }));
    await calls[0]?.accept();
    expect((FakePc.all.at(-1) as FakePc).config.iceServers).toEqual([]);
  });

  it('hangs up with call.end (no reason); without devices it tells the agent unavailable', async () => {
    const a = await ringing();
    fetchMock.mockResolvedValueOnce(json(404, {}));
    await a.call.accept();
    a.call.hangUp();
    expect(a.socket.sentOfType('call.end')).toEqual([{ type: 'call.end', callId: CALL_ID }]);

    const b = await ringing(fakeRtc('denied'));
    fetchMock.mockResolvedValueOnce(json(404, {}));
    const err = await b.call.accept().catch((e) => e);
    expect((err as Error).message).toBe('Camera or microphone access was denied.');
    expect(b.socket.sentOfType('call.end')).toEqual([
      { type: 'call.end', callId: CALL_ID, reason: 'unavailable' },
    ]);
    expect(b.states).toEqual(['connecting', 'ended:unavailable']);
  });

  it('ends the call when the socket drops, and refuses a second call while one rings', async () => {
    const { socket, call, states } = await ringing();
    socket.receive({ ...offer, callId: 'another' });
    expect(socket.sentOfType('call.end')).toEqual([
      { type: 'call.end', callId: 'another', reason: 'declined' },
    ]);
    socket.drop();
    expect(states).toEqual(['ended:disconnected']);
    expect(call.ended).toBe(true);
  });

  it('ignores call frames for another Case and a call.end with an unknown callId', async () => {
    const { socket, c } = await started();
    const calls: Call[] = [];
    c.on('incomingCall', (k) => calls.push(k));
    socket.receive({ ...offer, caseId: '99999999-2222-4333-8444-555555555555' });
    socket.receive({ type: 'call.end', callId: 'unknown' });
    expect(calls).toEqual([]);
    expect(c.activeCall).toBeNull();
  });
});
