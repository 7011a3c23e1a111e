import { describe, expect, it, vi } from 'vitest';
import { FrameDispatcher } from '../src/shared/dispatcher';
import { parseServerFrame } from '../src/shared/protocol';
import { Store } from '../src/shared/store';

describe('Store', () => {
  it('tells listeners of changes only, with the previous state', () => {
    const store = new Store({ n: 0, s: 'a' });
    const seen: [number, number][] = [];
    const off = store.subscribe((now, prev) => seen.push([prev.n, now.n]));
    store.set({ n: 0 }); // nothing changed
    store.set({ n: 1 });
    store.set({ s: 'b' });
    off();
    store.set({ n: 2 });
    expect(seen).toEqual([
      [0, 1],
      [1, 1],
    ]);
    expect(store.get()).toEqual({ n: 2, s: 'b' });
  });

  it('selects one field', () => {
    const store = new Store({ n: 0, s: 'a' });
    const l = vi.fn();
    store.select('s', l);
    store.set({ n: 1 });
    store.set({ s: 'b' });
    expect(l.mock.calls).toEqual([['b', 'a']]);
  });
});

describe('FrameDispatcher', () => {
  it('routes each frame to the handlers of its type, in order, and ignores the rest', () => {
    const d = new FrameDispatcher();
    const calls: string[] = [];
    d.on('read', (f) => calls.push(`first ${f.caseId}:${f.seq}`)).on('read', () =>
      calls.push('second'),
    );
    d.on('accepted', (f) => calls.push(`accepted ${f.clientMsgId}`));
    for (const raw of [
      '{"type":"read","caseId":"c1","seq":4}',
      '{"type":"accepted","clientMsgId":"m1"}',
      '{"type":"resync","caseId":null}',
    ]) {
      const f = parseServerFrame(raw);
      if (f) d.dispatch(f);
    }
    expect(calls).toEqual(['first c1:4', 'second', 'accepted m1']);
  });
});
