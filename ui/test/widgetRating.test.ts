// @vitest-environment jsdom
/**
 * The widget's "How did we do?" prompt: asked once the chat is resolved, sent once with the
 * customer token, thanked with what was given; refusals in the server's words; a Case rated
 * before (another tab, a reload) is not asked again.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { bearerProtocols } from '../src/shared/socketAuth';
import { storageKey } from '../src/widget/session';
import { Widget } from '../src/widget/widget';
import { aCase, FakeSocket, flush } from './fakes';

const ORIGIN = 'http://localhost:8080';
const C = aCase();
const RESOLVED = { ...C, status: 'RESOLVED' as const };

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });

let fetchMock: ReturnType<typeof vi.fn<(url: string, init?: RequestInit) => Promise<Response>>>;

async function mountWithChat() {
  localStorage.setItem(
    storageKey(ORIGIN),
    JSON.stringify({ chat: { caseId: C.caseId, customerToken: 'tok-9', number: 1 }, open: true }),
  );
  const w = new Widget({
    chatOrigin: ORIGIN,
    storage: localStorage,
    css: ':host{}',
    openSocket: (u, token) => new FakeSocket(u, bearerProtocols(token)),
  });
  w.mount(document.body);
  await flush();
  const socket = FakeSocket.last();
  socket.open();
  const q = <T extends HTMLElement = HTMLElement>(id: string) =>
    w.root.querySelector<T>(`[data-testid="${id}"]`);
  return { q, socket };
}

beforeEach(() => {
  FakeSocket.reset();
  localStorage.clear();
  document.body.replaceChildren();
  fetchMock = vi.fn(() => Promise.resolve(json(500, {})));
  vi.stubGlobal('fetch', fetchMock);
});
afterEach(() => vi.unstubAllGlobals());

describe('widget rating', () => {
  it('is not asked while the chat is open', async () => {
    const { q, socket } = await mountWithChat();
    socket.receive({ type: 'case', case: { ...C, status: 'READY' } });
    expect(q('rating')?.hidden).toBe(true);
  });

  it('asks once resolved, sends the stars and the comment, then thanks', async () => {
    const { q, socket } = await mountWithChat();
    socket.receive({ type: 'case', case: RESOLVED });
    expect(q('rating')?.hidden).toBe(false);
    expect(q<HTMLButtonElement>('rating-send')?.disabled).toBe(true);
    q('rating-star-4')?.click();
    expect(q('rating-star-4')?.getAttribute('aria-pressed')).toBe('true');
    expect(q('rating-star-5')?.getAttribute('aria-pressed')).toBe('false');
    expect(q<HTMLButtonElement>('rating-send')?.disabled).toBe(false);
    const comment = q<HTMLTextAreaElement>('rating-comment');
    if (comment) comment.value = 'Quick and kind';
    fetchMock.mockResolvedValueOnce(
      json(200, {
        ...RESOLVED,
        rating: { score: 4, comment: 'Quick and kind', ratedAt: '2026-01-01T10:00:00Z' },
      }),
    );
    q('rating-send')
      ?.closest('form')
      ?.dispatchEvent(new Event('submit', { cancelable: true }));
    await vi.waitFor(() =>
      expect(q('rating-thanks')?.textContent).toBe('Thanks for your rating: 4 of 5 (Good).'),
    );
    expect(q('rating-star-1')).toBeNull();
    const [url, init] = fetchMock.mock.calls.at(-1) ?? [];
    expect(url).toBe(`${ORIGIN}/api/chats/${C.caseId}/rating`);
    expect((init?.headers as Record<string, string>).Authorization).toBe('Bearer tok-9');
    expect(JSON.parse(String(init?.body))).toEqual({ score: 4, comment: 'Quick and kind' });
    // The new chat button stays under it.
    expect(q('new-chat')).not.toBeNull();
  });

  it("shows the server's words for a refused comment and lets the customer try again", async () => {
    const { q, socket } = await mountWithChat();
    socket.receive({ type: 'case', case: RESOLVED });
    q('rating-star-2')?.click();
    const words = 'The comment is limited to 1,000 characters.';
    fetchMock.mockResolvedValueOnce(
      json(400, {
        status: 400,
        code: 'BAD_REQUEST',
        detail: words,
        violations: [{ field: 'comment', message: words }],
      }),
    );
    q('rating-send')
      ?.closest('form')
      ?.dispatchEvent(new Event('submit', { cancelable: true }));
    await vi.waitFor(() => expect(q('rating-errors')?.textContent).toBe(words));
    expect(q<HTMLButtonElement>('rating-send')?.disabled).toBe(false);
    expect(q('rating-star-2')).not.toBeNull();
  });

  it('does not ask again for a Case rated before (another tab, a reload)', async () => {
    const { q, socket } = await mountWithChat();
    socket.receive({
      type: 'case',
      case: { ...RESOLVED, rating: { score: 5, comment: null, ratedAt: '2026-01-01T10:00:00Z' } },
    });
    expect(q('rating-star-1')).toBeNull();
    expect(q('rating-thanks')?.textContent).toContain('5 of 5 (Great)');
  });
});
