// @vitest-environment jsdom
// Transfer and unassign from the console (issue 18, item 3): the menu, the agents it lists and
// the REST calls it makes.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AuthSession } from '../src/console/auth';
import { ClaimController } from '../src/console/controllers/claims';
import { ConsoleModel } from '../src/console/model';
import { createContext } from '../src/console/state';
import { HandOnMenu } from '../src/console/views/handOnMenu';
import { aCase, ALICE, flush } from './fakes';

const bob = { id: 'bob-id', firstName: 'Bob', lastName: 'Baker' };

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json' },
  });
}

let fetchMock: ReturnType<typeof vi.fn<(url: string, init?: RequestInit) => Promise<Response>>>;
beforeEach(() => {
  fetchMock = vi.fn<(url: string, init?: RequestInit) => Promise<Response>>();
  vi.stubGlobal('fetch', fetchMock);
});
afterEach(() => vi.unstubAllGlobals());

function controller() {
  const auth: AuthSession = {
    me: ALICE,
    token: () => Promise.resolve('tok'),
    onRefresh: () => undefined,
    logout: vi.fn(),
  };
  const ctx = createContext('http://localhost:8080', auth, new ConsoleModel(ALICE), () => true);
  const notices: string[] = [];
  ctx.notice = (text) => notices.push(text);
  const applied: unknown[] = [];
  const claims = new ClaimController(ctx, {
    applyCase: (c) => applied.push(c),
    open: () => undefined,
    remove: () => undefined,
  });
  return { claims, notices, applied };
}

describe('ClaimController: transfer and unassign', () => {
  it('lists the agents but me, skipping malformed rows', async () => {
    fetchMock.mockResolvedValue(
      json(200, [ALICE, bob, { firstName: 'No id' }, null, { id: 7 }, { id: 'carol-id' }]),
    );
    const { claims } = controller();
    expect(await claims.agents()).toEqual([bob, { id: 'carol-id', firstName: '', lastName: '' }]);
    expect(fetchMock.mock.calls[0]?.[0]).toBe('http://localhost:8080/api/agents');
  });

  it("adds each agent's presence when the gateway says it (absent = OFFLINE)", async () => {
    fetchMock
      .mockResolvedValueOnce(json(200, [ALICE, bob, { id: 'carol-id' }]))
      .mockResolvedValueOnce(json(200, { 'bob-id': 'AWAY', [ALICE.id]: 'ONLINE' }));
    const { claims } = controller();
    expect(await claims.agents()).toEqual([
      { ...bob, presence: 'AWAY' },
      { id: 'carol-id', firstName: '', lastName: '', presence: 'OFFLINE' },
    ]);
    expect(fetchMock.mock.calls[1]?.[0]).toBe('http://localhost:8080/api/presence/agents');
  });

  it('posts the agent id, applies the answer and says whom it went to', async () => {
    const c = aCase({ status: 'READY', owner: bob });
    fetchMock.mockResolvedValue(json(200, c));
    const { claims, notices, applied } = controller();
    await claims.transfer(c.caseId, bob);
    const [url, init] = fetchMock.mock.calls[0] ?? [];
    expect(url).toBe(`http://localhost:8080/api/cases/${c.caseId}/transfer`);
    expect(init?.method).toBe('POST');
    expect(JSON.parse(String(init?.body))).toEqual({ agentId: 'bob-id' });
    expect(applied).toEqual([c]);
    expect(notices).toEqual(['Handed to Bob Baker']);
    expect(claims.claiming(c.caseId)).toBe(false);
  });

  it('shows the problem when a transfer is refused, and changes nothing', async () => {
    fetchMock.mockResolvedValue(
      json(403, { status: 403, code: 'FORBIDDEN', detail: 'Only the owner hands this Case on.' }),
    );
    const { claims, notices, applied } = controller();
    await claims.transfer('case-1', bob);
    expect(applied).toEqual([]);
    expect(notices).toEqual(['Only the owner hands this Case on.']);
  });

  it('returns a Case to the queue', async () => {
    const c = aCase({ status: 'NEW', owner: null });
    fetchMock.mockResolvedValue(json(200, c));
    const { claims, notices, applied } = controller();
    await claims.unassign(c.caseId);
    expect(fetchMock.mock.calls[0]?.[0]).toBe(
      `http://localhost:8080/api/cases/${c.caseId}/unassign`,
    );
    expect(applied).toEqual([c]);
    expect(notices).toEqual(['Returned to the queue']);
  });
});

describe('HandOnMenu', () => {
  function menu(agents: () => Promise<{ id: string; firstName: string; lastName: string }[]>) {
    const transfer = vi.fn();
    const unassign = vi.fn();
    const m = new HandOnMenu({ agents, transfer, unassign });
    document.body.replaceChildren(m.el);
    const q = (id: string): HTMLElement => {
      const el = m.el.querySelector<HTMLElement>(`[data-testid="${id}"]`);
      if (!el) throw new Error(`no ${id}`);
      return el;
    };
    return { m, transfer, unassign, q };
  }

  it('opens on the button, lists the agents, and a pick transfers and closes', async () => {
    const { m, transfer, q } = menu(() => Promise.resolve([bob]));
    q('transfer-button').click();
    await flush();
    expect(m.isOpen).toBe(true);
    expect(q('transfer-button').getAttribute('aria-expanded')).toBe('true');
    const entry = q('transfer-agent');
    expect(entry.textContent).toBe('Bob Baker');
    expect(document.activeElement).toBe(entry);
    entry.click();
    expect(transfer).toHaveBeenCalledWith(bob);
    expect(m.isOpen).toBe(false);
  });

  it("shows a colleague's presence as a dot, the name unchanged", async () => {
    const { q } = menu(() => Promise.resolve([{ ...bob, presence: 'AWAY' as const }]));
    q('transfer-button').click();
    await flush();
    const entry = q('transfer-agent');
    expect(entry.dataset.presence).toBe('AWAY');
    expect(entry.title).toBe('Bob Baker: away');
    expect(entry.textContent).toBe('Bob Baker');
    expect(entry.querySelector('[data-testid="transfer-agent-presence"]')).not.toBeNull();
  });

  it('says so when nobody else has signed in, or the list cannot be loaded', async () => {
    const empty = menu(() => Promise.resolve([]));
    empty.q('transfer-button').click();
    await flush();
    expect(empty.q('transfer-status').textContent).toBe('No other agent has signed in yet.');
    const failing = menu(() => Promise.reject(new Error('down')));
    failing.q('transfer-button').click();
    await flush();
    expect(failing.q('transfer-status').textContent).toBe('Could not load the agents.');
  });

  it('"Return to queue" unassigns; Escape closes and gives focus back', async () => {
    const { m, unassign, q } = menu(() => Promise.resolve([bob]));
    q('transfer-button').click();
    await flush();
    q('transfer-agent').dispatchEvent(
      new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }),
    );
    expect(m.isOpen).toBe(false);
    expect(document.activeElement).toBe(q('transfer-button'));
    q('transfer-button').click();
    await flush();
    q('unassign-button').click();
    expect(unassign).toHaveBeenCalledOnce();
    m.setAvailable(false);
    expect(m.el.hidden).toBe(true);
  });
});
