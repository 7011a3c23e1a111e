// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { agentSocketProtocols, ConsoleApp } from '../src/console/app';
import type { AuthSession } from '../src/console/auth';
import { ConversationView, type ConversationActions } from '../src/console/views/conversation';
import { Notifier } from '../src/console/notify';
import { parseServerFrame } from '../src/shared/protocol';
import { messageElement } from '../src/shared/render';
import { invalidFrames } from './schemas';
import { aCase, aMessage, ALICE, aTile, FakeSocket, flush } from './fakes';

const aliceOwner = { id: ALICE.id, firstName: 'Alice', lastName: 'Anderson' };
const mine = aCase({ status: 'READY', owner: aliceOwner, lastSeq: 2 });
const aliceNote = (seq: number, text = 'Refund approved') =>
  aMessage(mine, seq, {
    kind: 'NOTE',
    text,
    sender: { type: 'USER', id: ALICE.id, name: 'Alice Anderson' },
  });

function actions() {
  return {
    sendText: vi.fn<(text: string) => void>(),
    sendNote: vi.fn<(text: string) => void>(),
    sendFiles: vi.fn(),
    claim: vi.fn(),
    resolve: vi.fn(),
    undoResolve: vi.fn(),
    loadDraft: () => '',
    saveDraft: vi.fn(),
    retry: vi.fn(),
    download: vi.fn(),
    loadPreview: vi.fn(),
    quickReplies: () => [],
    renderQuickReply: () => '',
  } satisfies ConversationActions;
}

function view() {
  const a = actions();
  const v = new ConversationView(ALICE, a);
  document.body.replaceChildren(v.el);
  v.show(mine);
  const q = <T extends HTMLElement>(id: string) => {
    const el = v.el.querySelector<T>(`[data-testid="${id}"]`);
    if (!el) throw new Error(`no ${id}`);
    return el;
  };
  return { v, a, q };
}

describe('a private note in the conversation', () => {
  it('is styled apart and labelled with its author, mine or not', () => {
    const { v } = view();
    v.list.add([
      aMessage(mine, 1),
      aliceNote(2),
      aMessage(mine, 3, {
        kind: 'NOTE',
        text: 'VIP',
        sender: { type: 'USER', id: 'bob-id', name: 'Bob Baker' },
      }),
    ]);
    const items = Array.from(v.el.querySelectorAll<HTMLElement>('[data-testid="message"]'));
    expect(items.map((i) => [i.dataset.seq, i.dataset.kind, i.className])).toEqual([
      ['1', 'TEXT', 'msg msg--other'],
      ['2', 'NOTE', 'msg msg--note'],
      ['3', 'NOTE', 'msg msg--note'],
    ]);
    expect(items.map((i) => i.querySelector('[data-testid="note-label"]')?.textContent)).toEqual([
      undefined,
      'Private note · Alice Anderson',
      'Private note · Bob Baker',
    ]);
    // The label is text in the bubble, before the note: a screen reader reads it first.
    expect(items[1]?.textContent).toMatch(/^Private note · Alice Anderson.*Refund approved/);
  });

  it('shows a note with markup as text', () => {
    const li = messageElement(aliceNote(1, '<img src=x onerror=alert(1)>'), {
      mine: true,
      author: null,
      onDownload: vi.fn(),
    });
    expect(li.querySelector('img')).toBeNull();
    expect(li.querySelector('[data-testid="message-text"]')?.textContent).toBe(
      '<img src=x onerror=alert(1)>',
    );
  });

  it('comes through the protocol parser as kind NOTE', () => {
    const f = parseServerFrame(JSON.stringify({ type: 'message', message: aliceNote(4) }));
    expect(f).toMatchObject({ type: 'message', message: { kind: 'NOTE', seq: 4 } });
  });
});

describe('the composer Note toggle', () => {
  it('writes notes while pressed, messages again once released', () => {
    const { a, q } = view();
    const toggle = q<HTMLButtonElement>('note-toggle');
    const composer = q<HTMLTextAreaElement>('composer');
    expect(toggle.hidden).toBe(false);
    expect(toggle.getAttribute('aria-pressed')).toBe('false');

    toggle.click();
    expect(toggle.getAttribute('aria-pressed')).toBe('true');
    expect(composer.getAttribute('aria-label')).toBe('Private note');
    expect(composer.closest('.composer')?.classList.contains('composer--note')).toBe(true);
    expect(q('send').textContent).toBe('Add note');
    composer.value = 'Customer is a VIP';
    composer.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter' }));
    expect(a.sendNote).toHaveBeenCalledWith('Customer is a VIP');
    expect(a.sendText).not.toHaveBeenCalled();
    // It stays on for the next note.
    composer.value = 'second';
    q('send').click();
    expect(a.sendNote).toHaveBeenLastCalledWith('second');

    toggle.click();
    expect(toggle.getAttribute('aria-pressed')).toBe('false');
    expect(q('send').textContent).toBe('Send');
    composer.value = 'Hello!';
    q('send').click();
    expect(a.sendText).toHaveBeenCalledWith('Hello!');
    expect(a.sendNote).toHaveBeenCalledTimes(2);
  });

  it('is off again when another Case is opened', () => {
    const { v, q } = view();
    q('note-toggle').click();
    v.show(aCase({ status: 'READY', owner: aliceOwner }));
    expect(q('note-toggle').getAttribute('aria-pressed')).toBe('false');
    expect(q('send').textContent).toBe('Send');
  });

  it('is not offered without a note action', () => {
    const v = new ConversationView(ALICE, { ...actions(), sendNote: undefined });
    v.show(mine);
    expect(v.el.querySelector<HTMLElement>('[data-testid="note-toggle"]')?.hidden).toBe(true);
  });
});

describe('the console writes a note over the agent socket', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });
  afterEach(() => expect(invalidFrames(FakeSocket.allSent())).toEqual([]));

  it('sends a note frame, shows it pending, then as a note once it comes back', async () => {
    window.history.replaceState(null, '', '/');
    sessionStorage.clear();
    const auth: AuthSession = {
      me: ALICE,
      token: () => Promise.resolve('tok-1'),
      onRefresh: () => {},
      logout: vi.fn(),
    };
    vi.stubGlobal(
      'fetch',
      vi.fn(() =>
        Promise.resolve(
          new Response('[]', { status: 200, headers: { 'Content-Type': 'application/json' } }),
        ),
      ),
    );
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
    socket.receive({ type: 'tiles', tiles: [aTile(mine, 'blue')], more: 0 });
    app.el.querySelector<HTMLElement>('[data-testid="tile"]')?.click();
    socket.receive({
      type: 'history',
      caseId: mine.caseId,
      case: mine,
      messages: [aMessage(mine, 1), aMessage(mine, 2)],
    });
    app.el.querySelector<HTMLElement>('[data-testid="note-toggle"]')?.click();
    const composer = app.el.querySelector<HTMLTextAreaElement>('[data-testid="composer"]');
    if (!composer) throw new Error('no composer');
    composer.value = 'Refund approved';
    composer.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter' }));

    const note = socket.sentOfType('note')[0];
    expect(note).toMatchObject({ type: 'note', caseId: mine.caseId, text: 'Refund approved' });
    expect(socket.sentOfType('send')).toEqual([]);
    expect(app.el.querySelectorAll('[data-testid="message-pending"]')).toHaveLength(1);

    socket.receive({ type: 'accepted', clientMsgId: String(note?.clientMsgId) });
    socket.receive({
      type: 'message',
      message: { ...aliceNote(3), clientMsgId: String(note?.clientMsgId) },
    });
    expect(app.el.querySelectorAll('[data-testid="message-pending"]')).toHaveLength(0);
    const shown = app.el.querySelector<HTMLElement>('[data-seq="3"]');
    expect(shown?.className).toBe('msg msg--note');
    // A note of my own raises no badge on my tile.
    expect(app.el.querySelector<HTMLElement>('[data-testid="tile"]')?.dataset.badge).toBe('false');
  });
});
