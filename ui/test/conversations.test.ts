// @vitest-environment jsdom
// The conversations view and the customer's history (issue 18, items 1 and 2): what the console
// asks case-service for, what it shows, and that a late answer never overwrites a newer one.
import { describe, expect, it, vi } from 'vitest';
import type { AuthSession } from '../src/console/auth';
import { CasePanelController } from '../src/console/controllers/casePanel';
import { ConversationsController } from '../src/console/controllers/conversations';
import { ConsoleModel } from '../src/console/model';
import { createContext, type ConsoleContext } from '../src/console/state';
import { SEARCH_DELAY } from '../src/console/views/conversationsList';
import { FrameDispatcher } from '../src/shared/dispatcher';
import { FileAccess } from '../src/shared/files';
import { ApiError } from '../src/shared/http';
import { parseProblem, type Case } from '../src/shared/protocol';
import { aCase, aMessage, ALICE, flush } from './fakes';

type Api = ConsoleContext['api'];

function setup(roles = ['agent']) {
  const auth: AuthSession = {
    me: { ...ALICE, roles },
    token: () => Promise.resolve('tok'),
    onRefresh: () => undefined,
    logout: vi.fn(),
  };
  const ctx = createContext('http://localhost:8080', auth, new ConsoleModel(ALICE), () => true);
  const notices: string[] = [];
  ctx.notice = (text) => notices.push(text);
  const calls: string[] = [];
  const answers = new Map<string, (path: string) => unknown>();
  ctx.api = ((path: string) => {
    calls.push(path);
    const key = [...answers.keys()].find((k) => path.startsWith(k));
    const answer = key ? answers.get(key) : undefined;
    if (!answer) return Promise.reject(new Error(`unexpected ${path}`));
    try {
      return Promise.resolve({ status: 200, body: answer(path) });
    } catch (e) {
      return Promise.reject(e);
    }
  }) as Api;
  return { ctx, notices, calls, answers };
}

const hit = (c: Case, match: string | null = null) => ({ case: c, match });
const rows = (el: HTMLElement) =>
  Array.from(el.querySelectorAll<HTMLElement>('[data-testid="convlist-row"]')).map(
    (r) => r.dataset.caseId,
  );

describe('ConversationsController', () => {
  it('loads the chosen view with the words, shows rows and the match, pages on', async () => {
    const { ctx, calls, answers } = setup();
    const a = aCase({ number: 1001 });
    const b = aCase({
      number: 1002,
      status: 'RESOLVED',
      rating: { score: 4, comment: null, ratedAt: '2026-01-01T12:00:00Z' },
    });
    const c = aCase({ number: 1003 });
    answers.set('/api/cases/search?view=open&limit=50&cursor=', () => ({
      cases: [hit(b), hit(c)],
      next: null,
    }));
    answers.set('/api/cases/search?view=open', () => ({
      cases: [hit(a, 'where is it')],
      next: 'k1',
    }));
    const shown: boolean[] = [];
    const conv = new ConversationsController(ctx, {
      open: () => Promise.resolve('opened'),
      shown: (o) => shown.push(o),
    });
    conv.setOpen(true);
    await flush();
    expect(shown).toEqual([true]);
    expect(calls).toEqual(['/api/cases/search?view=open&limit=50']);
    expect(rows(conv.view.el)).toEqual([a.caseId]);
    expect(conv.view.el.querySelector('[data-testid="convlist-match"]')?.textContent).toBe(
      'where is it',
    );
    conv.view.el.querySelector<HTMLElement>('[data-testid="convlist-more"]')?.click();
    await flush();
    expect(calls[1]).toBe('/api/cases/search?view=open&limit=50&cursor=k1');
    // A row that came again on the next page (the list moved) shows once.
    expect(rows(conv.view.el)).toEqual([a.caseId, b.caseId, c.caseId]);
    const rated = conv.view.el.querySelectorAll('[data-testid="convlist-rating"]');
    expect(Array.from(rated).map((r) => r.getAttribute('aria-label'))).toEqual(['Rated 4 of 5']);
    expect(conv.view.el.querySelector('[data-testid="convlist-more"]')).toBeNull();
  });

  it('searches after a pause in typing, per view; a late older answer is dropped', async () => {
    vi.useFakeTimers();
    try {
      const { ctx, calls, answers } = setup();
      const old = aCase();
      const fresh = aCase();
      let releaseOld: (v: unknown) => void = () => undefined;
      ctx.api = ((path: string) => {
        calls.push(path);
        if (path.includes('q=')) {
          return Promise.resolve({ status: 200, body: { cases: [hit(fresh)], next: null } });
        }
        return new Promise((resolve) => {
          releaseOld = () => resolve({ status: 200, body: { cases: [hit(old)], next: null } });
        });
      }) as Api;
      answers.clear();
      const conv = new ConversationsController(ctx, {
        open: () => Promise.resolve('opened'),
        shown: () => undefined,
      });
      conv.setOpen(true);
      const search = conv.view.el.querySelector<HTMLInputElement>(
        '[data-testid="convlist-search"]',
      );
      conv.view.el.querySelector<HTMLElement>('[data-testid="convlist-view-mine"]')?.click();
      if (!search) throw new Error('no search box');
      search.value = '  parcel ';
      search.dispatchEvent(new Event('input'));
      expect(calls).toHaveLength(2);
      vi.advanceTimersByTime(SEARCH_DELAY);
      expect(calls[2]).toBe('/api/cases/search?view=mine&limit=50&q=parcel');
      await vi.runAllTimersAsync();
      releaseOld(null);
      await vi.runAllTimersAsync();
      expect(rows(conv.view.el)).toEqual([fresh.caseId]);
    } finally {
      vi.useRealTimers();
    }
  });

  it("shows the server's words for a refused search and opens a picked row", async () => {
    const { ctx, answers } = setup();
    answers.set('/api/cases/search', () => {
      throw new ApiError(parseProblem(400, { status: 400, detail: 'q has more than 8 words.' }));
    });
    const opened: string[] = [];
    const conv = new ConversationsController(ctx, {
      open: (id) => {
        opened.push(id);
        return Promise.resolve('opened');
      },
      shown: () => undefined,
    });
    conv.setOpen(true);
    await flush();
    expect(conv.view.el.querySelector('[data-testid="convlist-status"]')?.textContent).toBe(
      'q has more than 8 words.',
    );
    const c = aCase();
    answers.set('/api/cases/search', () => ({ cases: [hit(c)], next: null }));
    conv.view.el.querySelector<HTMLElement>('[data-testid="convlist-view-all"]')?.click();
    await flush();
    conv.view.el.querySelector<HTMLElement>('[data-testid="convlist-row"]')?.click();
    await flush();
    expect(opened).toEqual([c.caseId]);
    expect(conv.view.isOpen).toBe(false);
  });

  it('refreshes the shown list once after a burst of case frames, not while hidden', async () => {
    vi.useFakeTimers();
    try {
      const { ctx, calls, answers } = setup();
      answers.set('/api/cases/search', () => ({ cases: [], next: null }));
      const conv = new ConversationsController(ctx, {
        open: () => Promise.resolve('opened'),
        shown: () => undefined,
      });
      const d = new FrameDispatcher();
      conv.register(d);
      d.dispatch({ type: 'case', case: aCase() });
      await vi.runAllTimersAsync();
      expect(calls).toEqual([]);
      conv.setOpen(true);
      for (let i = 0; i < 5; i++) d.dispatch({ type: 'case', case: aCase() });
      await vi.runAllTimersAsync();
      expect(calls).toHaveLength(2);
    } finally {
      vi.useRealTimers();
    }
  });

  it('tells an agent the list holds waiting and own chats, an admin that it holds all', () => {
    const agent = new ConversationsController(setup().ctx, {
      open: () => Promise.resolve('opened'),
      shown: () => undefined,
    });
    expect(agent.view.el.textContent).toContain('waiting conversations and your own');
    const admin = new ConversationsController(setup(['agent', 'admin']).ctx, {
      open: () => Promise.resolve('opened'),
      shown: () => undefined,
    });
    expect(admin.view.el.textContent).toContain('every conversation');
  });
});

describe('the Case panel history', () => {
  it("asks the Case's history, works a waiting Case as a tile, reads another's read-only", async () => {
    const { ctx, calls, answers } = setup();
    const contact = {
      id: 'c-1',
      firstName: 'Hil',
      lastName: 'Da',
      initials: 'HD',
      email: 'h@x.io',
    };
    const current = aCase({ contact });
    const waiting = aCase({ contact, status: 'NEW', createdAt: '2026-01-01T09:00:00Z' });
    const bobs = aCase({
      contact,
      status: 'RESOLVED',
      owner: { id: 'bob-id', firstName: 'Bob', lastName: 'Baker' },
      createdAt: '2026-01-01T08:00:00Z',
    });
    answers.set(`/api/cases/${current.caseId}/history/`, () => [
      aMessage(bobs, 1, { text: 'my parcel never came' }),
    ]);
    answers.set(`/api/cases/${current.caseId}/history`, () => [waiting, bobs]);
    const opened: string[] = [];
    const panel = new CasePanelController(
      ctx,
      new FileAccess('http://localhost:8080', () => 'tok'),
      (id) => opened.push(id),
    );
    ctx.store.set({ current });
    await flush();
    expect(calls).toEqual([`/api/cases/${current.caseId}/history`]);
    const others = panel.view.el.querySelectorAll<HTMLElement>('[data-testid="other-case"]');
    expect(Array.from(others).map((o) => o.dataset.caseId)).toEqual([waiting.caseId, bobs.caseId]);
    others[0]?.click();
    expect(opened).toEqual([waiting.caseId]);
    others[1]?.click();
    await flush();
    expect(opened).toEqual([waiting.caseId]);
    expect(calls[1]).toBe(
      `/api/cases/${current.caseId}/history/${bobs.caseId}/messages?after=0&limit=500`,
    );
    const dialog = panel.history.el;
    expect(dialog.hasAttribute('open')).toBe(true);
    expect(dialog.textContent).toContain('Read-only · Resolved · Bob Baker');
    expect(dialog.querySelector('[data-testid="history-messages"]')?.textContent).toContain(
      'my parcel never came',
    );
    expect(dialog.querySelector('textarea, [data-testid="composer"]')).toBeNull();
    dialog.querySelector<HTMLElement>('[data-testid="history-close"]')?.click();
    expect(dialog.hasAttribute('open')).toBe(false);
  });
});
