// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import { Notifier } from '../src/console/notify';

describe('Notifier', () => {
  it('is off by default, remembers the choice and beeps only when on', async () => {
    const osc = {
      type: '',
      frequency: { value: 0 },
      connect: vi.fn(() => ({ connect: vi.fn() })),
      start: vi.fn(),
      stop: vi.fn(),
    };
    const gain = { gain: { setValueAtTime: vi.fn(), exponentialRampToValueAtTime: vi.fn() } };
    const ctx = {
      currentTime: 0,
      destination: {},
      createOscillator: () => osc,
      createGain: () => gain,
    };
    vi.stubGlobal(
      'AudioContext',
      vi.fn(function AudioContext() {
        return ctx;
      }),
    );
    const n = new Notifier(localStorage);
    expect(n.enabled).toBe(false);
    n.notify('New chat', 'x');
    expect(osc.start).not.toHaveBeenCalled();
    await n.toggle();
    expect(localStorage.getItem('chatcases.console.notify')).toBe('on');
    expect(new Notifier(localStorage).enabled).toBe(true);
    n.notify('New chat', 'x');
    expect(osc.start).toHaveBeenCalledOnce();
    vi.unstubAllGlobals();
  });
});
