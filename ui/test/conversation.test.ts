// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { deliver, MessageList, Outbox } from '../src/shared/conversation';
import { MessageStore } from '../src/shared/messages';
import type { ClientFrame, Message } from '../src/shared/protocol';
import { aCase, aMessage, ALICE } from './fakes';

const c = aCase();
const fromCustomer = aMessage(c, 1, { text: 'hi' });
const fromAlice = aMessage(c, 2, {
  text: 'hello',
  sender: { type: 'USER', id: ALICE.id, name: 'Alice Anderson' },
});

function list(isMine: (m: Message) => boolean, onRetry?: (id: string) => void): MessageList {
  return new MessageList({
    attrs: { 'data-testid': 'message-list' },
    viewer: { isMine, authorOf: (m) => `by ${m.sender.type}` },
    onDownload: () => undefined,
    loadPreview: () => undefined,
    ...(onRetry ? { onRetry } : {}),
  });
}

const sides = (l: MessageList) =>
  Array.from(l.el.querySelectorAll<HTMLElement>('[data-testid="message"]')).map((e) => [
    e.dataset.seq,
    e.dataset.mine,
  ]);

describe('MessageList, shared by the console and the widget', () => {
  afterEach(() => vi.useRealTimers());

  it('is parameterised by who "I" am', () => {
    const agent = list((m) => m.sender.type === 'USER' && m.sender.id === ALICE.id);
    const customer = list((m) => m.sender.type === 'CUSTOMER');
    for (const l of [agent, customer]) l.add([fromAlice, fromCustomer, fromAlice]);
    expect(sides(agent)).toEqual([
      ['1', 'false'],
      ['2', 'true'],
    ]);
    expect(sides(customer)).toEqual([
      ['1', 'true'],
      ['2', 'false'],
    ]);
    // Only others' bubbles name their author.
    expect(agent.el.querySelector('[data-seq="1"] .msg__author')?.textContent).toBe('by CUSTOMER');
    expect(agent.el.querySelector('[data-seq="2"] .msg__author')).toBeNull();
  });

  it('shows a send as pending until its message arrives; a refusal offers Retry when asked to', () => {
    vi.useFakeTimers();
    const sent: ClientFrame[] = [];
    const retried: string[] = [];
    const l = list(
      (m) => m.sender.type === 'CUSTOMER',
      (id) => retried.push(id),
    );
    const outbox = new Outbox<ClientFrame>(
      () => l,
      (f) => sent.push(f) > 0,
    );
    const store = new MessageStore(c.caseId);
    outbox.send('m1', { type: 'send', clientMsgId: 'm1', text: 'one' }, 'one');
    outbox.send('m2', { type: 'send', clientMsgId: 'm2', text: 'two' }, 'two');
    const pending = () =>
      Array.from(l.el.querySelectorAll<HTMLElement>('[data-testid="message-pending"]'));
    expect(pending().map((p) => p.dataset.clientMsgId)).toEqual(['m1', 'm2']);

    outbox.accepted('m1');
    expect(pending()[0]?.textContent).toContain('Sent');
    // Transient: sent again after a moment, with the same clientMsgId.
    expect(outbox.refused('UNAVAILABLE', '', 'm2')).toBe(true);
    vi.advanceTimersByTime(1500);
    expect(sent.map((f) => (f as { clientMsgId: string }).clientMsgId)).toEqual(['m1', 'm2', 'm2']);
    // Final: "Not sent" with Retry.
    expect(outbox.refused('TOO_LARGE', 'Too long.', 'm2')).toBe(true);
    expect(pending()[1]?.textContent).toContain('Not sent: Too long.');
    pending()[1]?.querySelector<HTMLElement>('[data-testid="retry-send"]')?.click();
    expect(retried).toEqual(['m2']);
    // Not mine: somebody else's error.
    expect(outbox.refused('FORBIDDEN', '', 'other')).toBe(false);

    deliver(store, [aMessage(c, 1, { clientMsgId: 'm1', text: 'one' })], outbox, l);
    expect(pending().map((p) => p.dataset.clientMsgId)).toEqual(['m2']);
    expect(outbox.all().map((p) => p.clientMsgId)).toEqual(['m2']);
  });
});
