/**
 * The transcript download in the Support SDK (`transcript()`) against a fake fetch: the customer
 * token on the customer's own path, the server's text as it came, and refusals as ChatCasesError.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ChatCasesClient, ChatCasesError, memoryStorage } from '../src/sdk';
import { transcriptFileName } from '../src/shared/transcript';
import { FakeSocket, flush, ManualTimers } from './fakes';

const ORIGIN = 'https://chat.example.com';
const CASE_ID = '11111111-2222-4333-8444-555555555555';
const STARTED = { caseId: CASE_ID, number: 42, customerToken: 'tok-1', emailVerified: false };
const TEXT = 'Chat Cases transcript: Case 42\nCustomer: Sam Shopper \u00e9\n';

let fetchMock: ReturnType<typeof vi.fn<(url: string, init?: RequestInit) => Promise<Response>>>;

async function started(): Promise<ChatCasesClient> {
  fetchMock.mockResolvedValueOnce(
    new Response(JSON.stringify(STARTED), {
      status: 201,
      headers: { 'Content-Type': 'application/json' },
    }),
  );
  const c = new ChatCasesClient({
    origin: ORIGIN,
    storage: memoryStorage(),
    timers: new ManualTimers(),
    random: () => 0,
    openSocket: (url, token) => new FakeSocket(url, [token]),
  });
  await c.start({ email: 'sam@example.com', firstName: 'Sam', lastName: 'Shopper' });
  await flush();
  return c;
}

beforeEach(() => {
  FakeSocket.reset();
  fetchMock = vi.fn(() => Promise.resolve(new Response('', { status: 500 })));
  vi.stubGlobal('fetch', fetchMock);
});

afterEach(() => vi.unstubAllGlobals());

describe('ChatCasesClient.transcript', () => {
  it('fetches the chat’s transcript with the customer token and names it chat-<number>.txt', async () => {
    const c = await started();
    fetchMock.mockResolvedValueOnce(
      new Response(TEXT, {
        status: 200,
        headers: {
          'Content-Type': 'text/plain; charset=utf-8',
          'Content-Disposition': 'attachment; filename="chat-42.txt"',
        },
      }),
    );
    const t = await c.transcript();
    expect(t).toEqual({ fileName: 'chat-42.txt', text: TEXT });
    const [url, init] = fetchMock.mock.calls.at(-1) ?? [];
    expect(url).toBe(`${ORIGIN}/api/chats/${CASE_ID}/transcript`);
    expect(new Headers(init?.headers).get('Authorization')).toBe('Bearer tok-1');
  });

  it('rejects with the server’s problem code', async () => {
    const c = await started();
    fetchMock.mockResolvedValueOnce(
      new Response(
        JSON.stringify({
          status: 403,
          code: 'FORBIDDEN',
          detail: 'This token is for another Case.',
        }),
        { status: 403, headers: { 'Content-Type': 'application/problem+json' } },
      ),
    );
    const e = await c.transcript().catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ChatCasesError);
    expect((e as ChatCasesError).code).toBe('FORBIDDEN');
    expect((e as ChatCasesError).status).toBe(403);
  });

  it('needs a chat', async () => {
    const c = new ChatCasesClient({ origin: ORIGIN, storage: memoryStorage() });
    await expect(c.transcript()).rejects.toBeInstanceOf(Error);
  });

  it('names the file as the server does', () => {
    expect(transcriptFileName(1042)).toBe('chat-1042.txt');
  });
});
