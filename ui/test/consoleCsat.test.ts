// @vitest-environment jsdom
/**
 * The console's parts of issue 18 items 7 and 8: the admins' Quick Replies screen (entry only for
 * admins, create / edit / delete over REST, live preview filled by shared/quickReplies, the
 * server's words under the field) and the customer's rating in the Case panel, live.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { agentSocketProtocols, ConsoleApp } from '../src/console/app';
import type { AuthSession } from '../src/console/auth';
import { Notifier } from '../src/console/notify';
import type { Agent } from '../src/shared/protocol';
import { aCase, ALICE, aTile, FakeSocket, flush } from './fakes';

const json = (status: number, body: unknown) =>
  new Response(status === 204 ? null : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });

const ADMIN: Agent = { ...ALICE, roles: ['agent', 'admin'] };
const GREET = { id: 'q1', shortcut: 'greet', title: 'Greeting', body: 'Hi {{contact.firstName}}' };

type Handler = (url: string, init?: RequestInit) => Response | undefined;

function setup(me: Agent, handler: Handler = () => undefined) {
  window.history.replaceState(null, '', '/');
  sessionStorage.clear();
  const auth: AuthSession = {
    me,
    token: () => Promise.resolve('tok-1'),
    onRefresh: () => undefined,
    logout: vi.fn(),
  };
  const fetchMock = vi.fn((url: string, init?: RequestInit) =>
    Promise.resolve(handler(String(url), init) ?? json(200, [])),
  );
  vi.stubGlobal('fetch', fetchMock);
  const app = new ConsoleApp({
    origin: 'http://localhost:8080',
    auth,
    notifier: new Notifier(null),
    openSocket: (url, token) => new FakeSocket(url, agentSocketProtocols(token)),
  });
  document.body.replaceChildren(app.el);
  app.start();
  const q = <T extends HTMLElement = HTMLElement>(id: string) =>
    app.el.querySelector<T>(`[data-testid="${id}"]`);
  const qa = (id: string) =>
    Array.from(app.el.querySelectorAll<HTMLElement>(`[data-testid="${id}"]`));
  const type = (id: string, value: string) => {
    const el = q<HTMLInputElement | HTMLTextAreaElement>(id);
    if (!el) throw new Error(id);
    el.value = value;
    el.dispatchEvent(new Event('input'));
  };
  const submit = () =>
    q('qr-admin-save')
      ?.closest('form')
      ?.dispatchEvent(new Event('submit', { cancelable: true }));
  return { app, fetchMock, q, qa, type, submit };
}

const calls = (fetchMock: ReturnType<typeof setup>['fetchMock'], method: string) =>
  fetchMock.mock.calls
    .filter(([, init]) => (init?.method ?? 'GET') === method)
    .map(([url, init]) => [
      new URL(String(url)).pathname,
      init?.body ? JSON.parse(String(init.body)) : null,
    ]);

beforeEach(() => FakeSocket.reset());
afterEach(() => vi.unstubAllGlobals());

describe('Quick Replies screen', () => {
  it('has no entry for an agent without the admin role', async () => {
    const { q } = setup(ALICE);
    await flush();
    expect(q('quick-replies-admin')).toBeNull();
    expect(q('qr-admin')?.hidden).toBe(true);
  });

  it('lets an admin create a Quick Reply with a live preview, and reloads the list', async () => {
    let list = [GREET];
    const { q, qa, type, submit, fetchMock } = setup(ADMIN, (url, init) => {
      if (init?.method === 'POST') {
        const body = JSON.parse(String(init.body)) as Record<string, string>;
        const made = { ...GREET, id: 'q2', ...body };
        list = [GREET, made];
        return json(201, made);
      }
      return url.endsWith('/api/quick-replies') ? json(200, list) : undefined;
    });
    await flush();
    q('quick-replies-admin')?.click();
    expect(q('qr-admin')?.hidden).toBe(false);
    await vi.waitFor(() =>
      expect(qa('qr-admin-row').map((r) => r.dataset.shortcut)).toEqual(['greet']),
    );

    type('qr-admin-shortcut', 'Thanks');
    type('qr-admin-title', 'Thank you');
    type(
      'qr-admin-body',
      'Thanks {{contact.firstName}}, {{agent.firstName}} here ({{case.number}}).',
    );
    // No Case open: an example Contact, the signed-in admin.
    expect(q('qr-admin-preview')?.textContent).toBe('Thanks Sam, Alice here (1042).');
    submit();
    await vi.waitFor(() => expect(qa('qr-admin-row')).toHaveLength(2));
    expect(calls(fetchMock, 'POST')).toEqual([
      [
        '/api/quick-replies',
        {
          shortcut: 'Thanks',
          title: 'Thank you',
          body: 'Thanks {{contact.firstName}}, {{agent.firstName}} here ({{case.number}}).',
        },
      ],
    ]);
    expect(q<HTMLInputElement>('qr-admin-shortcut')?.value).toBe('');
  });

  it("shows the server's own words under the field it names", async () => {
    const words = 'unknown placeholder {{contact.email}} at 3';
    const { q, type, submit } = setup(ADMIN, (url, init) =>
      init?.method === 'POST'
        ? json(400, {
            status: 400,
            code: 'BAD_REQUEST',
            detail: 'Invalid request',
            violations: [
              { field: 'body', message: words },
              { field: 'title', message: 'is required' },
            ],
          })
        : undefined,
    );
    await flush();
    q('quick-replies-admin')?.click();
    type('qr-admin-shortcut', 'x');
    type('qr-admin-body', 'Hi {{contact.email}}');
    expect(q('qr-admin-preview')?.textContent).toBe('Hi {{contact.email}}');
    submit();
    await vi.waitFor(() => expect(q('qr-admin-error-body')?.textContent).toBe(words));
    expect(q('qr-admin-error-title')?.textContent).toBe('is required');
    expect(q('qr-admin-error-shortcut')?.textContent).toBe('');
    expect(q('qr-admin-body')?.getAttribute('aria-invalid')).toBe('true');
    // The typed text stays for correcting.
    expect(q<HTMLTextAreaElement>('qr-admin-body')?.value).toBe('Hi {{contact.email}}');
  });

  it('says a taken shortcut under the shortcut', async () => {
    const { q, type, submit } = setup(ADMIN, (url, init) =>
      init?.method === 'POST'
        ? json(409, {
            status: 409,
            code: 'SHORTCUT_TAKEN',
            detail: 'The shortcut /greet is taken.',
          })
        : undefined,
    );
    await flush();
    q('quick-replies-admin')?.click();
    type('qr-admin-shortcut', 'greet');
    submit();
    await vi.waitFor(() =>
      expect(q('qr-admin-error-shortcut')?.textContent).toBe('The shortcut /greet is taken.'),
    );
  });

  it('edits with PUT and deletes after a confirming second click', async () => {
    let list = [GREET];
    const { q, qa, type, submit, fetchMock } = setup(ADMIN, (url, init) => {
      if (init?.method === 'PUT') {
        const edited = { id: 'q1', ...(JSON.parse(String(init.body)) as object) };
        list = [edited as typeof GREET];
        return json(200, edited);
      }
      if (init?.method === 'DELETE') {
        list = [];
        return json(204, null);
      }
      return url.endsWith('/api/quick-replies') ? json(200, list) : undefined;
    });
    await flush();
    q('quick-replies-admin')?.click();
    await vi.waitFor(() => expect(qa('qr-admin-edit')).toHaveLength(1));
    qa('qr-admin-edit')[0]?.click();
    expect(q<HTMLInputElement>('qr-admin-shortcut')?.value).toBe('greet');
    expect(q('qr-admin-preview')?.textContent).toBe('Hi Sam');
    type('qr-admin-body', 'Hello {{contact.firstName}}!');
    expect(q('qr-admin-preview')?.textContent).toBe('Hello Sam!');
    submit();
    await vi.waitFor(() => expect(calls(fetchMock, 'PUT')).toHaveLength(1));
    expect(calls(fetchMock, 'PUT')[0]).toEqual([
      '/api/quick-replies/q1',
      { shortcut: 'greet', title: 'Greeting', body: 'Hello {{contact.firstName}}!' },
    ]);

    await vi.waitFor(() => expect(qa('qr-admin-delete')).toHaveLength(1));
    qa('qr-admin-delete')[0]?.click();
    expect(calls(fetchMock, 'DELETE')).toEqual([]);
    expect(qa('qr-admin-delete')[0]?.textContent).toBe('Confirm delete');
    qa('qr-admin-delete')[0]?.click();
    await vi.waitFor(() => expect(qa('qr-admin-row')).toHaveLength(0));
    expect(calls(fetchMock, 'DELETE')).toEqual([['/api/quick-replies/q1', null]]);
  });
});

describe('rating in the Case panel', () => {
  it('shows the rating once case.rated arrives for the Case on screen', async () => {
    const mine = aCase({
      status: 'READY',
      owner: { id: ALICE.id, firstName: 'Alice', lastName: 'Anderson' },
    });
    const { q, qa } = setup(ALICE);
    await flush();
    const socket = FakeSocket.last();
    socket.open();
    socket.receive({ type: 'hello', agent: ALICE });
    socket.receive({ type: 'tiles', tiles: [aTile(mine)], more: 0 });
    qa('tile')[0]?.click();
    socket.receive({ type: 'history', caseId: mine.caseId, case: mine, messages: [] });
    expect(q('case-panel')?.hidden).toBe(false);
    expect(q('case-rating')?.hidden).toBe(true);
    socket.receive({
      type: 'case',
      case: { ...mine, status: 'RESOLVED' },
    });
    expect(q('case-rating')?.hidden).toBe(true);
    socket.receive({
      type: 'case',
      case: {
        ...mine,
        status: 'RESOLVED',
        rating: { score: 4, comment: 'Quick & <b>kind</b>', ratedAt: '2026-01-01T10:00:00Z' },
      },
    });
    expect(q('case-rating')?.hidden).toBe(false);
    expect(q('case-rating-score')?.textContent).toBe('★★★★☆ 4 of 5');
    expect(q('case-rating-comment')?.textContent).toBe('Quick & <b>kind</b>');
    expect(q('case-rating-comment')?.querySelector('b')).toBeNull();
  });
});
