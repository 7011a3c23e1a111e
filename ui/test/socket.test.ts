import { beforeEach, describe, expect, it } from 'vitest';
import {
  backoffDelay,
  DEFAULT_BACKOFF,
  ReconnectingSocket,
  wsUrl,
  type ConnectionState,
} from '../src/shared/socket';
import type { ServerFrame } from '../src/shared/protocol';
import { FakeSocket, flush, ManualTimers } from './fakes';

function setup(random = () => 0.5) {
  const timers = new ManualTimers();
  const frames: ServerFrame[] = [];
  const opens: boolean[] = [];
  const states: ConnectionState[] = [];
  const rs = new ReconnectingSocket({
    connect: () => new FakeSocket('ws://x/ws'),
    onFrame: (f) => frames.push(f),
    onOpen: (re) => opens.push(re),
    onState: (s) => states.push(s),
    timers,
    random,
  });
  return { rs, timers, frames, opens, states };
}

describe('backoffDelay', () => {
  it('grows exponentially up to the ceiling, with jitter in the upper half', () => {
    const b = { initialMs: 100, maxMs: 1000, factor: 2 };
    expect([0, 1, 2, 3, 4, 10].map((a) => backoffDelay(a, b, () => 1))).toEqual([
      100, 200, 400, 800, 1000, 1000,
    ]);
    expect([0, 1, 2, 3, 4, 10].map((a) => backoffDelay(a, b, () => 0))).toEqual([
      50, 100, 200, 400, 500, 500,
    ]);
  });

  it('never retries immediately', () => {
    for (let i = 0; i < 50; i++)
      expect(backoffDelay(0, DEFAULT_BACKOFF, Math.random)).toBeGreaterThanOrEqual(
        DEFAULT_BACKOFF.initialMs / 2,
      );
  });
});

describe('ReconnectingSocket', () => {
  beforeEach(() => FakeSocket.reset());

  it('opens, parses frames and drops malformed ones', async () => {
    const { rs, frames, opens, states } = setup();
    rs.start();
    await flush();
    const s = FakeSocket.last();
    s.open();
    s.receive({ type: 'accepted', clientMsgId: 'a' });
    s.receive('garbage');
    s.receive({ type: 'call.offer' });
    expect(frames).toEqual([{ type: 'accepted', clientMsgId: 'a' }]);
    expect(opens).toEqual([false]);
    expect(states).toEqual(['connecting', 'connected']);
    expect(rs.send({ type: 'resume', lastSeq: 0 })).toBe(true);
    expect(s.sent).toEqual([{ type: 'resume', lastSeq: 0 }]);
  });

  it('reconnects with growing delays and reports a reconnect to resume from', async () => {
    const { rs, timers, opens, states } = setup();
    rs.start();
    await flush();
    FakeSocket.last().open();
    FakeSocket.last().drop(1001);
    expect(states.at(-1)).toBe('reconnecting');
    expect(rs.send({ type: 'resume', lastSeq: 0 })).toBe(false);
    expect(timers.delays()).toEqual([375]); // 500 * 2^0, half fixed + 0.5 of the other half

    timers.runAll();
    await flush();
    FakeSocket.last().drop(); // failed before opening
    expect(timers.delays()).toEqual([750]);
    timers.runAll();
    await flush();
    FakeSocket.last().drop();
    expect(timers.delays()).toEqual([1500]);
    timers.runAll();
    await flush();
    FakeSocket.last().open();
    expect(opens).toEqual([false, true]);
    expect(FakeSocket.all).toHaveLength(4);

    // The attempt count starts over after a successful open.
    FakeSocket.last().drop();
    expect(timers.delays()).toEqual([375]);
  });

  it('retries when opening itself fails (e.g. no token)', async () => {
    const timers = new ManualTimers();
    let calls = 0;
    const rs = new ReconnectingSocket({
      connect: () => {
        calls++;
        if (calls === 1) return Promise.reject(new Error('token'));
        return new FakeSocket();
      },
      onFrame: () => undefined,
      timers,
      random: () => 0,
    });
    rs.start();
    await flush();
    expect(timers.delays()).toEqual([250]);
    timers.runAll();
    await flush();
    expect(calls).toBe(2);
  });

  it('stops for good', async () => {
    const { rs, timers, states } = setup();
    rs.start();
    await flush();
    const s = FakeSocket.last();
    s.open();
    rs.stop();
    expect(s.closedWith?.code).toBe(1000);
    expect(states.at(-1)).toBe('stopped');
    expect(timers.pending.size).toBe(0);
    expect(FakeSocket.all).toHaveLength(1);
  });

  it('reconnects at once when asked (browser back online)', async () => {
    const { rs, timers } = setup();
    rs.start();
    await flush();
    FakeSocket.last().open();
    FakeSocket.last().drop();
    rs.reconnectNow();
    await flush();
    expect(timers.pending.size).toBe(0);
    expect(FakeSocket.all).toHaveLength(2);
  });

  it('ignores events of a socket it already replaced', async () => {
    const { rs, frames, timers } = setup();
    rs.start();
    await flush();
    const first = FakeSocket.last();
    first.open();
    first.drop();
    timers.runAll();
    await flush();
    first.receive({ type: 'accepted', clientMsgId: 'late' });
    expect(frames).toEqual([]);
  });

  it('builds ws and wss URLs from the http origin', () => {
    expect(wsUrl('http://localhost:8080', '/ws/agent')).toBe('ws://localhost:8080/ws/agent');
    expect(wsUrl('https://chat.example.com', '/ws/customer')).toBe(
      'wss://chat.example.com/ws/customer',
    );
  });
});
