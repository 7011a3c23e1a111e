// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import { otherCases, unverifiedMark, workable } from '../src/console/verification';
import { CasePanelView } from '../src/console/views/casePanel';
import { ClaimPopup } from '../src/console/views/claimPopup';
import { ConversationView } from '../src/console/views/conversation';
import { parseCase, parseCases, parseChatStarted } from '../src/shared/protocol';
import { aCase, ALICE } from './fakes';

const wire = {
  caseId: '00000000-0000-4000-8000-000000000001',
  number: 1001,
  channel: 'WEB_CONNECT',
  status: 'NEW',
  owner: null,
  contact: { id: null, firstName: 'A', lastName: 'B', initials: 'AB', email: 'a@example.com' },
  createdAt: '2026-01-01T10:00:00Z',
  lastSeq: 0,
};

describe('emailVerified on the wire', () => {
  it('is true only when the server says true', () => {
    expect(parseCase({ ...wire, emailVerified: true })?.emailVerified).toBe(true);
    expect(parseCase({ ...wire, emailVerified: false })?.emailVerified).toBe(false);
    expect(parseCase(wire)?.emailVerified).toBe(false);
    expect(parseCase({ ...wire, emailVerified: 'yes' })?.emailVerified).toBe(false);
  });

  it('is carried by the chat start answer', () => {
    const started = { caseId: wire.caseId, number: 1, customerToken: 't.t.t' };
    expect(parseChatStarted({ ...started, emailVerified: true })?.emailVerified).toBe(true);
    expect(parseChatStarted(started)?.emailVerified).toBe(false);
  });

  it('parses a list of Cases and skips malformed items', () => {
    expect(parseCases([wire, { nope: 1 }, { ...wire, caseId: undefined }])).toHaveLength(1);
    expect(parseCases({})).toEqual([]);
  });
});

describe('unverifiedMark', () => {
  it('marks a typed email and not a verified one', () => {
    expect(unverifiedMark(aCase({ emailVerified: false }))).toBe('Email not verified');
    expect(unverifiedMark(aCase({ emailVerified: true }))).toBeNull();
  });
});

describe('otherCases, the Contact history in the Case panel', () => {
  const contact = { id: 'c-9', firstName: 'O', lastName: 'P', initials: 'OP', email: 'o@x.io' };
  const current = aCase({ contact, createdAt: '2026-01-01T10:00:00Z' });
  const older = aCase({ contact, createdAt: '2026-01-01T09:00:00Z' });
  const newer = aCase({ contact, createdAt: '2026-01-01T11:00:00Z', status: 'READY' });
  const resolved = aCase({ contact, status: 'RESOLVED' });
  const stranger = aCase({ contact: { ...contact, id: 'c-other' } });

  it('keeps past Cases, leaves out the current one and other Contacts, newest first', () => {
    const pastResolved = { ...resolved, createdAt: '2026-01-01T08:00:00Z' };
    expect(
      otherCases([older, current, pastResolved, newer, stranger, older], current).map(
        (c) => c.caseId,
      ),
    ).toEqual([newer.caseId, older.caseId, pastResolved.caseId]);
  });

  it('opens as a tile only what I can work: waiting, or open and mine', () => {
    const me = ALICE.id;
    expect(workable(aCase({ status: 'NEW' }), me)).toBe(true);
    expect(workable(aCase({ status: 'READY', owner: { ...ALICE } }), me)).toBe(true);
    const bob = { id: 'bob-id', firstName: 'Bob', lastName: 'Baker' };
    expect(workable(aCase({ status: 'READY', owner: bob }), me)).toBe(false);
    expect(workable(aCase({ status: 'RESOLVED', owner: { ...ALICE } }), me)).toBe(false);
    expect(workable(aCase({ status: 'CLOSED', owner: null }), me)).toBe(false);
  });

  it('lists nothing for an unmatched Contact', () => {
    const unmatched = aCase({ contact: { ...contact, id: null } });
    expect(
      otherCases([unmatched, aCase({ contact: { ...contact, id: null } })], unmatched),
    ).toEqual([]);
  });
});

describe('the mark in the console views', () => {
  const typed = aCase({ emailVerified: false });
  const verified = aCase({ emailVerified: true });

  it('shows on the claim popup only for a typed email', () => {
    const host = document.createElement('div');
    const anchor = document.createElement('button');
    document.body.replaceChildren(host, anchor);
    const popup = new ClaimPopup(host);
    popup.open(typed, anchor, { onClaim: vi.fn(), onLeave: vi.fn() });
    expect(host.querySelector('[data-testid="claim-unverified"]')?.textContent).toContain(
      'email not verified',
    );
    popup.open(verified, anchor, { onClaim: vi.fn(), onLeave: vi.fn() });
    expect(host.querySelector('[data-testid="claim-unverified"]')).toBeNull();
    popup.close();
  });

  it('shows in the Case panel and lists the other Cases', () => {
    const loadOtherCases = vi.fn();
    const openCase = vi.fn();
    const p = new CasePanelView({
      loadFiles: vi.fn(),
      download: vi.fn(),
      loadOtherCases,
      openCase,
    });
    p.show(typed);
    const mark = p.el.querySelector<HTMLElement>('[data-testid="case-email-unverified"]');
    expect(mark?.hidden).toBe(false);
    expect(mark?.textContent).toBe('Email not verified');
    expect(loadOtherCases).toHaveBeenCalledWith(typed);
    const other = aCase({ contact: typed.contact, emailVerified: false });
    p.setOtherCases(typed.caseId, [typed, other]);
    const rows = p.el.querySelectorAll<HTMLElement>('[data-testid="other-case"]');
    expect(rows).toHaveLength(1);
    expect(p.el.querySelector<HTMLElement>('[data-testid="other-cases"]')?.hidden).toBe(false);
    rows[0]?.click();
    expect(openCase).toHaveBeenCalledWith(other);
    // An answer for a Case no longer shown is dropped.
    p.show(verified);
    expect(mark?.hidden).toBe(true);
    p.setOtherCases(typed.caseId, [typed, other]);
    expect(p.el.querySelectorAll('[data-testid="other-case"]')).toHaveLength(0);
    expect(p.el.querySelector<HTMLElement>('[data-testid="other-cases"]')?.hidden).toBe(true);
  });

  it('shows in the conversation header', () => {
    const v = new ConversationView(ALICE, {
      sendText: vi.fn(),
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
    });
    document.body.replaceChildren(v.el);
    v.show(typed);
    const mark = v.el.querySelector<HTMLElement>('[data-testid="conversation-unverified"]');
    expect(mark?.hidden).toBe(false);
    v.show(verified);
    expect(mark?.hidden).toBe(true);
  });
});
