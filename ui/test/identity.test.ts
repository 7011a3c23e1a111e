// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEMO_SHOPPER, signerFor } from '../src/demo/shop';
import { HostIdentity, identityClaims, isIdentityRefusal } from '../src/widget/identity';
import { Widget } from '../src/widget/widget';
import { FakeSocket } from './fakes';

const ORIGIN = 'http://localhost:8080';

function b64url(s: string): string {
  const utf8 = String.fromCharCode(...new TextEncoder().encode(s));
  return btoa(utf8).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function token(claims: Record<string, unknown>): string {
  return `${b64url('{"alg":"HS256"}')}.${b64url(JSON.stringify(claims))}.sig`;
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });
}

describe('identityClaims', () => {
  it('reads email and names for prefilling, and nothing from garbage', () => {
    expect(
      identityClaims(token({ email: 'zoë@example.com', given_name: 'Zoë', family_name: 'Z' })),
    ).toEqual({ email: 'zoë@example.com', firstName: 'Zoë', lastName: 'Z' });
    expect(identityClaims(token({ email: 1 }))).toEqual({});
    expect(identityClaims('nope')).toBeNull();
    expect(identityClaims('a.!!!.c')).toBeNull();
  });

  it('knows the refusal codes', () => {
    expect(isIdentityRefusal('IDENTITY_EXPIRED')).toBe(true);
    expect(isIdentityRefusal('RATE_LIMITED')).toBe(false);
  });
});

describe('HostIdentity', () => {
  it('gives a token, a fresh one from a function, or null', async () => {
    const id = new HostIdentity();
    expect(await id.token()).toBeNull();
    id.set('t1');
    expect(await id.token()).toBe('t1');
    let n = 0;
    id.set(() => Promise.resolve(`fresh-${++n}`));
    expect(await id.token()).toBe('fresh-1');
    expect(await id.token()).toBe('fresh-2');
    id.set(() => Promise.reject(new Error('host down')));
    expect(await id.token()).toBeNull();
    id.set('  ');
    expect(id.present).toBe(false);
  });
});

describe('the demo shop signer', () => {
  it('asks the demo endpoint and yields null when it is off', async () => {
    const fetchFn = vi.fn(() => Promise.resolve(json(200, { identity: 'signed' })));
    expect(await signerFor(ORIGIN, DEMO_SHOPPER, fetchFn as never)()).toBe('signed');
    expect(fetchFn).toHaveBeenCalledWith(`${ORIGIN}/api/demo/identity`, expect.anything());
    const off = vi.fn(() => Promise.resolve(json(404, { code: 'NOT_FOUND' })));
    expect(await signerFor(ORIGIN, DEMO_SHOPPER, off as never)()).toBeNull();
  });
});

describe('Widget with a host identity', () => {
  let fetchMock: ReturnType<typeof vi.fn<(url: string, init?: RequestInit) => Promise<Response>>>;

  beforeEach(() => {
    FakeSocket.reset();
    localStorage.clear();
    document.body.replaceChildren();
    fetchMock = vi.fn(() => Promise.resolve(json(500, {})));
    vi.stubGlobal('fetch', fetchMock);
  });
  afterEach(() => vi.unstubAllGlobals());

  function mount() {
    const w = new Widget({
      chatOrigin: ORIGIN,
      storage: localStorage,
      css: ':host{}',
      openSocket: (u) => new FakeSocket(u),
    });
    w.mount(document.body);
    const q = <T extends HTMLElement = HTMLElement>(id: string) =>
      w.root.querySelector<T>(`[data-testid="${id}"]`);
    return { w, q };
  }

  const submit = (q: ReturnType<typeof mount>['q']) =>
    q('prechat-form')?.dispatchEvent(new Event('submit', { cancelable: true }));

  function sentBody(i: number): Record<string, unknown> {
    const init = fetchMock.mock.calls[i]?.[1];
    return JSON.parse(String(init?.body)) as Record<string, unknown>;
  }

  function sentKey(i: number): string | undefined {
    const init = fetchMock.mock.calls[i]?.[1];
    return (init?.headers as Record<string, string> | undefined)?.['Idempotency-Key'];
  }

  it('prefills from the identity and sends it with an Idempotency-Key', async () => {
    const { w, q } = mount();
    const t = token({ email: 'sam@example.com', given_name: 'Sam', family_name: 'Shopper' });
    w.identify(t);
    await vi.waitFor(() => expect(q<HTMLInputElement>('email')?.value).toBe('sam@example.com'));
    expect(q<HTMLInputElement>('first-name')?.value).toBe('Sam');
    fetchMock.mockResolvedValueOnce(
      json(201, {
        caseId: '00000000-0000-4000-8000-000000000001',
        number: 1001,
        customerToken: 'ct',
        emailVerified: true,
      }),
    );
    submit(q);
    await vi.waitFor(() => expect(fetchMock).toHaveBeenCalled());
    expect(sentBody(0)).toMatchObject({ email: 'sam@example.com', identity: t });
    expect(sentKey(0)).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('keeps the key across a retry and goes on as a guest after a refused identity', async () => {
    const { w, q } = mount();
    w.identify(token({ email: 'sam@example.com', given_name: 'Sam', family_name: 'Shopper' }));
    await vi.waitFor(() => expect(q<HTMLInputElement>('email')?.value).toBe('sam@example.com'));
    fetchMock.mockResolvedValueOnce(json(401, { code: 'IDENTITY_EXPIRED', detail: 'expired' }));
    submit(q);
    await vi.waitFor(() =>
      expect(q('form-error')?.textContent).toContain('could not confirm your sign-in'),
    );
    fetchMock.mockResolvedValueOnce(
      json(201, {
        caseId: '00000000-0000-4000-8000-000000000002',
        number: 1002,
        customerToken: 'ct',
      }),
    );
    submit(q);
    await vi.waitFor(() => expect(fetchMock).toHaveBeenCalledTimes(2));
    expect(sentBody(1).identity).toBeUndefined();
    expect(sentKey(1)).toBe(sentKey(0));
  });

  it('a typed start without identity sends no identity', async () => {
    const { q } = mount();
    (q('email') as HTMLInputElement).value = 'typed@example.com';
    (q('first-name') as HTMLInputElement).value = 'T';
    (q('last-name') as HTMLInputElement).value = 'Y';
    submit(q);
    await vi.waitFor(() => expect(fetchMock).toHaveBeenCalled());
    expect(sentBody(0).identity).toBeUndefined();
    expect(sentKey(0)).toBeTruthy();
  });
});
