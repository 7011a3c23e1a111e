// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import { h } from '../src/shared/dom';
import { insertBySeq, messageElement } from '../src/shared/render';
import { ConversationView } from '../src/console/views/conversation';
import { renderTilesRow } from '../src/console/views/tilesRow';
import { CasePanelView } from '../src/console/views/casePanel';
import { aCase, aMessage, ALICE } from './fakes';

const XSS = '<img src=x onerror=alert(1)>';

function actions() {
  return {
    sendText: vi.fn(),
    sendFiles: vi.fn(),
    claim: vi.fn(),
    resolve: vi.fn(),
    undoResolve: vi.fn(),
    loadDraft: vi.fn(() => ''),
    saveDraft: vi.fn(),
    retry: vi.fn(),
    download: vi.fn(),
    loadPreview: vi.fn(),
    quickReplies: () => [
      { id: '1', shortcut: 'hello', title: 'Greeting', body: 'Hi {{contact.firstName}}' },
      { id: '2', shortcut: 'bye', title: 'Goodbye', body: 'Bye!' },
    ],
    renderQuickReply: (qr: { body: string }) => qr.body.replace('{{contact.firstName}}', 'Ada'),
  };
}

describe('message rendering', () => {
  it('shows markup a person typed as text and runs nothing', () => {
    const alert = vi.fn();
    vi.stubGlobal('alert', alert);
    const c = aCase();
    const li = messageElement(
      aMessage(c, 1, { text: XSS, sender: { type: 'CUSTOMER', id: null, name: XSS } }),
      {
        mine: false,
        author: XSS,
        onDownload: vi.fn(),
      },
    );
    document.body.appendChild(li);
    expect(li.querySelector('img')).toBeNull();
    expect(li.querySelector('[data-testid="message-text"]')?.textContent).toBe(XSS);
    expect(li.textContent).toContain(XSS);
    expect(alert).not.toHaveBeenCalled();
  });

  it('makes links of http(s) URLs and keeps emails whole in the same text', () => {
    const c = aCase();
    const text = 'Mail care@example-company.com or see https://example.com/help, not javascript:x';
    const li = messageElement(aMessage(c, 1, { text }), {
      mine: false,
      author: 'Pat',
      onDownload: vi.fn(),
    });
    const p = li.querySelector('[data-testid="message-text"]');
    expect(p?.textContent).toBe(text);
    const links = [...(p?.querySelectorAll('a') ?? [])];
    expect(links.map((a) => a.getAttribute('href'))).toEqual(['https://example.com/help']);
    expect(links[0]?.getAttribute('rel')).toBe('noopener noreferrer');
    expect([...(p?.querySelectorAll('.msg__email') ?? [])].map((e) => e.textContent)).toEqual([
      'care@example-company.com',
    ]);
  });

  it('shows file messages with name, size, download and a preview for images', () => {
    const c = aCase();
    const onDownload = vi.fn();
    const loadPreview = vi.fn();
    const file = { fileId: 'f1', name: `${XSS}.png`, size: 2048, contentType: 'image/png' };
    const li = messageElement(aMessage(c, 2, { kind: 'FILE', text: null, file }), {
      mine: true,
      author: null,
      onDownload,
      loadPreview,
    });
    expect(li.dataset).toMatchObject({ seq: '2', kind: 'FILE', mine: 'true' });
    expect(li.querySelector('[data-testid="file-name"]')?.textContent).toBe(`${XSS}.png`);
    expect(li.querySelector('[data-testid="file-size"]')?.textContent).toBe('2.0 KB');
    expect(li.querySelectorAll('img')).toHaveLength(1); // only the preview element
    expect(loadPreview).toHaveBeenCalledOnce();
    li.querySelector<HTMLButtonElement>('[data-testid="file-download"]')?.click();
    expect(onDownload).toHaveBeenCalledWith(file);
  });

  it('inserts by seq, before pending bubbles', () => {
    const list = h('ol');
    const pending = h('li', { 'data-pending': '' });
    list.append(pending);
    for (const seq of [3, 1, 2]) insertBySeq(list, h('li', { 'data-seq': seq }), seq);
    expect(Array.from(list.children).map((e) => (e as HTMLElement).dataset.seq ?? 'p')).toEqual([
      '1',
      '2',
      '3',
      'p',
    ]);
  });
});

describe('ConversationView', () => {
  function view() {
    const a = actions();
    const v = new ConversationView(ALICE, a);
    document.body.replaceChildren(v.el);
    return { v, a };
  }
  const mine = aCase({
    status: 'READY',
    owner: { id: ALICE.id, firstName: 'Alice', lastName: 'Anderson' },
  });

  it('colours mine gray, others blue, system apart', () => {
    const { v } = view();
    v.show(mine);
    v.list.add([
      aMessage(mine, 1, {
        kind: 'SYSTEM',
        sender: { type: 'SYSTEM', id: null, name: null },
        text: 'You are now chatting with Alice Anderson',
      }),
      aMessage(mine, 2),
      aMessage(mine, 3, { sender: { type: 'USER', id: ALICE.id, name: 'Alice Anderson' } }),
      aMessage(mine, 4, { sender: { type: 'USER', id: 'carol', name: 'Carol Chen' } }),
    ]);
    const items = Array.from(v.el.querySelectorAll<HTMLElement>('[data-testid="message"]'));
    expect(items.map((i) => [i.dataset.seq, i.dataset.kind, i.dataset.mine, i.className])).toEqual([
      ['1', 'SYSTEM', 'false', 'msg msg--system'],
      ['2', 'TEXT', 'false', 'msg msg--other'],
      ['3', 'TEXT', 'true', 'msg msg--mine'],
      ['4', 'TEXT', 'false', 'msg msg--other'],
    ]);
  });

  it('sends on Enter, keeps Shift+Enter for a new line', () => {
    const { v, a } = view();
    v.show(mine);
    const composer = v.el.querySelector<HTMLTextAreaElement>('[data-testid="composer"]');
    if (!composer) throw new Error('no composer');
    composer.value = 'line one';
    composer.dispatchEvent(
      new KeyboardEvent('keydown', { key: 'Enter', shiftKey: true, bubbles: true }),
    );
    expect(a.sendText).not.toHaveBeenCalled();
    composer.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    expect(a.sendText).toHaveBeenCalledWith('line one');
    expect(composer.value).toBe('');
  });

  it('offers Quick Replies after a slash and inserts the rendered body', () => {
    const { v, a } = view();
    v.show(mine);
    const composer = v.el.querySelector<HTMLTextAreaElement>('[data-testid="composer"]');
    const picker = v.el.querySelector<HTMLElement>('[data-testid="quick-reply-picker"]');
    if (!composer || !picker) throw new Error('missing');
    composer.value = '/he';
    composer.dispatchEvent(new Event('input'));
    expect(picker.hidden).toBe(false);
    expect(
      Array.from(picker.querySelectorAll<HTMLElement>('[data-testid="quick-reply-option"]')).map(
        (o) => o.dataset.shortcut,
      ),
    ).toEqual(['hello']);
    composer.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    expect(composer.value).toBe('Hi Ada');
    expect(picker.hidden).toBe(true);
    expect(a.sendText).not.toHaveBeenCalled();
  });

  it('is read-only for an unassigned Case and offers Claim; Resolve only for the owner', () => {
    const { v, a } = view();
    v.show(aCase());
    const q = (id: string) => v.el.querySelector<HTMLElement>(`[data-testid="${id}"]`);
    expect(q('conversation-claim')?.hidden).toBe(false);
    expect(q('resolve-button')?.hidden).toBe(true);
    expect(q('composer')?.closest<HTMLElement>('.composer')?.hidden).toBe(true);
    q('conversation-claim')?.click();
    expect(a.claim).toHaveBeenCalled();
    v.show(mine);
    expect(q('resolve-button')?.hidden).toBe(false);
    expect(q('conversation-claim')?.hidden).toBe(true);
  });

  it('replaces a pending bubble by its message and shows upload progress', () => {
    const { v } = view();
    v.show(mine);
    v.list.showPending('cm-1', 'hello');
    expect(v.el.querySelectorAll('[data-testid="message-pending"]')).toHaveLength(1);
    v.list.add([
      aMessage(mine, 5, {
        clientMsgId: 'cm-1',
        sender: { type: 'USER', id: ALICE.id, name: 'Alice' },
      }),
    ]);
    expect(v.el.querySelectorAll('[data-testid="message-pending"]')).toHaveLength(0);
    const row = v.uploads.start('photo.png');
    row.progress(0.5);
    expect(v.el.querySelector<HTMLProgressElement>('[data-testid="upload-progress"]')?.value).toBe(
      0.5,
    );
    row.failed('That file is too large.');
    expect(v.el.querySelector('[data-testid="upload-error"]')?.textContent).toBe(
      'That file is too large.',
    );
  });
});

describe('tiles row and Case panel', () => {
  it('renders tile attributes, the badge and "+N"', () => {
    const row = h('nav');
    const c = aCase({
      contact: {
        id: 'x',
        firstName: 'Grace',
        lastName: 'Hopper',
        initials: 'GH',
        email: 'g@example.com',
      },
    });
    const onClick = vi.fn();
    renderTilesRow(
      row,
      {
        shown: [
          {
            case: c,
            look: { color: 'blue', unread: true, badge: true, solid: false },
            unreadCount: 2,
            last: null,
          },
        ],
        more: 3,
      },
      onClick,
    );
    const tile = row.querySelector<HTMLElement>('[data-testid="tile"]');
    expect(tile?.dataset).toMatchObject({
      caseId: c.caseId,
      color: 'blue',
      solid: 'false',
      badge: 'true',
    });
    expect(tile?.textContent).toBe('GH');
    expect(row.querySelector('[data-testid="tile-badge"]')).not.toBeNull();
    expect(row.querySelector('[data-testid="tiles-more"]')?.textContent).toBe('+3');
    tile?.click();
    expect(onClick).toHaveBeenCalledOnce();
  });

  it('shows the Contact and Case facts and lists files', () => {
    const loadFiles = vi.fn();
    const p = new CasePanelView({
      loadFiles,
      download: vi.fn(),
      loadOtherCases: vi.fn(),
      openCase: vi.fn(),
    });
    const c = aCase({
      number: 77,
      contact: { id: 'x', firstName: XSS, lastName: 'L', initials: 'XL', email: 'x@example.com' },
    });
    p.show(c);
    expect(p.el.querySelector('[data-testid="case-contact-name"]')?.textContent).toBe(`${XSS} L`);
    expect(p.el.querySelector('[data-testid="case-number"]')?.textContent).toBe('77');
    expect(p.el.querySelector('[data-testid="case-owner"]')?.textContent).toBe('Unassigned');
    p.el.querySelector<HTMLElement>('[data-testid="files-tab"]')?.click();
    expect(loadFiles).toHaveBeenCalledWith(c.caseId);
    p.setFiles(c.caseId, [
      {
        fileId: 'f',
        name: 'a.pdf',
        size: 10,
        contentType: 'application/pdf',
        uploaderType: 'CUSTOMER',
        uploaderName: 'Ada',
        createdAt: '2025-01-01T10:00:00Z',
      },
    ]);
    expect(p.el.querySelectorAll('[data-testid="file-row"]')).toHaveLength(1);
    expect(p.el.querySelector('img')).toBeNull();
  });
});
