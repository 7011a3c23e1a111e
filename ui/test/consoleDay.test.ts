// @vitest-environment jsdom
// Issue 15 (the console part): "+N" list, Quick Reply Enter, the "took this chat" notice, the URL
// and drafts, focus, tiles' names and counts, title and favicon, status words, resolve undo, Files.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { faviconFor, titleFor, ActivityIndicator } from '../src/console/activity';
import { agentSocketProtocols, ConsoleApp } from '../src/console/app';
import type { AuthSession } from '../src/console/auth';
import { describeCase, formatWaiting, preview } from '../src/console/describe';
import { Drafts } from '../src/console/drafts';
import { ConsoleModel } from '../src/console/model';
import { Notifier } from '../src/console/notify';
import { caseIdOfHash, hashOfCase } from '../src/console/route';
import { uploaderOf } from '../src/console/views/casePanel';
import { QuickReplyPicker } from '../src/console/views/quickReplyPicker';
import type { Case } from '../src/shared/protocol';
import { STATUS_LABELS, statusLabel } from '../src/shared/status';
import { aCase, aMessage, ALICE, aTile, BOB, FakeSocket, flush } from './fakes';
import { invalidFrames } from './schemas';

const NOW = Date.parse('2025-01-01T12:00:00Z');
const aliceOwner = { id: ALICE.id, firstName: 'Alice', lastName: 'Anderson' };
const bobOwner = { id: BOB.id, firstName: 'Bob', lastName: 'Baker' };

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });
}

describe('words', () => {
  it('one mapping of status words', () => {
    expect(STATUS_LABELS).toEqual({
      NEW: 'Waiting',
      READY: 'Open',
      RESOLVED: 'Resolved',
      CLOSED: 'Closed',
    });
    expect(statusLabel('SOMETHING_NEW')).toBe('SOMETHING_NEW');
  });

  it('says how long a Case has waited', () => {
    expect(formatWaiting('2025-01-01T11:59:30Z', NOW)).toBe('just now');
    expect(formatWaiting('2025-01-01T11:55:00Z', NOW)).toBe('5 min');
    expect(formatWaiting('2025-01-01T10:00:00Z', NOW)).toBe('2 h');
    expect(formatWaiting('2025-01-01T09:35:00Z', NOW)).toBe('2 h 25 min');
    expect(formatWaiting('2024-12-29T08:00:00Z', NOW)).toBe('3 d 4 h');
    expect(formatWaiting('garbage', NOW)).toBe('');
    // A clock ahead of ours is "just now", never negative.
    expect(formatWaiting('2025-01-01T12:10:00Z', NOW)).toBe('just now');
  });

  it('describes a tile with name, waiting time, owner, unread and the last message', () => {
    const c = aCase({
      createdAt: '2025-01-01T11:48:00Z',
      contact: { id: 'k', firstName: 'Dana', lastName: 'Kunde', initials: 'DK', email: 'd@x.org' },
    });
    const last = aMessage(c, 3, { text: 'Where  is\nmy <b>order</b>?' });
    expect(describeCase({ case: c, mine: false, unread: true, unreadCount: 2, last }, NOW)).toBe(
      'Dana Kunde, waiting 12 min, unassigned, 2 unread, last message: Where is my <b>order</b>?',
    );
    const mine = { ...c, status: 'READY' as const, owner: aliceOwner };
    expect(
      describeCase({ case: mine, mine: true, unread: false, unreadCount: 0, last: null }, NOW),
    ).toBe('Dana Kunde, open, started 12 min ago, mine');
    expect(preview(aMessage(c, 4, { text: 'x'.repeat(200) }))).toHaveLength(80);
    expect(
      preview(
        aMessage(c, 5, {
          kind: 'FILE',
          text: null,
          file: { fileId: 'f', name: 'a.pdf', size: 1, contentType: 'application/pdf' },
        }),
      ),
    ).toBe('File: a.pdf');
  });
});

describe('tile model: unread counts, Cases beyond the row', () => {
  it('counts the customer messages after my read mark', () => {
    const m = new ConsoleModel(ALICE);
    const c = aCase({ status: 'READY', owner: aliceOwner, lastSeq: 1 });
    m.applyTiles([aTile(c, 'blue')], 0);
    for (const seq of [2, 3, 4]) m.noteMessage(aMessage(c, seq));
    m.noteMessage(aMessage(c, 5, { sender: { type: 'USER', id: ALICE.id, name: 'Alice' } }));
    m.noteMessage(aMessage(c, 3)); // a replay counts once
    expect(m.unreadCount(c.caseId)).toBe(3);
    expect(m.tiles().shown[0]).toMatchObject({ unreadCount: 3, look: { badge: true } });
    expect(m.totalUnread()).toBe(3);
    m.markRead(c.caseId, 3);
    expect(m.unreadCount(c.caseId)).toBe(1);
    expect(m.last(c.caseId)?.seq).toBe(5);
    // While I am in it: no badge, no count in the title.
    m.setAccessing(c.caseId);
    expect(m.totalUnread()).toBe(0);
  });

  it('learns the Cases beyond the row: openable, "+N" corrected, my unread ones flagged', () => {
    const m = new ConsoleModel(ALICE);
    const row = Array.from({ length: 7 }, (_, i) =>
      aCase({ createdAt: `2025-01-01T10:00:0${i}Z` }),
    );
    m.applyTiles(
      row.map((c) => aTile(c)),
      5,
    );
    expect(m.tiles().more).toBe(5);
    const waiting = aCase({ createdAt: '2025-01-01T10:01:00Z' });
    const mine = aCase({
      createdAt: '2025-01-01T10:02:00Z',
      status: 'READY',
      owner: aliceOwner,
      lastSeq: 4,
    });
    const views = m.applyOverflow([aTile(waiting), aTile(mine, 'blue', true)], 1);
    expect(views.map((v) => [v.case.caseId, v.look.color, v.look.unread])).toEqual([
      [waiting.caseId, 'orange', false],
      [mine.caseId, 'blue', true],
    ]);
    expect(m.tiles().more).toBe(3); // the server now counts 2 listed + 1 more
    expect(m.get(mine.caseId)).toBeDefined();
    expect(m.isTile(mine.caseId)).toBe(false);
    expect(m.unreadMineOutside().map((c) => c.caseId)).toEqual([mine.caseId]);
    expect(m.totalUnread()).toBe(1);
    // Someone else claims the waiting one: one fewer behind "+N".
    const change = m.applyCase({ ...waiting, status: 'READY', owner: bobOwner });
    expect(change.left).toBe(true);
    expect(m.tiles().more).toBe(2);
    expect(m.get(waiting.caseId)).toBeUndefined();
  });
});

describe('Quick Reply picker', () => {
  const replies = [{ id: '1', shortcut: 'shipping', title: 'Shipping', body: 'It ships today.' }];
  const key = (k: string) => new KeyboardEvent('keydown', { key: k });

  it('swallows Enter when nothing matches (the typo is never sent)', () => {
    const p = new QuickReplyPicker(() => replies, vi.fn());
    p.update('/ship');
    expect(p.handleKey(key('Enter'))).toBe(true); // picks
    p.update('/shpi');
    expect(p.isOpen).toBe(true);
    expect(p.handleKey(key('Enter'))).toBe(true); // nothing, but used
    expect(p.isOpen).toBe(true);
    expect(p.handleKey(key('a'))).toBe(false);
  });
});

describe('title and favicon', () => {
  it('show the unread count', () => {
    expect(titleFor('CX Manager · Chat Cases', 0)).toBe('CX Manager · Chat Cases');
    expect(titleFor('CX Manager · Chat Cases', 3)).toBe('(3) CX Manager · Chat Cases');
    expect(titleFor('CX', 250)).toBe('(99+) CX');
    expect(titleFor('CX', Number.NaN)).toBe('CX');
    expect(decodeURIComponent(faviconFor(3))).toContain('>3</text>');
    expect(decodeURIComponent(faviconFor(12))).toContain('>9+</text>');
    expect(decodeURIComponent(faviconFor(0))).not.toContain('<text');
    document.title = 'CX Manager · Chat Cases';
    const a = new ActivityIndicator(document);
    a.update(2);
    expect(document.title).toBe('(2) CX Manager · Chat Cases');
    expect(document.querySelector<HTMLLinkElement>('link[rel="icon"]')?.href).toMatch(
      /^data:image\/svg\+xml,/,
    );
    a.update(0);
    expect(document.title).toBe('CX Manager · Chat Cases');
  });
});

describe('URL and drafts', () => {
  it('reads only #/cases/<id>', () => {
    expect(caseIdOfHash('#/cases/00000000-0000-4000-8000-000000000001')).toBe(
      '00000000-0000-4000-8000-000000000001',
    );
    expect(caseIdOfHash('#/cases/abc/')).toBe('abc');
    expect(caseIdOfHash('#/cases/')).toBeNull();
    expect(caseIdOfHash('#/cases/../../x')).toBeNull();
    expect(caseIdOfHash('#/cases/a%20b')).toBeNull();
    expect(caseIdOfHash('#/cases/<img src=x>')).toBeNull();
    expect(hashOfCase('abc')).toBe('#/cases/abc');
    expect(hashOfCase(null)).toBe('#/');
  });

  it('keeps drafts per agent and Case, survives a new instance, clears on empty', () => {
    sessionStorage.clear();
    let agent = 'alice';
    const d = new Drafts(() => agent, sessionStorage);
    d.set('c1', 'half a sentence');
    d.set('c2', 'other');
    expect(new Drafts(() => 'alice', sessionStorage).get('c1')).toBe('half a sentence');
    agent = 'bob';
    expect(d.get('c1')).toBe('');
    agent = 'alice';
    d.clear('c1');
    expect(d.get('c1')).toBe('');
    expect(d.get('c2')).toBe('other');
  });

  it('keeps a draft in memory when storage refuses', () => {
    const broken = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('quota');
      },
      removeItem: () => {
        throw new Error('denied');
      },
    } as unknown as Storage;
    const d = new Drafts(() => 'alice', broken);
    d.set('c1', 'kept');
    expect(d.get('c1')).toBe('kept');
  });
});

describe('Files tab names', () => {
  it("names the customer by the Contact's name", () => {
    const c = aCase({
      contact: { id: 'k', firstName: 'Dana', lastName: 'Kunde', initials: 'DK', email: 'd@x.org' },
    });
    expect(uploaderOf({ uploaderType: 'CUSTOMER', uploaderName: '' }, c)).toBe('Dana Kunde');
    expect(uploaderOf({ uploaderType: 'CUSTOMER', uploaderName: 'Customer' }, c)).toBe(
      'Dana Kunde',
    );
    expect(uploaderOf({ uploaderType: 'CUSTOMER', uploaderName: '' }, null)).toBe('Customer');
    expect(uploaderOf({ uploaderType: 'USER', uploaderName: 'Alice Anderson' }, c)).toBe(
      'Alice Anderson',
    );
    expect(uploaderOf({ uploaderType: 'USER', uploaderName: '' }, c)).toBe('Agent');
  });
});

describe('contrast', () => {
  function luminance(hex: string): number {
    const [r, g, b] = [1, 3, 5].map((i) => {
      const v = parseInt(hex.slice(i, i + 2), 16) / 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    }) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  }
  const ratio = (a: string, b: string) => {
    const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
    return (hi + 0.05) / (lo + 0.05);
  };

  it('orange tile initials meet WCAG AA (4.5:1) on white, and white on solid orange', () => {
    const css = readFileSync(resolve('src/styles/console.css'), 'utf8');
    const strong = /--orange-strong:\s*(#[0-9a-fA-F]{6})/.exec(css)?.[1] ?? '';
    expect(strong).not.toBe('');
    expect(ratio(strong, '#ffffff')).toBeGreaterThanOrEqual(4.5);
    expect(css).toMatch(/\.tile--orange \{\s*color: var\(--orange-strong\);/);
    expect(css).toMatch(/\.tile--solid\.tile--orange \{\s*background: var\(--orange-strong\);/);
  });
});

describe('ConsoleApp, a day of real use', () => {
  const row = Array.from({ length: 7 }, (_, i) =>
    aCase({
      createdAt: `2025-01-01T10:00:0${i}Z`,
      contact: {
        id: `k${i}`,
        firstName: `First${i}`,
        lastName: 'Row',
        initials: `F${i}`,
        email: `f${i}@x.org`,
      },
    }),
  );
  const [first0, first1, first2] = row as [Case, Case, Case];
  const ninth = aCase({
    createdAt: '2025-01-01T10:02:00Z',
    contact: { id: 'k9', firstName: 'Nina', lastName: 'Ninth', initials: 'NN', email: 'n@x.org' },
  });
  const eighth = aCase({ createdAt: '2025-01-01T10:01:00Z' });
  const mineBeyond = aCase({
    createdAt: '2025-01-01T10:03:00Z',
    status: 'READY',
    owner: aliceOwner,
    lastSeq: 2,
  });

  let fetchMock: ReturnType<typeof vi.fn<(url: string, init?: RequestInit) => Promise<Response>>>;
  let overflowAnswer: () => Promise<Response>;

  beforeEach(() => {
    FakeSocket.reset();
    window.history.replaceState(null, '', '/');
    sessionStorage.clear();
    overflowAnswer = () =>
      Promise.resolve(
        json(200, {
          tiles: [aTile(eighth), aTile(ninth), aTile(mineBeyond, 'blue', true)],
          more: 0,
        }),
      );
    fetchMock = vi.fn((url: string) => {
      if (String(url).includes('/api/tiles?offset=')) return overflowAnswer();
      if (String(url).endsWith('/api/quick-replies')) {
        return Promise.resolve(
          json(200, [{ id: '1', shortcut: 'shipping', title: 'Shipping', body: 'Ships.' }]),
        );
      }
      return Promise.resolve(json(200, []));
    });
    vi.stubGlobal('fetch', fetchMock);
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });
  afterEach(() => expect(invalidFrames(FakeSocket.allSent())).toEqual([]));

  async function connected(more = 3) {
    const auth: AuthSession = {
      me: ALICE,
      token: () => Promise.resolve('tok-1'),
      onRefresh: () => undefined,
      logout: vi.fn(),
    };
    const app = new ConsoleApp({
      origin: 'http://localhost:8080',
      auth,
      notifier: new Notifier(null),
      openSocket: (url, token) => new FakeSocket(url, agentSocketProtocols(token)),
    });
    document.body.replaceChildren(app.el);
    app.start();
    await flush();
    const socket = FakeSocket.last();
    socket.open();
    socket.receive({ type: 'hello', agent: { ...aliceOwner, roles: ['agent'] } });
    socket.receive({ type: 'tiles', tiles: row.map((c) => aTile(c)), more });
    const q = <T extends HTMLElement = HTMLElement>(sel: string) => app.el.querySelector<T>(sel);
    const qa = (sel: string) => Array.from(app.el.querySelectorAll<HTMLElement>(sel));
    return { app, socket, q, qa };
  }

  it('"+N" is a button: the list beyond the row, keyboard and Escape, picks as a tile click', async () => {
    const { q, qa } = await connected();
    const more = q<HTMLButtonElement>('[data-testid="tiles-more"]');
    expect(more?.tagName).toBe('BUTTON');
    // The badge: my own Case behind "+N" has unread messages (learned in the background).
    await vi.waitFor(() => expect(more?.dataset.alert).toBe('true'));
    expect(more?.getAttribute('aria-label')).toContain('1 of mine with unread messages');
    more?.click();
    const list = q('[data-testid="overflow"]');
    expect(list?.hidden).toBe(false);
    expect(more?.getAttribute('aria-expanded')).toBe('true');
    await vi.waitFor(() => expect(qa('[data-testid="overflow-item"]')).toHaveLength(3));
    const call = fetchMock.mock.calls.find(([u]) => String(u).includes('/api/tiles?offset='));
    expect(call?.[0]).toBe('http://localhost:8080/api/tiles?offset=7&limit=100');
    const items = qa('[data-testid="overflow-item"]');
    expect(items.map((i) => [i.dataset.caseId, i.dataset.color, i.dataset.unread])).toEqual([
      [eighth.caseId, 'orange', 'false'],
      [ninth.caseId, 'orange', 'false'],
      [mineBeyond.caseId, 'blue', 'true'],
    ]);
    expect(items[1]?.getAttribute('aria-label')).toMatch(/^Nina Ninth, waiting .*, unassigned/);
    expect(items[1]?.textContent).toContain('Waiting · unassigned');
    // Keyboard: arrows move, Escape closes and gives focus back to "+N".
    items[0]?.focus();
    list?.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true }));
    expect(document.activeElement).toBe(items[1]);
    list?.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(list?.hidden).toBe(true);
    expect(document.activeElement).toBe(more);
    // Picking the ninth (unassigned): the claim popup, as a tile click.
    more?.click();
    await vi.waitFor(() => expect(qa('[data-testid="overflow-item"]')).toHaveLength(3));
    qa('[data-testid="overflow-item"]')[1]?.click();
    expect(q('[data-testid="claim-popup"]')?.dataset.caseId).toBe(ninth.caseId);
    q('[data-testid="leave-unassigned"]')?.click();
    expect(q('[data-testid="conversation-title"]')?.textContent).toBe('Nina Ninth');
    // Focus never falls to <body> after "Leave unassigned".
    expect(document.activeElement).toBe(q('[data-testid="conversation-title"]'));
    expect(window.location.hash).toBe(`#/cases/${ninth.caseId}`);
  });

  it('"+N" says "could not load" when the endpoint is missing, and can retry', async () => {
    overflowAnswer = () => Promise.resolve(json(404, { code: 'NOT_FOUND', detail: 'no' }));
    const { q, qa } = await connected();
    q('[data-testid="tiles-more"]')?.click();
    await vi.waitFor(() =>
      expect(q('[data-testid="overflow-status"]')?.textContent).toBe('Could not load the list.'),
    );
    overflowAnswer = () => Promise.resolve(json(200, { tiles: [aTile(eighth)], more: 0 }));
    q('[data-testid="overflow-retry"]')?.click();
    await vi.waitFor(() => expect(qa('[data-testid="overflow-item"]')).toHaveLength(1));
  });

  it('"+N" says "could not load" when an older server answers the row again', async () => {
    overflowAnswer = () => Promise.resolve(json(200, { tiles: row.map((c) => aTile(c)), more: 3 }));
    const { q, qa } = await connected();
    q('[data-testid="tiles-more"]')?.click();
    await vi.waitFor(() =>
      expect(q('[data-testid="overflow-status"]')?.textContent).toBe('Could not load the list.'),
    );
    expect(qa('[data-testid="overflow-item"]')).toHaveLength(0);
  });

  it('re-fetches the open list on case frames', async () => {
    const { q, qa, socket } = await connected();
    q('[data-testid="tiles-more"]')?.click();
    await vi.waitFor(() => expect(qa('[data-testid="overflow-item"]')).toHaveLength(3));
    const before = fetchMock.mock.calls.length;
    overflowAnswer = () => Promise.resolve(json(200, { tiles: [aTile(ninth)], more: 0 }));
    socket.receive({ type: 'case', case: { ...eighth, status: 'READY', owner: bobOwner } });
    // The claimed one leaves at once, and the list is fetched again.
    expect(qa('[data-testid="overflow-item"]').map((i) => i.dataset.caseId)).not.toContain(
      eighth.caseId,
    );
    await vi.waitFor(() => expect(fetchMock.mock.calls.length).toBeGreaterThan(before));
  });

  it('says "X took this chat" to a reader who never tried, and it fades', async () => {
    const { q, qa, socket } = await connected(0);
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    qa('[data-testid="tile"]')[0]?.click();
    q('[data-testid="leave-unassigned"]')?.click();
    socket.receive({ type: 'case', case: { ...first0, status: 'READY', owner: bobOwner } });
    const notice = q('[data-testid="notice"]');
    expect(notice?.textContent).toBe('Bob Baker took this chat');
    expect(notice?.hidden).toBe(false);
    // Information, not a failure: a polite status in the neutral colours.
    expect(notice?.dataset.tone).toBe('info');
    expect(notice?.getAttribute('role')).toBe('status');
    vi.advanceTimersByTime(3500);
    expect(notice?.classList.contains('notice--fading')).toBe(true);
    vi.advanceTimersByTime(600);
    expect(notice?.hidden).toBe(true);
  });

  it('Enter with an open picker and no match sends nothing and keeps the text', async () => {
    const { q, socket } = await connected(0);
    fetchMock.mockImplementation((url: string) =>
      Promise.resolve(
        String(url).endsWith('/claim')
          ? json(200, { ...first0, status: 'READY', owner: aliceOwner })
          : json(200, []),
      ),
    );
    q<HTMLButtonElement>('[data-testid="tile"]')?.click();
    q('[data-testid="claim-button"]')?.click();
    await vi.waitFor(() => expect(socket.sentOfType('open')).toHaveLength(1));
    const composer = q<HTMLTextAreaElement>('[data-testid="composer"]') as HTMLTextAreaElement;
    composer.value = '/shpi';
    composer.dispatchEvent(new Event('input'));
    expect(q('[data-testid="quick-reply-empty"]')?.textContent).toBe('No Quick Reply matches');
    composer.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    expect(socket.sentOfType('send')).toEqual([]);
    expect(composer.value).toBe('/shpi');
  });

  it('keeps the draft per Case across switching and a reload; the URL names the Case', async () => {
    const first = await connected(0);
    const mineA = { ...first0, status: 'READY' as const, owner: aliceOwner };
    const mineB = { ...first1, status: 'READY' as const, owner: aliceOwner };
    first.socket.receive({ type: 'case', case: mineA });
    first.socket.receive({ type: 'case', case: mineB });
    first.qa('[data-testid="tile"]')[0]?.click();
    expect(window.location.hash).toBe(`#/cases/${mineA.caseId}`);
    const composer = () =>
      first.q<HTMLTextAreaElement>('[data-testid="composer"]') as HTMLTextAreaElement;
    composer().value = 'Half a reply for A';
    composer().dispatchEvent(new Event('input'));
    first.qa('[data-testid="tile"]')[1]?.click();
    expect(window.location.hash).toBe(`#/cases/${mineB.caseId}`);
    expect(composer().value).toBe('');
    first.qa('[data-testid="tile"]')[0]?.click();
    expect(composer().value).toBe('Half a reply for A');
    first.app.stop();

    // A reload: a new console on the same URL reopens the Case with its draft.
    FakeSocket.reset();
    const auth: AuthSession = {
      me: ALICE,
      token: () => Promise.resolve('tok-1'),
      onRefresh: () => undefined,
      logout: vi.fn(),
    };
    const app = new ConsoleApp({
      origin: 'http://localhost:8080',
      auth,
      notifier: new Notifier(null),
      openSocket: (url, token) => new FakeSocket(url, agentSocketProtocols(token)),
    });
    document.body.replaceChildren(app.el);
    app.start();
    await flush();
    const socket = FakeSocket.last();
    socket.open();
    socket.receive({ type: 'hello', agent: { ...aliceOwner, roles: ['agent'] } });
    socket.receive({
      type: 'tiles',
      tiles: [aTile(mineA, 'blue'), aTile(mineB, 'blue')],
      more: 0,
    });
    await vi.waitFor(() =>
      expect(socket.sentOfType('open')).toEqual([{ type: 'open', caseId: mineA.caseId }]),
    );
    expect(app.el.querySelector<HTMLTextAreaElement>('[data-testid="composer"]')?.value).toBe(
      'Half a reply for A',
    );
    // Sent: the draft goes.
    app.el.querySelector<HTMLButtonElement>('[data-testid="send"]')?.click();
    expect(sessionStorage.length).toBe(0);
  });

  it('a URL naming a Case I cannot see says so and goes back to no Case', async () => {
    window.history.replaceState(null, '', '#/cases/00000000-0000-4000-8000-00000000dead');
    fetchMock.mockImplementation(() =>
      Promise.resolve(json(403, { code: 'FORBIDDEN', detail: 'Not yours.' })),
    );
    const auth: AuthSession = {
      me: ALICE,
      token: () => Promise.resolve('tok-1'),
      onRefresh: () => undefined,
      logout: vi.fn(),
    };
    const app = new ConsoleApp({
      origin: 'http://localhost:8080',
      auth,
      notifier: new Notifier(null),
      openSocket: (url, token) => new FakeSocket(url, agentSocketProtocols(token)),
    });
    document.body.replaceChildren(app.el);
    app.start();
    await flush();
    const socket = FakeSocket.last();
    socket.open();
    socket.receive({ type: 'hello', agent: { ...aliceOwner, roles: ['agent'] } });
    socket.receive({ type: 'tiles', tiles: [], more: 0 });
    await vi.waitFor(() =>
      expect(app.el.querySelector('[data-testid="notice"]')?.textContent).toBe(
        'That chat is no longer available to you.',
      ),
    );
    expect(window.location.hash).toBe('#/');
    expect(app.el.querySelector('[data-testid="conversation-empty"]')?.textContent).toContain(
      'Pick a tile',
    );
  });

  it('the tab title counts unread customer messages', async () => {
    document.title = 'CX Manager · Chat Cases';
    const { socket } = await connected(0);
    const mine = { ...first2, status: 'READY' as const, owner: aliceOwner };
    socket.receive({ type: 'case', case: mine });
    socket.receive({ type: 'message', message: aMessage(mine, 2) });
    socket.receive({ type: 'message', message: aMessage(mine, 3) });
    expect(document.title).toBe('(2) CX Manager · Chat Cases');
    const tile = document.querySelector<HTMLElement>(`[data-case-id="${mine.caseId}"]`);
    expect(tile?.textContent).toBe(mine.contact.initials);
    expect(tile?.querySelector<HTMLElement>('[data-testid="tile-badge"]')?.dataset.count).toBe('2');
    expect(tile?.getAttribute('aria-label')).toContain('2 unread, last message: message 3');
  });
});
