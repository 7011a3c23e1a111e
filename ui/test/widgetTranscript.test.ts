// @vitest-environment jsdom
/**
 * The widget's "Download transcript": there while chatting and after the chat ended, fetched with
 * the customer token and saved as chat-<number>.txt; a failure is said beside the link.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { bearerProtocols } from '../src/shared/socketAuth';
import { storageKey } from '../src/widget/session';
import { Widget } from '../src/widget/widget';
import { aCase, FakeSocket, flush } from './fakes';

const ORIGIN = 'http://localhost:8080';

function mountSaved(status: 'READY' | 'RESOLVED') {
  const c = aCase();
  localStorage.setItem(
    storageKey(ORIGIN),
    JSON.stringify({
      chat: { caseId: c.caseId, customerToken: 't', number: 7 },
      profile: { email: 'ada@example.com', firstName: 'Ada', lastName: 'L' },
      open: true,
    }),
  );
  const w = new Widget({
    chatOrigin: ORIGIN,
    storage: localStorage,
    css: ':host{}',
    openSocket: (u, token) => new FakeSocket(u, bearerProtocols(token)),
  });
  w.mount(document.body);
  const q = (id: string) => w.root.querySelector<HTMLElement>(`[data-testid="${id}"]`);
  return { c, q, status };
}

describe('Widget transcript download', () => {
  let fetchMock: ReturnType<typeof vi.fn<(url: string, init?: RequestInit) => Promise<Response>>>;
  let saved: { href: string; download: string }[];

  beforeEach(() => {
    FakeSocket.reset();
    localStorage.clear();
    document.body.replaceChildren();
    fetchMock = vi.fn(() => Promise.resolve(new Response('{}', { status: 500 })));
    vi.stubGlobal('fetch', fetchMock);
    saved = [];
    URL.createObjectURL = vi.fn(() => 'blob:transcript');
    URL.revokeObjectURL = vi.fn();
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      saved.push({ href: this.href, download: this.download });
    });
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });

  for (const status of ['READY', 'RESOLVED'] as const) {
    it(`saves chat-<number>.txt with the customer token (${status})`, async () => {
      const { c, q } = mountSaved(status);
      await flush();
      const s = FakeSocket.last();
      s.open();
      s.receive({ type: 'case', case: { ...c, status } });
      expect(q('chat-ended')?.hidden).toBe(status === 'READY');
      const link = q('transcript-download');
      expect(link?.textContent).toBe('Download transcript');
      expect(link?.offsetParent === null && link.closest('[hidden]')).toBeFalsy();

      fetchMock.mockResolvedValueOnce(
        new Response('Chat Cases transcript: Case 7\n', {
          status: 200,
          headers: { 'Content-Type': 'text/plain; charset=utf-8' },
        }),
      );
      link?.click();
      await vi.waitFor(() =>
        expect(saved).toEqual([{ href: 'blob:transcript', download: `chat-${c.number}.txt` }]),
      );
      const [url, init] = fetchMock.mock.calls.at(-1) ?? [];
      expect(url).toBe(`${ORIGIN}/api/chats/${c.caseId}/transcript`);
      expect(new Headers(init?.headers).get('Authorization')).toBe('Bearer t');
      expect(q('transcript-note')?.textContent).toBe('');
    });
  }

  it('says when the transcript could not be downloaded', async () => {
    const { c, q } = mountSaved('READY');
    await flush();
    FakeSocket.last().open();
    FakeSocket.last().receive({ type: 'case', case: c });
    fetchMock.mockResolvedValueOnce(new Response('', { status: 503 }));
    q('transcript-download')?.click();
    await vi.waitFor(() =>
      expect(q('transcript-note')?.textContent).toBe(
        'The transcript could not be downloaded. Try again shortly.',
      ),
    );
    expect(saved).toEqual([]);
  });
});
