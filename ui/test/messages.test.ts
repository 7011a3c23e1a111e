import { describe, expect, it } from 'vitest';
import { newId } from '../src/shared/ids';
import { MessageStore } from '../src/shared/messages';
import { PendingSends } from '../src/shared/pending';
import { formatSize, isPreviewable } from '../src/shared/format';
import { aCase, aMessage } from './fakes';

describe('MessageStore', () => {
  const c = aCase();

  it('keeps each seq once, in order, whatever order replays and live frames come in', () => {
    const s = new MessageStore(c.caseId);
    expect(s.add(aMessage(c, 2))).toBe(0);
    expect(s.add(aMessage(c, 5))).toBe(1);
    expect(s.add(aMessage(c, 3))).toBe(1);
    expect(s.add(aMessage(c, 3))).toBe(-1);
    const added = s.addAll([aMessage(c, 1), aMessage(c, 5), aMessage(c, 4)]);
    expect(added.map((m) => m.seq)).toEqual([1, 4]);
    expect(s.list().map((m) => m.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(s.lastSeq).toBe(5);
    expect(s.next(3)?.seq).toBe(4);
  });

  it('refuses other Cases and finds the last customer message', () => {
    const s = new MessageStore(c.caseId);
    expect(s.add(aMessage(aCase(), 1))).toBe(-1);
    s.addAll([
      aMessage(c, 1),
      aMessage(c, 2, { sender: { type: 'USER', id: 'a', name: 'Alice' } }),
    ]);
    expect(s.lastCustomerSeq()).toBe(1);
    expect(new MessageStore('x').lastSeq).toBe(0);
  });
});

describe('PendingSends', () => {
  it('resends what is not delivered nor refused', () => {
    const p = new PendingSends<string>();
    p.add('a', 'A', 'a');
    p.add('b', 'B', 'b');
    p.add('c', 'C', 'c');
    p.accepted('a');
    p.delivered('b');
    p.failed('c', 'too large');
    expect(p.toResend().map((x) => x.frame)).toEqual(['A']);
    expect(p.get('c')?.error).toBe('too large');
    p.retry('c');
    expect(p.toResend().map((x) => x.frame)).toEqual(['A', 'C']);
  });
});

describe('helpers', () => {
  it('makes v4 UUIDs', () => {
    const ids = new Set(Array.from({ length: 100 }, newId));
    expect(ids.size).toBe(100);
    for (const id of ids)
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('formats sizes and picks previewable images', () => {
    expect(formatSize(512)).toBe('512 B');
    expect(formatSize(2048)).toBe('2.0 KB');
    expect(formatSize(5 * 1024 * 1024)).toBe('5.0 MB');
    expect(isPreviewable('image/png')).toBe(true);
    expect(isPreviewable('image/svg+xml')).toBe(false);
    expect(isPreviewable('application/pdf')).toBe(false);
  });
});
