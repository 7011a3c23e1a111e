/**
 * Audio and video calls from the console (issue 16): the owner of a READY Support SDK Case calls
 * its customer. The call buttons sit in the conversation header (hidden on other channels,
 * disabled with the reason when the Case is not mine or not READY, or while another call is on);
 * the call itself lives in a panel outside the conversation, so it survives switching tiles.
 * Signalling is the `call.*` frames on the agent socket; media is peer to peer (shared/rtc.ts).
 */
import '../../styles/calls.css';
import type { FrameDispatcher } from '../../shared/dispatcher';
import { fullName } from '../../shared/format';
import { ApiError } from '../../shared/http';
import { newId } from '../../shared/ids';
import {
  parseIceServers,
  type Case,
  type CallEndReason,
  type CallMedia,
} from '../../shared/protocol';
import {
  browserRtc,
  DevicesUnavailableError,
  formatDuration,
  PeerCall,
  type RtcEnv,
} from '../../shared/rtc';
import type { ConsoleContext } from '../state';
import {
  CallButtonsView,
  CallPanelView,
  type CallButtonsState,
  type PanelView,
} from '../views/callPanel';

/** An unanswered call stops ringing after this long (the customer sees a missed call). */
export const RING_TIMEOUT_MS = 45_000;

interface Active {
  call: PeerCall;
  caseId: string;
  who: string;
  /** The words shown once it ended. */
  endText: string | null;
}

export interface CallsDeps {
  rtc?: RtcEnv;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

export class CallsController {
  readonly buttons: CallButtonsView;
  readonly panel: CallPanelView;
  private active: Active | null = null;
  private ringTimer: unknown = null;
  private tick: unknown = null;
  private readonly rtc: RtcEnv;
  private readonly setTimer: (fn: () => void, ms: number) => unknown;
  private readonly clearTimer: (handle: unknown) => void;

  constructor(
    private readonly ctx: ConsoleContext,
    deps: CallsDeps = {},
  ) {
    this.rtc = deps.rtc ?? browserRtc;
    this.setTimer = deps.setTimer ?? ((fn, ms) => globalThis.setTimeout(fn, ms));
    this.clearTimer =
      deps.clearTimer ?? ((h) => globalThis.clearTimeout(h as ReturnType<typeof setTimeout>));
    this.buttons = new CallButtonsView({ call: (media) => void this.place(media) });
    this.panel = new CallPanelView({
      mute: () => this.toggle('mute'),
      camera: () => this.toggle('camera'),
      hangUp: () => this.active?.call.hangUp(),
      dismiss: () => {
        if (this.active?.call.ended) {
          this.active = null;
          this.render();
        }
      },
    });
    ctx.store.select('current', () => this.renderButtons());
    ctx.store.select('me', () => this.renderButtons());
    ctx.store.select('connection', (s) => {
      // The socket is gone: no more signalling; the gateway tells the customer.
      const a = this.active;
      if (s === 'reconnecting' && a && !a.call.ended) {
        a.endText = endText('disconnected', true, a.call);
        a.call.end('disconnected', false);
      }
      this.renderButtons();
    });
    this.render();
  }

  register(d: FrameDispatcher): void {
    d.on('call.answer', (f) => {
      const call = this.callFor(f.callId, f.caseId);
      if (call) void call.remoteAnswer(f.sdp);
    })
      .on('call.ice', (f) => void this.callFor(f.callId, f.caseId)?.remoteIce(f.candidate))
      .on('call.end', (f) => this.callFor(f.callId, f.caseId)?.remoteEnd(f.reason))
      .on('case', (f) => this.caseChanged(f.case));
  }

  /** An `error` frame about the call (ref = callId): true when handled here. */
  refused(code: string, message: string, ref: string | null): boolean {
    const a = this.active;
    if (!a || ref !== a.call.callId || a.call.ended) return false;
    a.endText = `The call was refused (${code}): ${message}`;
    a.call.end('failed', false);
    return true;
  }

  /** The current call (tests and the console's own window hook). */
  get call(): PeerCall | null {
    return this.active?.call ?? null;
  }

  private callFor(callId: string, caseId: string | null): PeerCall | null {
    const a = this.active;
    if (!a || a.call.callId !== callId || (caseId !== null && caseId !== a.caseId)) return null;
    return a.call;
  }

  private buttonsState(): CallButtonsState {
    const { current, me, connection } = this.ctx.store.get();
    if (!current || current.channel !== 'SUPPORT_SDK')
      return { hidden: true, disabledReason: null };
    let reason: string | null = null;
    if (current.status !== 'READY' || current.owner === null)
      reason =
        current.status === 'NEW' ? 'Claim this Case to call the customer.' : 'This chat has ended.';
    else if (current.owner.id !== me.id) reason = `Only ${fullName(current.owner)} can call.`;
    else if (this.active && !this.active.call.ended) reason = 'You are already in a call.';
    else if (connection !== 'connected') reason = 'Not connected.';
    return { hidden: false, disabledReason: reason };
  }

  private renderButtons(): void {
    this.buttons.render(this.buttonsState());
  }

  private async place(media: CallMedia): Promise<void> {
    const c = this.ctx.store.get().current;
    if (!c || this.buttonsState().disabledReason !== null) return;
    const callId = newId();
    const caseId = c.caseId;
    const call = new PeerCall(
      callId,
      media,
      {
        offer: (sdp) => {
          if (!this.ctx.send({ type: 'call.offer', caseId, callId, sdp, media }))
            this.fail(call, 'Not connected: the call could not be placed.');
        },
        answer: () => undefined,
        ice: (candidate) => void this.ctx.send({ type: 'call.ice', caseId, callId, candidate }),
        end: (reason) =>
          void this.ctx.send(
            reason === 'hangup'
              ? { type: 'call.end', caseId, callId }
              : { type: 'call.end', caseId, callId, reason },
          ),
      },
      this.rtc,
    );
    const active: Active = {
      call,
      caseId,
      who: `${fullName(c.contact)} · #${c.number}`,
      endText: null,
    };
    this.active = active;
    this.panel.setTimer('0:00');
    window.__chatcasesCall = call;
    call.on('localStream', (s) => (this.panel.localVideo.srcObject = s));
    call.on('remoteStream', (s) => (this.panel.remoteVideo.srcObject = s));
    call.on('state', ({ state, reason, local }) => this.onState(active, state, reason, local));
    this.ringTimer = this.setTimer(() => {
      if (call.state === 'ringing') {
        active.endText = 'No answer.';
        call.hangUp();
      }
    }, RING_TIMEOUT_MS);
    this.render();
    try {
      await call.place(await this.iceServers());
    } catch (e) {
      if (e instanceof DevicesUnavailableError) {
        active.endText = `${e.message} The call was not placed.`;
        this.render();
      } else this.fail(call, 'The call could not be started.');
    }
  }

  private fail(call: PeerCall, text: string): void {
    if (this.active?.call === call) this.active.endText = text;
    call.end('failed', true);
  }

  private onState(a: Active, state: string, reason?: CallEndReason, local?: boolean): void {
    if (state === 'connected' && this.tick === null) {
      const update = () => {
        this.panel.setTimer(formatDuration(a.call.durationMs));
        this.tick = this.setTimer(update, 500);
      };
      update();
    }
    if (state === 'ended') {
      this.stopTimers();
      if (a.endText === null) a.endText = endText(reason ?? 'hangup', local === true, a.call);
    }
    this.render();
  }

  private stopTimers(): void {
    if (this.ringTimer !== null) this.clearTimer(this.ringTimer);
    if (this.tick !== null) this.clearTimer(this.tick);
    this.ringTimer = this.tick = null;
  }

  /** The Case of the call left me (claimed away, resolved): the call ends. */
  private caseChanged(c: Case): void {
    const a = this.active;
    if (!a || a.caseId !== c.caseId || a.call.ended) return;
    if (c.status !== 'READY' || c.owner?.id !== this.ctx.store.get().me.id) {
      a.endText = 'The chat ended, so did the call.';
      a.call.hangUp();
    }
  }

  private toggle(what: 'mute' | 'camera'): void {
    const call = this.active?.call;
    if (!call || call.ended) return;
    if (what === 'mute') call.mute(!call.isMuted);
    else call.cameraOff(!call.isCameraOff);
    this.render();
  }

  private render(): void {
    this.renderButtons();
    const a = this.active;
    if (!a) {
      this.panel.show(null);
      return;
    }
    const { call } = a;
    const view: PanelView = {
      state: call.state,
      media: call.media,
      who: a.who,
      status:
        call.state === 'ended'
          ? (a.endText ?? 'Call ended.')
          : call.state === 'ringing'
            ? 'Ringing…'
            : call.state === 'connecting'
              ? 'Connecting…'
              : 'Connected',
      reason: call.endReason,
      muted: call.isMuted,
      cameraOff: call.isCameraOff,
    };
    this.panel.show(view);
  }

  /** `GET /api/calls/ice-servers`; an older gateway (404): `/api/config`'s iceServers; else []. */
  private async iceServers(): Promise<RTCIceServer[]> {
    try {
      return parseIceServers((await this.ctx.api('/api/calls/ice-servers')).body);
    } catch (e) {
      if (!(e instanceof ApiError) || e.status !== 404) return [];
    }
    try {
      return parseIceServers((await this.ctx.api('/api/config')).body);
    } catch {
      return [];
    }
  }
}

function endText(reason: CallEndReason, local: boolean, call: PeerCall): string {
  const dur = call.connectedAt !== null ? ` (${formatDuration(call.durationMs)})` : '';
  switch (reason) {
    case 'declined':
      return 'The customer declined the call.';
    case 'unavailable':
      return local
        ? 'Your camera or microphone is unavailable.'
        : "The customer's camera or microphone is unavailable.";
    case 'disconnected':
      return local
        ? `Connection lost: the call ended${dur}.`
        : `The customer disconnected: the call ended${dur}.`;
    case 'failed':
      return `The call's connection failed${dur}.`;
    default:
      return call.connectedAt === null
        ? local
          ? 'Call cancelled.'
          : 'The customer did not take the call.'
        : local
          ? `Call ended${dur}.`
          : `The customer hung up${dur}.`;
  }
}
