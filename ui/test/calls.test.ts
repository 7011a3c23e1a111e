// @vitest-environment jsdom
/**
 * The console's calls controller with a fake WebRTC: where the buttons show (Support SDK only,
 * enabled for the owner of a READY Case), the offer, the answer, declines, missing devices, and
 * the panel staying up whatever Case is on screen.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AuthSession } from '../src/console/auth';
import { CallsController } from '../src/console/controllers/calls';
import { ConsoleModel } from '../src/console/model';
import { createContext } from '../src/console/state';
import { FrameDispatcher } from '../src/shared/dispatcher';
import { parseServerFrame, type AgentFrame } from '../src/shared/protocol';
import { aCase, ALICE, BOB, flush, ManualTimers } from './fakes';
import { FakePc, fakeRtc } from './fakeRtc';
import { invalidFrames } from './schemas';

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

const me = { id: ALICE.id, firstName: 'Alice', lastName: 'Anderson' };
const sdkCase = aCase({
  caseId: '11111111-2222-4333-8444-555555555555',
  channel: 'SUPPORT_SDK',
  status: 'READY',
  owner: me,
});

function setup(devices: 'ok' | 'denied' = 'ok') {
  const auth: AuthSession = {
    me: ALICE,
    token: () => Promise.resolve('tok'),
    onRefresh: () => undefined,
    logout: vi.fn(),
  };
  const sent: AgentFrame[] = [];
  const ctx = createContext('http://localhost:8080', auth, new ConsoleModel(ALICE), (f) => {
    sent.push(f);
    return true;
  });
  ctx.store.set({ connection: 'connected' });
  const timers = new ManualTimers();
  const calls = new CallsController(ctx, {
    rtc: fakeRtc(devices),
    setTimer: (fn, ms) => timers.setTimeout(fn, ms),
    clearTimer: (h) => timers.clearTimeout(h),
  });
  const d = new FrameDispatcher();
  calls.register(d);
  document.body.replaceChildren(calls.buttons.el, calls.panel.el);
  const q = (id: string) => document.querySelector<HTMLElement>(`[data-testid="${id}"]`);
  const receive = (f: unknown) => {
    const frame = parseServerFrame(f);
    if (!frame) throw new Error(`bad frame ${JSON.stringify(f)}`);
    d.dispatch(frame);
  };
  return { ctx, calls, sent, q, receive, timers };
}

let fetchMock: ReturnType<typeof vi.fn<(url: string) => Promise<Response>>>;

beforeEach(() => {
  FakePc.all = [];
  fetchMock = vi.fn((url: string) =>
    Promise.resolve(
      url.endsWith('/api/calls/ice-servers')
        ? json(404, {})
        : json(200, { iceServers: [{ urls: 'stun:stun.example.com' }] }),
    ),
  );
  vi.stubGlobal('fetch', fetchMock);
});

afterEach(() => vi.unstubAllGlobals());

describe('console calls', () => {
  it('shows the buttons only on Support SDK Cases, enabled only for their owner when READY', () => {
    const { ctx, q } = setup();
    const buttons = () => q('call-buttons') as HTMLElement;
    const video = () => q('call-video') as HTMLButtonElement;
    ctx.store.set({ current: aCase({ channel: 'WEB_CONNECT', status: 'READY', owner: me }) });
    expect(buttons().hidden).toBe(true);
    ctx.store.set({ current: { ...sdkCase, status: 'NEW', owner: null } });
    expect([buttons().hidden, video().disabled]).toEqual([false, true]);
    expect(q('call-disabled-reason')?.textContent).toBe('Claim this Case to call the customer.');
    ctx.store.set({ current: { ...sdkCase, owner: { ...BOB } } });
    expect(q('call-disabled-reason')?.textContent).toBe('Only Bob Baker can call.');
    ctx.store.set({ current: sdkCase });
    expect(video().disabled).toBe(false);
  });

  it('places a video call: offer with the ICE servers, ringing, answered, connected, hang-up', async () => {
    const { ctx, sent, q, receive } = setup();
    ctx.store.set({ current: sdkCase });
    q('call-video')?.click();
    await vi.waitFor(() => expect(sent.map((f) => f.type)).toEqual(['call.offer']));
    const offer = sent[0] as Extract<AgentFrame, { type: 'call.offer' }>;
    expect([offer.caseId, offer.media, offer.sdp]).toEqual([sdkCase.caseId, 'video', 'v=0 offer']);
    // No /api/calls/ice-servers (404): the config's.
    const pc = FakePc.all[0] as FakePc;
    expect(pc.config.iceServers).toEqual([{ urls: 'stun:stun.example.com' }]);
    expect(q('call-panel')?.dataset.state).toBe('ringing');
    expect(q('call-panel-status')?.textContent).toBe('Ringing…');
    expect((q('call-video') as HTMLButtonElement).disabled).toBe(true);

    // The panel stays while another Case is on screen.
    ctx.store.set({ current: aCase({ channel: 'WEB_CONNECT' }) });
    expect(q('call-panel')?.hidden).toBe(false);

    receive({ type: 'call.answer', caseId: sdkCase.caseId, callId: offer.callId, sdp: 'v=0 a' });
    await flush();
    expect(pc.remote).toEqual({ type: 'answer', sdp: 'v=0 a' });
    pc.localCandidate('candidate:1');
    expect(sent.at(-1)).toMatchObject({ type: 'call.ice', caseId: sdkCase.caseId });
    pc.connected();
    expect(q('call-panel')?.dataset.state).toBe('connected');
    q('call-mute')?.click();
    expect(q('call-mute')?.getAttribute('aria-pressed')).toBe('true');
    q('call-hangup')?.click();
    expect(sent.at(-1)).toEqual({ type: 'call.end', caseId: sdkCase.caseId, callId: offer.callId });
    expect(q('call-panel-status')?.textContent).toBe('Call ended (0:00).');
    expect(pc.closed).toBe(true);
    q('call-dismiss')?.click();
    expect(q('call-panel')?.hidden).toBe(true);
    expect(invalidFrames(sent)).toEqual([]);
  });

  it('says so when the customer declines or disconnects', async () => {
    const { ctx, sent, q, receive } = setup();
    ctx.store.set({ current: sdkCase });
    q('call-audio')?.click();
    await vi.waitFor(() => expect(sent).toHaveLength(1));
    const callId = (sent[0] as { callId: string }).callId;
    receive({ type: 'call.end', caseId: sdkCase.caseId, callId, reason: 'declined' });
    expect(q('call-panel')?.dataset.reason).toBe('declined');
    expect(q('call-panel-status')?.textContent).toBe('The customer declined the call.');
    expect((q('call-audio') as HTMLButtonElement).disabled).toBe(false);

    q('call-audio')?.click();
    await vi.waitFor(() => expect(sent).toHaveLength(2));
    expect(q('call-timer')?.textContent).toBe('0:00');
    const second = (sent[1] as { callId: string }).callId;
    receive({ type: 'call.end', caseId: sdkCase.caseId, callId: second, reason: 'disconnected' });
    expect(q('call-panel-status')?.textContent).toBe('The customer disconnected: the call ended.');
  });

  it('explains missing devices and tells nobody a call that never started', async () => {
    const { ctx, sent, q } = setup('denied');
    ctx.store.set({ current: sdkCase });
    q('call-video')?.click();
    await vi.waitFor(() =>
      expect(q('call-panel-status')?.textContent).toBe(
        'Camera or microphone access was denied. The call was not placed.',
      ),
    );
    // The offer never went out: nothing to tell the customer.
    expect(sent).toEqual([]);
    expect(q('call-panel')?.dataset.reason).toBe('unavailable');
  });

  it('stops ringing after the timeout and ends the call when the socket drops', async () => {
    const { ctx, sent, q, timers } = setup();
    ctx.store.set({ current: sdkCase });
    q('call-video')?.click();
    await vi.waitFor(() => expect(sent).toHaveLength(1));
    timers.runAll();
    expect(q('call-panel-status')?.textContent).toBe('No answer.');
    expect(sent.at(-1)).toMatchObject({ type: 'call.end' });

    q('call-dismiss')?.click();
    q('call-video')?.click();
    await vi.waitFor(() => expect(sent).toHaveLength(3));
    ctx.store.set({ connection: 'reconnecting' });
    expect(q('call-panel-status')?.textContent).toBe('Connection lost: the call ended.');
    expect(sent).toHaveLength(3);
  });
});
