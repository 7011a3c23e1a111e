// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { agentSocketProtocols, ConsoleApp } from '../src/console/app';
import type { AuthSession } from '../src/console/auth';
import { Notifier } from '../src/console/notify';
import { invalidFrames } from './schemas';
import { aCase, aMessage, ALICE, aTile, FakeSocket, flush } from './fakes';

const XSS = '<img src=x onerror=alert(1)>';

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });
}

function setup() {
  // One jsdom window for the whole file: no URL or draft of an earlier test may leak in.
  window.history.replaceState(null, '', '/');
  sessionStorage.clear();
  const refresh: ((t: string) => void)[] = [];
  const auth: AuthSession = {
    me: ALICE,
    token: () => Promise.resolve('tok-1'),
    onRefresh: (l) => refresh.push(l),
    logout: vi.fn(),
  };
  const fetchMock = vi.fn<(url: string, init?: RequestInit) => Promise<Response>>(() =>
    Promise.resolve(json(200, [])),
  );
  vi.stubGlobal('fetch', fetchMock);
  const notifier = new Notifier(null);
  const notify = vi.spyOn(notifier, 'notify');
  const app = new ConsoleApp({
    origin: 'http://localhost:8080',
    auth,
    notifier,
    openSocket: (url, token) => new FakeSocket(url, agentSocketProtocols(token)),
  });
  document.body.replaceChildren(app.el);
  const q = <T extends HTMLElement = HTMLElement>(sel: string) => app.el.querySelector<T>(sel);
  const qa = (sel: string) => Array.from(app.el.querySelectorAll<HTMLElement>(sel));
  return { app, fetchMock, refresh, notify, q, qa };
}

const older = aCase({
  number: 1,
  createdAt: '2025-01-01T10:00:01Z',
  lastSeq: 1,
  contact: {
    id: 'k1',
    firstName: 'Kim',
    lastName: 'Contact',
    initials: 'KC',
    email: 'kim@example.com',
  },
});
const newer = aCase({ number: 2, createdAt: '2025-01-01T10:00:02Z', lastSeq: 1 });
const aliceOwner = { id: ALICE.id, firstName: 'Alice', lastName: 'Anderson' };

describe('ConsoleApp', () => {
  beforeEach(() => {
    FakeSocket.reset();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });
  // Every frame the UI sent in the test matches the protocol's schema of its type.
  afterEach(() => expect(invalidFrames(FakeSocket.allSent())).toEqual([]));

  async function connected() {
    const s = setup();
    s.app.start();
    await flush();
    const socket = FakeSocket.last();
    socket.open();
    socket.receive({ type: 'hello', agent: { ...aliceOwner, roles: ['agent'] } });
    socket.receive({ type: 'tiles', tiles: [aTile(newer), aTile(older)], more: 0 });
    return { ...s, socket };
  }

  it('opens the agent socket with the token in Sec-WebSocket-Protocol and shows tiles oldest first', async () => {
    const { socket, qa, q } = await connected();
    expect(socket.url).toBe('ws://localhost:8080/ws/agent');
    expect(socket.protocols).toEqual([
      'bearer-token-carrier',
      'quarkus-http-upgrade%23Authorization%23Bearer%20tok-1',
    ]);
    expect(
      qa('[data-testid="tile"]').map((t) => [t.dataset.caseId, t.dataset.color, t.textContent]),
    ).toEqual([
      [older.caseId, 'orange', 'KC'],
      [newer.caseId, 'orange', 'AL'],
    ]);
    expect(q('[data-testid="connection-status"]')?.dataset.state).toBe('connected');
  });

  it('leaves a Case unassigned to read it: solid orange, history shown as text, no composer', async () => {
    const { socket, q, qa } = await connected();
    qa('[data-testid="tile"]')[0]?.click();
    expect(q('[data-testid="claim-popup"]')).not.toBeNull();
    q('[data-testid="leave-unassigned"]')?.click();
    expect(socket.sentOfType('open')).toEqual([{ type: 'open', caseId: older.caseId }]);
    socket.receive({
      type: 'history',
      caseId: older.caseId,
      case: older,
      messages: [aMessage(older, 1, { text: XSS })],
    });
    const tile = qa('[data-testid="tile"]')[0];
    expect(tile?.dataset).toMatchObject({ color: 'orange', solid: 'true', badge: 'false' });
    const msg = q('[data-testid="message"]');
    expect(msg?.querySelector('img')).toBeNull();
    expect(msg?.textContent).toContain(XSS);
    expect(q('[data-testid="composer"]')?.closest<HTMLElement>('.composer')?.hidden).toBe(true);
  });

  it('claims over REST and turns the tile blue', async () => {
    const { socket, q, qa, fetchMock } = await connected();
    const claimed = { ...older, status: 'READY', owner: aliceOwner };
    fetchMock.mockImplementation((url) =>
      Promise.resolve(String(url).endsWith('/claim') ? json(200, claimed) : json(200, [])),
    );
    qa('[data-testid="tile"]')[0]?.click();
    q('[data-testid="claim-button"]')?.click();
    await vi.waitFor(() => expect(socket.sentOfType('open')).toHaveLength(1));
    const call = fetchMock.mock.calls.find(([u]) => String(u).endsWith('/claim'));
    expect(call?.[0]).toBe(`http://localhost:8080/api/cases/${older.caseId}/claim`);
    expect((call?.[1]?.headers as Record<string, string>).Authorization).toBe('Bearer tok-1');
    expect(qa('[data-testid="tile"]')[0]?.dataset).toMatchObject({ color: 'blue', solid: 'true' });
    expect(q('[data-testid="resolve-button"]')?.hidden).toBe(false);
  });

  it('explains a lost claim race and drops the tile', async () => {
    const { q, qa, fetchMock } = await connected();
    fetchMock.mockImplementation(() =>
      Promise.resolve(
        json(409, {
          code: 'ALREADY_CLAIMED',
          detail: 'Case 1 was claimed by Bob Baker.',
          owner: { id: 'bob', firstName: 'Bob', lastName: 'Baker' },
        }),
      ),
    );
    qa('[data-testid="tile"]')[0]?.click();
    q('[data-testid="claim-button"]')?.click();
    await vi.waitFor(() => expect(q('[data-testid="notice"]')?.hidden).toBe(false));
    expect(q('[data-testid="notice"]')?.textContent).toBe('Already claimed by Bob Baker');
    expect(qa('[data-testid="tile"]').map((t) => t.dataset.caseId)).toEqual([newer.caseId]);
  });

  it('removes the tile of a Case someone else claims', async () => {
    const { socket, qa } = await connected();
    socket.receive({
      type: 'case',
      case: {
        ...newer,
        status: 'READY',
        owner: { id: 'bob', firstName: 'Bob', lastName: 'Baker' },
      },
    });
    expect(qa('[data-testid="tile"]').map((t) => t.dataset.caseId)).toEqual([older.caseId]);
  });

  it('badges a customer message in another Case and clears it on open', async () => {
    const { socket, qa, notify } = await connected();
    const mine = { ...older, status: 'READY' as const, owner: aliceOwner };
    socket.receive({ type: 'case', case: mine });
    socket.receive({ type: 'message', message: aMessage(older, 2) });
    expect(qa('[data-testid="tile"]')[0]?.dataset).toMatchObject({
      color: 'blue',
      badge: 'true',
      solid: 'false',
    });
    expect(notify).toHaveBeenCalled();
    qa('[data-testid="tile"]')[0]?.click();
    expect(qa('[data-testid="tile"]')[0]?.dataset).toMatchObject({ badge: 'false', solid: 'true' });
    // While I am in it, new customer messages are marked read at once.
    socket.receive({
      type: 'history',
      caseId: older.caseId,
      case: { ...mine, lastSeq: 2 },
      messages: [aMessage(older, 1), aMessage(older, 2)],
    });
    socket.receive({ type: 'message', message: aMessage(older, 3) });
    expect(socket.sentOfType('read')).toEqual([{ type: 'read', caseId: older.caseId, seq: 3 }]);
    expect(qa('[data-testid="tile"]')[0]?.dataset.badge).toBe('false');
  });

  it('sends text, resumes after a drop and resends what was not accepted', async () => {
    const { socket, q, qa } = await connected();
    const mine = { ...older, status: 'READY' as const, owner: aliceOwner, lastSeq: 2 };
    socket.receive({ type: 'case', case: mine });
    qa('[data-testid="tile"]')[0]?.click();
    socket.receive({
      type: 'history',
      caseId: older.caseId,
      case: mine,
      messages: [aMessage(older, 1), aMessage(older, 2)],
    });
    const composer = q<HTMLTextAreaElement>('[data-testid="composer"]');
    if (!composer) throw new Error('no composer');
    composer.value = 'hello there';
    composer.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter' }));
    const send = socket.sentOfType('send')[0];
    expect(send).toMatchObject({ type: 'send', caseId: older.caseId, text: 'hello there' });
    expect(qa('[data-testid="message-pending"]')).toHaveLength(1);

    socket.drop(1001);
    expect(q('[data-testid="connection-status"]')?.dataset.state).toBe('reconnecting');
    await vi.advanceTimersByTimeAsync(1000);
    const again = FakeSocket.last();
    expect(again).not.toBe(socket);
    again.open();
    expect(again.sentOfType('resume')).toEqual([{ type: 'resume', cases: { [older.caseId]: 2 } }]);
    expect(again.sentOfType('send')).toEqual([send]);
    // The replay and the echo of the send arrive; each seq shows once, the pending bubble goes.
    again.receive({ type: 'message', message: aMessage(older, 2) });
    again.receive({
      type: 'message',
      message: aMessage(older, 3, {
        clientMsgId: String(send?.clientMsgId),
        text: 'hello there',
        sender: { type: 'USER', id: ALICE.id, name: 'Alice Anderson' },
      }),
    });
    expect(qa('[data-testid="message"]').map((m) => [m.dataset.seq, m.dataset.mine])).toEqual([
      ['1', 'false'],
      ['2', 'false'],
      ['3', 'true'],
    ]);
    expect(qa('[data-testid="message-pending"]')).toHaveLength(0);
  });

  it('loads a conversation from the socket only: open, then its history (no REST)', async () => {
    const { socket, qa, fetchMock } = await connected();
    const mine = { ...older, status: 'READY' as const, owner: aliceOwner, lastSeq: 3 };
    socket.receive({ type: 'case', case: mine });
    socket.receive({ type: 'message', message: aMessage(older, 3, { text: 'live one' }) });
    qa('[data-testid="tile"]')[0]?.click();
    expect(socket.sentOfType('open')).toEqual([{ type: 'open', caseId: older.caseId }]);
    // The history holds the recent conversation, including what this socket sent live.
    socket.receive({
      type: 'history',
      caseId: older.caseId,
      case: mine,
      messages: [aMessage(older, 1), aMessage(older, 2), aMessage(older, 3, { text: 'live one' })],
    });
    expect(qa('[data-testid="message"]').map((m) => m.dataset.seq)).toEqual(['1', '2', '3']);
    await flush();
    expect(fetchMock.mock.calls.filter(([u]) => String(u).includes('/messages'))).toEqual([]);
  });

  it('reloads over REST after a resync, from the last seq it holds', async () => {
    const { socket, qa, fetchMock } = await connected();
    const mine = { ...older, status: 'READY' as const, owner: aliceOwner, lastSeq: 2 };
    socket.receive({ type: 'case', case: mine });
    qa('[data-testid="tile"]')[0]?.click();
    socket.receive({
      type: 'history',
      caseId: older.caseId,
      case: mine,
      messages: [aMessage(older, 1), aMessage(older, 2)],
    });
    fetchMock.mockImplementation((url) =>
      Promise.resolve(
        String(url).includes(`/api/cases/${older.caseId}/messages?after=2`)
          ? json(200, [aMessage(older, 3), aMessage(older, 4)])
          : json(200, []),
      ),
    );
    socket.receive({ type: 'resync', caseId: older.caseId });
    await vi.waitFor(() =>
      expect(qa('[data-testid="message"]').map((m) => m.dataset.seq)).toEqual(['1', '2', '3', '4']),
    );
  });

  it('resolves over REST (never over the socket) and shows the Case as resolved', async () => {
    const { socket, q, qa, fetchMock } = await connected();
    const mine = { ...older, status: 'READY' as const, owner: aliceOwner };
    socket.receive({ type: 'case', case: mine });
    qa('[data-testid="tile"]')[0]?.click();
    fetchMock.mockImplementation((url) =>
      Promise.resolve(
        String(url).endsWith('/resolve')
          ? json(200, { ...mine, status: 'RESOLVED' })
          : json(200, []),
      ),
    );
    vi.useFakeTimers({ toFake: ['setTimeout', 'setInterval', 'Date'] });
    q('[data-testid="resolve-button"]')?.click();
    // Undo window: nothing sent yet, the bar counts down.
    expect(q('[data-testid="resolve-pending"]')?.textContent).toBe('Resolving in 5 s');
    expect(q('[data-testid="resolve-button"]')?.hidden).toBe(true);
    vi.advanceTimersByTime(2000);
    expect(q('[data-testid="resolve-pending"]')?.textContent).toBe('Resolving in 3 s');
    expect(fetchMock.mock.calls.some(([u]) => String(u).endsWith('/resolve'))).toBe(false);
    vi.advanceTimersByTime(3000);
    vi.useRealTimers();
    await vi.waitFor(() =>
      expect(qa('[data-testid="tile"]').map((t) => t.dataset.caseId)).toEqual([newer.caseId]),
    );
    const call = fetchMock.mock.calls.find(([u]) => String(u).endsWith('/resolve'));
    expect(call?.[0]).toBe(`http://localhost:8080/api/cases/${older.caseId}/resolve`);
    expect(call?.[1]?.method).toBe('POST');
    expect(socket.sentOfType('resolve')).toEqual([]);
    expect(q('[data-testid="conversation-status"]')?.textContent).toContain('Resolved');
  });

  it('undoes a resolve within its window: nothing is sent, the Case stays mine', async () => {
    const { socket, q, qa, fetchMock } = await connected();
    const mine = { ...older, status: 'READY' as const, owner: aliceOwner };
    socket.receive({ type: 'case', case: mine });
    qa('[data-testid="tile"]')[0]?.click();
    vi.useFakeTimers({ toFake: ['setTimeout', 'setInterval', 'Date'] });
    q('[data-testid="resolve-button"]')?.click();
    vi.advanceTimersByTime(4000);
    q('[data-testid="resolve-undo"]')?.click();
    vi.advanceTimersByTime(10_000);
    vi.useRealTimers();
    expect(fetchMock.mock.calls.some(([u]) => String(u).endsWith('/resolve'))).toBe(false);
    expect(q('[data-testid="resolve-button"]')?.hidden).toBe(false);
    expect(
      q<HTMLElement>('[data-testid="resolve-pending"]')?.closest<HTMLElement>('.undo')?.hidden,
    ).toBe(true);
    expect(qa('[data-testid="tile"]')[0]?.dataset.color).toBe('blue');
  });

  it('shows a refused resolve as a notice', async () => {
    const { socket, q, qa, fetchMock } = await connected();
    const mine = { ...older, status: 'READY' as const, owner: aliceOwner };
    socket.receive({ type: 'case', case: mine });
    qa('[data-testid="tile"]')[0]?.click();
    fetchMock.mockImplementation(() =>
      Promise.resolve(json(409, { code: 'CONFLICT', detail: 'Case 1 is not ready.' })),
    );
    vi.useFakeTimers({ toFake: ['setTimeout', 'setInterval', 'Date'] });
    q('[data-testid="resolve-button"]')?.click();
    vi.advanceTimersByTime(5000);
    vi.useRealTimers();
    await vi.waitFor(() =>
      expect(q('[data-testid="notice"]')?.textContent).toBe('Case 1 is not ready.'),
    );
  });

  it('passes a refreshed token to the open socket', async () => {
    const { socket, refresh } = await connected();
    refresh.forEach((l) => l('tok-2'));
    expect(socket.sentOfType('auth')).toEqual([{ type: 'auth', token: 'tok-2' }]);
  });

  it('shows seven tiles and "+1" for eight waiting Cases', async () => {
    const { socket, q, qa } = await connected();
    for (let i = 0; i < 6; i++)
      socket.receive({ type: 'case', case: aCase({ createdAt: `2025-01-01T10:01:0${i}Z` }) });
    expect(qa('[data-testid="tile"]')).toHaveLength(7);
    expect(q('[data-testid="tiles-more"]')?.textContent).toBe('+1');
  });

  it("shows the customer typing on the tile and in the open conversation, and sends the owner's", async () => {
    const { socket, q, qa } = await connected();
    const mine = { ...newer, status: 'READY' as const, owner: aliceOwner };
    socket.receive({ type: 'case', case: mine });
    qa(`[data-testid="tile"][data-case-id="${mine.caseId}"]`)[0]?.click();
    socket.receive({ type: 'history', caseId: mine.caseId, case: mine, messages: [] });

    socket.receive({ type: 'typing', caseId: older.caseId, from: 'CUSTOMER', name: 'Kim Contact' });
    const olderTile = () => q(`[data-testid="tile"][data-case-id="${older.caseId}"]`);
    expect(olderTile()?.hasAttribute('data-typing')).toBe(true);
    expect(olderTile()?.querySelector('[data-testid="tile-typing"]')).not.toBeNull();
    // The tile keeps its name and tooltip: who, how long, the last message.
    expect(olderTile()?.title).not.toContain('typing');
    expect(olderTile()?.getAttribute('aria-label')).not.toContain('typing');
    expect(q('[data-testid="conversation-typing"]')?.hidden).toBe(true);

    socket.receive({ type: 'typing', caseId: mine.caseId, from: 'CUSTOMER', name: 'Ada Lovelace' });
    expect(q('[data-testid="conversation-typing"]')?.textContent).toBe('Ada Lovelace is typing…');
    socket.receive({ type: 'message', message: aMessage(mine, 2) });
    expect(q('[data-testid="conversation-typing"]')?.hidden).toBe(true);

    await vi.advanceTimersByTimeAsync(5_000);
    expect(olderTile()?.hasAttribute('data-typing')).toBe(false);

    const composer = q<HTMLTextAreaElement>('[data-testid="composer"]');
    if (!composer) throw new Error('composer');
    for (const text of ['h', 'he', 'hel']) {
      composer.value = text;
      composer.dispatchEvent(new Event('input'));
    }
    expect(socket.sentOfType('typing')).toEqual([{ type: 'typing', caseId: mine.caseId }]);
  });

  it('never sends typing for a Case the agent does not own', async () => {
    const { socket, q, qa } = await connected();
    qa('[data-testid="tile"]')[0]?.click();
    q('[data-testid="leave-unassigned"]')?.click();
    socket.receive({ type: 'history', caseId: older.caseId, case: older, messages: [] });
    const composer = q<HTMLTextAreaElement>('[data-testid="composer"]');
    if (!composer) throw new Error('composer');
    composer.value = 'x';
    composer.dispatchEvent(new Event('input'));
    expect(socket.sentOfType('typing')).toEqual([]);
  });

  it('keeps the chosen presence across reloads and sends it whenever the socket opens', async () => {
    localStorage.clear();
    const first = await connected();
    expect(first.socket.sentOfType('presence')).toEqual([{ type: 'presence', status: 'ONLINE' }]);
    const select = first.q<HTMLSelectElement>('[data-testid="presence-select"]');
    if (!select) throw new Error('presence-select');
    select.value = 'AWAY';
    select.dispatchEvent(new Event('change'));
    expect(first.socket.sentOfType('presence')).toEqual([
      { type: 'presence', status: 'ONLINE' },
      { type: 'presence', status: 'AWAY' },
    ]);
    first.app.stop();

    const reloaded = await connected();
    expect(reloaded.q<HTMLSelectElement>('[data-testid="presence-select"]')?.value).toBe('AWAY');
    expect(reloaded.socket.sentOfType('presence')).toEqual([{ type: 'presence', status: 'AWAY' }]);
    localStorage.clear();
  });
});
