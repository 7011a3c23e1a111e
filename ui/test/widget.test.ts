// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { storageKey } from '../src/widget/session';
import { Widget } from '../src/widget/widget';
import { invalidFrames } from './schemas';
import { aCase, aMessage, FakeSocket, flush } from './fakes';
import { bearerProtocols } from '../src/shared/socketAuth';

const ORIGIN = 'http://localhost:8080';
const XSS = '<img src=x onerror=alert(1)>';

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
  });
}

function mount() {
  const w = new Widget({
    chatOrigin: ORIGIN,
    storage: localStorage,
    css: ':host{}',
    openSocket: (u, token) => new FakeSocket(u, bearerProtocols(token)),
  });
  w.mount(document.body);
  const q = <T extends HTMLElement = HTMLElement>(id: string) =>
    w.root.querySelector<T>(`[data-testid="${id}"]`);
  const qa = (id: string) =>
    Array.from(w.root.querySelectorAll<HTMLElement>(`[data-testid="${id}"]`));
  const type = (id: string, value: string) => {
    const el = q<HTMLInputElement | HTMLTextAreaElement>(id);
    if (!el) throw new Error(id);
    el.value = value;
  };
  return { w, q, qa, type };
}

describe('Widget', () => {
  let available = true;
  let fetchMock: ReturnType<typeof vi.fn<(url: string, init?: RequestInit) => Promise<Response>>>;

  beforeEach(() => {
    FakeSocket.reset();
    localStorage.clear();
    document.body.replaceChildren();
    fetchMock = vi.fn(() => Promise.resolve(json(500, {})));
    available = true;
    // GET /api/presence is asked while the panel is open; the tests' fetchMock sees the rest.
    vi.stubGlobal('fetch', (url: string, init?: RequestInit) =>
      String(url).endsWith('/api/presence')
        ? Promise.resolve(json(200, { available }))
        : fetchMock(url, init),
    );
  });
  afterEach(() => vi.unstubAllGlobals());
  // Every frame the UI sent in the test matches the protocol's schema of its type.
  afterEach(() => expect(invalidFrames(FakeSocket.allSent())).toEqual([]));

  it('lives in a shadow root behind a launcher', () => {
    const { w, q } = mount();
    expect(document.body.querySelector('[data-testid="launcher"]')).toBeNull(); // not in the page's DOM
    expect(q('panel')?.hidden).toBe(true);
    q('launcher')?.click();
    expect(q('panel')?.hidden).toBe(false);
    expect(q('launcher')?.getAttribute('aria-expanded')).toBe('true');
    expect(w.root.activeElement).toBe(q('email'));
  });

  it('validates the pre-chat form before sending it, and shows the server field errors', async () => {
    const { q, type } = mount();
    q('launcher')?.click();
    q('prechat-form')?.dispatchEvent(new Event('submit', { cancelable: true }));
    expect(fetchMock).not.toHaveBeenCalled();
    expect(q('error-email')?.hidden).toBe(false);
    expect(q('error-first-name')?.textContent).toBe('Enter your first name.');
    expect(q('email')?.getAttribute('aria-invalid')).toBe('true');

    type('email', 'ada@nowhere');
    type('first-name', 'Ada');
    type('last-name', 'Lovelace');
    fetchMock.mockResolvedValueOnce(
      json(400, {
        code: 'BAD_FRAME',
        violations: [{ field: 'email', message: 'Use a real domain.' }],
      }),
    );
    q('prechat-form')?.dispatchEvent(new Event('submit', { cancelable: true }));
    await vi.waitFor(() => expect(q('error-email')?.textContent).toBe('Use a real domain.'));
    expect(q('error-first-name')?.hidden).toBe(true);

    fetchMock.mockResolvedValueOnce(json(429, { code: 'RATE_LIMITED' }, { 'Retry-After': '60' }));
    q('prechat-form')?.dispatchEvent(new Event('submit', { cancelable: true }));
    await vi.waitFor(() => expect(q('form-error')?.textContent).toContain('60 seconds'));
  });

  it('starts a chat, shows the conversation as text and survives a reload', async () => {
    const { q, qa, type } = mount();
    q('launcher')?.click();
    type('email', 'ada@example.com');
    type('first-name', 'Ada');
    type('last-name', 'Lovelace');
    const c = aCase({ number: 12 });
    fetchMock.mockResolvedValueOnce(
      json(201, { caseId: c.caseId, number: 12, customerToken: 'ct-1' }),
    );
    q('prechat-form')?.dispatchEvent(new Event('submit', { cancelable: true }));
    await vi.waitFor(() => expect(FakeSocket.all).toHaveLength(1));
    const [url, init] = fetchMock.mock.calls[0] ?? [];
    expect(url).toBe(`${ORIGIN}/api/chats`);
    expect(JSON.parse(String(init?.body))).toEqual({
      email: 'ada@example.com',
      firstName: 'Ada',
      lastName: 'Lovelace',
      channel: 'WEB_CONNECT',
    });
    await flush();
    const socket = FakeSocket.last();
    expect(socket.url).toBe(`ws://localhost:8080/ws/customer`);
    expect(socket.protocols).toEqual(bearerProtocols('ct-1'));
    socket.open();
    const claimed = {
      ...c,
      status: 'READY' as const,
      owner: { id: 'a', firstName: 'Alice', lastName: 'Anderson' },
      lastSeq: 3,
    };
    socket.receive({ type: 'case', case: claimed });
    socket.receive({
      type: 'history',
      caseId: c.caseId,
      messages: [
        aMessage(c, 1, { text: XSS }),
        aMessage(c, 2, {
          kind: 'SYSTEM',
          sender: { type: 'SYSTEM', id: null, name: null },
          text: 'You are now chatting with Alice Anderson',
        }),
        aMessage(c, 3, {
          sender: { type: 'USER', id: 'a', name: 'Alice Anderson' },
          text: 'Hi Ada',
        }),
      ],
    });
    const items = qa('message');
    expect(items.map((i) => [i.dataset.seq, i.dataset.kind, i.dataset.mine])).toEqual([
      ['1', 'TEXT', 'true'],
      ['2', 'SYSTEM', 'false'],
      ['3', 'TEXT', 'false'],
    ]);
    expect(items[0]?.querySelector('img')).toBeNull();
    expect(items[0]?.textContent).toContain(XSS);
    expect(items[1]?.textContent).toContain('You are now chatting with Alice Anderson');
    expect(q('chat-subtitle')?.textContent).toBe('Chat 12 with Alice Anderson');

    // Send: pending until the message comes back with the same clientMsgId.
    type('composer', 'my order is late');
    q('composer')?.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter' }));
    const send = socket.sentOfType('send')[0];
    expect(send).toMatchObject({ type: 'send', text: 'my order is late' });
    expect(qa('message-pending')).toHaveLength(1);
    socket.receive({ type: 'accepted', clientMsgId: send?.clientMsgId });
    socket.receive({
      type: 'message',
      message: aMessage(c, 4, { clientMsgId: String(send?.clientMsgId), text: 'my order is late' }),
    });
    expect(qa('message-pending')).toHaveLength(0);
    expect(qa('message')).toHaveLength(4);

    // Reload: a new widget on the same storage resumes the same chat with the same token.
    const saved = JSON.parse(localStorage.getItem(storageKey(ORIGIN)) ?? '{}');
    expect(saved.chat).toEqual({ caseId: c.caseId, customerToken: 'ct-1', number: 12 });
    document.body.replaceChildren();
    const again = mount();
    expect(again.q('panel')?.hidden).toBe(false);
    expect(again.q('chat')?.hidden).toBe(false);
    await flush();
    expect(FakeSocket.last().url).toBe(`ws://localhost:8080/ws/customer`);
    expect(FakeSocket.last().protocols).toEqual(bearerProtocols('ct-1'));
  });

  it('resumes after a drop from the last seq it holds', async () => {
    const c = aCase();
    localStorage.setItem(
      storageKey(ORIGIN),
      JSON.stringify({ chat: { caseId: c.caseId, customerToken: 't', number: 1 }, open: true }),
    );
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const { qa } = mount();
      await flush();
      const s = FakeSocket.last();
      s.open();
      s.receive({ type: 'history', caseId: c.caseId, messages: [aMessage(c, 1), aMessage(c, 2)] });
      s.drop(1013);
      await vi.advanceTimersByTimeAsync(1000);
      const s2 = FakeSocket.last();
      s2.open();
      expect(s2.sentOfType('resume')).toEqual([{ type: 'resume', lastSeq: 2 }]);
      s2.receive({
        type: 'history',
        caseId: c.caseId,
        messages: [aMessage(c, 1), aMessage(c, 2), aMessage(c, 3)],
      });
      expect(qa('message').map((m) => m.dataset.seq)).toEqual(['1', '2', '3']);
    } finally {
      vi.useRealTimers();
    }
  });

  it('says when the chat has ended and offers a new one', async () => {
    const c = aCase();
    localStorage.setItem(
      storageKey(ORIGIN),
      JSON.stringify({
        chat: { caseId: c.caseId, customerToken: 't', number: 1 },
        profile: { email: 'ada@example.com', firstName: 'Ada', lastName: 'L' },
        open: true,
      }),
    );
    const { q } = mount();
    await flush();
    const s = FakeSocket.last();
    s.open();
    s.receive({ type: 'case', case: { ...c, status: 'RESOLVED' } });
    expect(q('chat-ended')?.hidden).toBe(false);
    expect(q('chat-ended')?.textContent).toContain('This chat has ended');
    expect(q('composer')?.closest('form')?.hidden).toBe(true);
    q('new-chat')?.click();
    expect(q('prechat-form')?.hidden).toBe(false);
    expect(q<HTMLInputElement>('email')?.value).toBe('ada@example.com');
    expect(s.closedWith).not.toBeNull();
    expect(JSON.parse(localStorage.getItem(storageKey(ORIGIN)) ?? '{}').chat).toBeNull();
  });

  it("shows the owner typing for 5 s, clears it on the owner's message, and sends its own throttled", async () => {
    const c = aCase();
    localStorage.setItem(
      storageKey(ORIGIN),
      JSON.stringify({ chat: { caseId: c.caseId, customerToken: 't', number: 1 }, open: true }),
    );
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    try {
      const { q } = mount();
      await flush();
      const s = FakeSocket.last();
      s.open();
      s.receive({ type: 'history', caseId: c.caseId, messages: [aMessage(c, 1)] });
      s.receive({ type: 'typing', caseId: c.caseId, from: 'USER', name: 'Alice' });
      expect(q('typing-indicator')?.hidden).toBe(false);
      expect(q('typing-indicator')?.textContent).toBe('Alice is typing…');
      await vi.advanceTimersByTimeAsync(5_000);
      expect(q('typing-indicator')?.hidden).toBe(true);

      s.receive({ type: 'typing', caseId: c.caseId, from: 'USER', name: 'Alice' });
      s.receive({
        type: 'message',
        message: aMessage(c, 2, { sender: { type: 'USER', id: 'a', name: 'Alice A' } }),
      });
      expect(q('typing-indicator')?.hidden).toBe(true);

      const composer = q<HTMLTextAreaElement>('composer');
      if (!composer) throw new Error('composer');
      for (let i = 0; i < 10; i++) {
        composer.value += 'x';
        composer.dispatchEvent(new Event('input'));
        await vi.advanceTimersByTimeAsync(100);
      }
      expect(s.sentOfType('typing')).toEqual([{ type: 'typing' }]);
      await vi.advanceTimersByTimeAsync(2_000);
      composer.value += 'y';
      composer.dispatchEvent(new Event('input'));
      expect(s.sentOfType('typing')).toHaveLength(2);
    } finally {
      vi.useRealTimers();
    }
  });

  it('says whether someone is there to answer, from GET /api/presence', async () => {
    available = false;
    const { q } = mount();
    q('launcher')?.click();
    await vi.waitFor(() =>
      expect(q('availability')?.textContent).toBe("We're away; leave a message"),
    );
    q('minimize')?.click();
    available = true;
    q('launcher')?.click();
    await vi.waitFor(() =>
      expect(q('availability')?.textContent).toBe('We usually reply in a few minutes'),
    );
    expect(q('availability')?.dataset.available).toBe('true');
  });
});
