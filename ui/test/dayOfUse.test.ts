// @vitest-environment jsdom
/** Issue #15 (conversation, composer, files, widget): the shared pieces' rules. */
import { describe, expect, it } from 'vitest';
import { limitState } from '../src/shared/composer';
import { MessageList, Outbox } from '../src/shared/conversation';
import { tooLargeText } from '../src/shared/files';
import { dayKey, dayLabel, formatCount } from '../src/shared/format';
import { typeInWords, typeRefusalText, uploadErrorText, ApiError } from '../src/shared/http';
import { DEFAULT_LIMITS, parseLimits } from '../src/shared/limits';
import { parseProblem, type ClientFrame, type Message } from '../src/shared/protocol';
import { loadSession, saveSession } from '../src/widget/session';
import { launcherLabel, subtitleOf } from '../src/widget/widget';
import type { WidgetState } from '../src/widget/state';
import { aCase, aMessage, ALICE } from './fakes';

const c = aCase();

function list(opts: { onEdit?: (t: string) => void; now?: Date } = {}): MessageList {
  return new MessageList({
    attrs: {},
    viewer: { isMine: (m: Message) => m.sender.type === 'CUSTOMER', authorOf: () => null },
    onDownload: () => undefined,
    loadPreview: () => undefined,
    onRetry: () => undefined,
    ...(opts.onEdit ? { onEdit: opts.onEdit } : {}),
    now: () => opts.now ?? new Date(2026, 10, 30, 12),
  });
}

/** jsdom has no layout: a list whose scroll box is as given. */
function scrollBox(l: MessageList, box: { scrollHeight: number; clientHeight: number }): void {
  Object.defineProperty(l.el, 'scrollHeight', { configurable: true, get: () => box.scrollHeight });
  Object.defineProperty(l.el, 'clientHeight', { configurable: true, get: () => box.clientHeight });
}

const fromAgent = (seq: number, over: Partial<Message> = {}) =>
  aMessage(c, seq, { sender: { type: 'USER', id: ALICE.id, name: 'Alice Anderson' }, ...over });

describe('the message limit', () => {
  it('shows a counter from 500 before the limit and refuses past it', () => {
    expect(limitState(3499, 4000).show).toBe(false);
    expect(limitState(3812, 4000)).toMatchObject({
      show: true,
      over: false,
      counter: '3,812 / 4,000',
      reason: null,
    });
    const over = limitState(4100, 4000);
    expect(over.over).toBe(true);
    expect(over.reason).toBe(
      'Messages are limited to 4,000 characters. This one has 4,100: shorten it or split it in two.',
    );
    expect(limitState(4000, 4000).over).toBe(false);
    expect(formatCount(1234567)).toBe('1,234,567');
  });

  it('comes from the server config; an older server without it keeps the defaults', () => {
    expect(
      parseLimits({ limits: { messageChars: 500 } }, { maxBytes: 1024, allowed: 'images' }),
    ).toEqual({ messageChars: 500, fileBytes: 1024, allowedFiles: 'images' });
    expect(parseLimits({ keycloakUrl: 'x' }, null)).toEqual(DEFAULT_LIMITS);
    expect(parseLimits({ limits: { messageChars: -1, fileBytes: 'big' } }, 'nonsense')).toEqual(
      DEFAULT_LIMITS,
    );
  });
});

describe('refused sends never lose the text', () => {
  it('TOO_LARGE and BAD_FRAME offer Edit, which hands the text back; transient ones retry', () => {
    const edited: string[] = [];
    const l = list({ onEdit: (t) => edited.push(t) });
    const outbox = new Outbox<ClientFrame>(
      () => l,
      () => true,
    );
    outbox.send('m1', { type: 'send', clientMsgId: 'm1', text: 'long text' }, 'long text');
    outbox.refused('TOO_LARGE', 'Messages are limited to 4000 characters.', 'm1');
    const bubble = l.el.querySelector<HTMLElement>('[data-client-msg-id="m1"]');
    expect(bubble?.textContent).toContain('Not sent: Messages are limited');
    expect(bubble?.querySelector('[data-testid="retry-send"]')).toBeNull();
    bubble?.querySelector<HTMLElement>('[data-testid="edit-send"]')?.click();
    expect(edited).toEqual(['long text']);
    expect(l.el.querySelector('[data-client-msg-id="m1"]')).toBeNull();
    expect(outbox.all()).toEqual([]);

    outbox.send('m2', { type: 'send', clientMsgId: 'm2', text: 'x' }, 'x');
    outbox.refused('FORBIDDEN', 'Not yours.', 'm2');
    expect(
      l.el.querySelector('[data-client-msg-id="m2"] [data-testid="retry-send"]'),
    ).not.toBeNull();
  });
});

describe('scrolling: pinned to the newest message until the reader scrolls up', () => {
  it('follows new messages and growing content while at the bottom', () => {
    const l = list();
    scrollBox(l, { scrollHeight: 1000, clientHeight: 300 });
    l.add([aMessage(c, 1)]);
    expect(l.el.scrollTop).toBe(1000);
    expect(l.isPinned).toBe(true);
    // An image loads after the scroll: still at the bottom.
    scrollBox(l, { scrollHeight: 1400, clientHeight: 300 });
    const img = document.createElement('img');
    l.el.querySelector('li')?.appendChild(img);
    img.dispatchEvent(new Event('load'));
    expect(l.el.scrollTop).toBe(1400);
  });

  it('a late scroll event after content grew does not unpin (only a move up does)', () => {
    const l = list();
    scrollBox(l, { scrollHeight: 1000, clientHeight: 300 });
    l.add([aMessage(c, 1)]);
    // The image grew the list before the scroll event of the jump above was delivered.
    scrollBox(l, { scrollHeight: 1400, clientHeight: 300 });
    l.el.dispatchEvent(new Event('scroll'));
    expect(l.isPinned).toBe(true);
    const img = document.createElement('img');
    l.el.querySelector('li')?.appendChild(img);
    img.dispatchEvent(new Event('load'));
    expect(l.el.scrollTop).toBe(1400);
    // The reader scrolls up a little: now it lets go.
    l.el.scrollTop = 900;
    l.el.dispatchEvent(new Event('scroll'));
    expect(l.isPinned).toBe(false);
  });

  it('scrolled up: stays there and shows "New messages", which jumps down', () => {
    const l = list();
    scrollBox(l, { scrollHeight: 1000, clientHeight: 300 });
    l.add([aMessage(c, 1)]);
    l.el.scrollTop = 100;
    l.el.dispatchEvent(new Event('scroll'));
    expect(l.isPinned).toBe(false);
    scrollBox(l, { scrollHeight: 1200, clientHeight: 300 });
    l.add([fromAgent(2)]);
    expect(l.el.scrollTop).toBe(100);
    const jump = l.el.querySelector<HTMLElement>('[data-testid="new-messages"]');
    expect(jump).not.toBeNull();
    jump?.click();
    expect(l.el.scrollTop).toBe(1200);
    expect(l.el.querySelector('[data-testid="new-messages"]')).toBeNull();
    // My own message always scrolls down.
    l.el.scrollTop = 0;
    l.el.dispatchEvent(new Event('scroll'));
    l.add([aMessage(c, 3)]);
    expect(l.el.scrollTop).toBe(1200);
  });
});

describe('date separators', () => {
  const now = new Date(2026, 10, 30, 12);
  it('names the day: Today, Yesterday, "Mon 28 Nov", the year only when not this one', () => {
    expect(dayLabel('2026-11-30', now)).toBe('Today');
    expect(dayLabel('2026-11-29', now)).toBe('Yesterday');
    expect(dayLabel('2026-11-23', now)).toBe('Mon 23 Nov');
    expect(dayLabel('2025-11-28', now)).toBe('Fri 28 Nov 2025');
    expect(dayKey('nonsense')).toBeNull();
  });

  it('puts one before the first message of each day, whatever order messages arrive in', () => {
    const l = list({ now });
    const at = (d: number, h: number) => new Date(2026, 10, d, h).toISOString();
    l.add([aMessage(c, 3, { createdAt: at(30, 9) })]);
    l.add([aMessage(c, 1, { createdAt: at(28, 9) }), aMessage(c, 4, { createdAt: at(30, 10) })]);
    l.add([aMessage(c, 2, { createdAt: at(29, 9) })]);
    const rows = Array.from(l.el.children).map((e) =>
      (e as HTMLElement).dataset.seq ? `#${(e as HTMLElement).dataset.seq}` : e.textContent,
    );
    expect(rows).toEqual(['Sat 28 Nov', '#1', 'Yesterday', '#2', 'Today', '#3', '#4']);
  });
});

describe('files', () => {
  it('refuses a file over the limit before uploading, in words', () => {
    const limits = { ...DEFAULT_LIMITS, fileBytes: 25 * 1024 * 1024 };
    expect(tooLargeText({ name: 'a.bin', size: 30 * 1024 * 1024 }, limits)).toBe(
      'a.bin is 30 MB; files can be up to 25 MB.',
    );
    expect(tooLargeText({ name: 'ok.png', size: 25 * 1024 * 1024 }, limits)).toBeNull();
  });

  it('says a refused type in words, whatever the server version', () => {
    expect(typeInWords('application/x-msdownload')).toBe('Windows program');
    expect(
      typeRefusalText(
        'Files of type application/x-msdownload (detected from the content) are not accepted',
      ),
    ).toBe("This file type isn't allowed (Windows program).");
    const human = "This file type isn't allowed (Windows program). Allowed: images, PDF.";
    expect(typeRefusalText(human)).toBe(human);
    expect(uploadErrorText(new ApiError(parseProblem(415, {})))).toBe(
      "This file type isn't allowed.",
    );
  });
});

describe('the widget while waiting', () => {
  const base: WidgetState = {
    open: true,
    chat: { caseId: c.caseId, customerToken: 't', number: 7 },
    profile: null,
    seenSeq: 0,
    case: { ...c, number: 7, status: 'NEW', owner: null },
    connection: 'connected',
    ended: false,
    unread: 0,
  };

  it('says "Waiting for an agent" until the claim, then the agent', () => {
    expect(subtitleOf(base)).toBe('Chat 7 · Waiting for an agent');
    expect(
      subtitleOf({
        ...base,
        case: { ...c, number: 7, status: 'READY', owner: { ...ALICE } },
      }),
    ).toBe(`Chat 7 with ${ALICE.firstName} ${ALICE.lastName}`);
  });

  it('names the unread count on the launcher', () => {
    expect(launcherLabel(false, 0)).toBe('Open chat');
    expect(launcherLabel(false, 2)).toBe('Open chat, 2 unread messages');
    expect(launcherLabel(true, 2)).toBe('Close chat');
  });

  it('keeps what was seen across reloads, and only with a chat', () => {
    saveSession(localStorage, 'o', { chat: base.chat, profile: null, open: false, seenSeq: 5 });
    expect(loadSession(localStorage, 'o').seenSeq).toBe(5);
    saveSession(localStorage, 'o', { chat: null, profile: null, open: false, seenSeq: 5 });
    expect(loadSession(localStorage, 'o').seenSeq).toBe(0);
  });
});

describe('emails in message text', () => {
  it('are kept whole in a span that does not wrap, as text only', async () => {
    const { keepEmailsWhole } = await import('../src/shared/render');
    const parts = keepEmailsWhole('Write to care@example-company.com. Or call.');
    expect(parts.map((p) => (typeof p === 'string' ? p : `[${p.textContent ?? ''}]`))).toEqual([
      'Write to ',
      '[care@example-company.com]',
      '. Or call.',
    ]);
    expect(keepEmailsWhole('no address here')).toEqual(['no address here']);
    expect(keepEmailsWhole('<img src=x onerror=alert(1)>')).toEqual([
      '<img src=x onerror=alert(1)>',
    ]);
  });
});
