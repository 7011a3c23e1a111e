/**
 * A call as the SDK app sees it: an agent's offer arrives as an `incomingCall` event carrying this
 * object; the app accepts (camera and microphone, then the answer) or declines it, and follows
 * `state` (ringing -> connecting -> connected -> ended, with a reason) and `remoteStream`.
 */
import type { CallEndReason, CallMedia } from '../shared/protocol';
import { PeerCall, type CallSignals, type MediaChoice, type RtcEnv } from '../shared/rtc';

export interface AcceptOptions extends MediaChoice {
  /** Ask for the microphone (default true). */
  audio?: boolean;
  /** Send the camera on a video call (default true; false = receive video, send audio only). */
  video?: boolean;
}

export class Call extends PeerCall {
  constructor(
    callId: string,
    media: CallMedia,
    private readonly offerSdp: string,
    signals: CallSignals,
    private readonly iceServers: () => Promise<RTCIceServer[]>,
    env?: RtcEnv,
  ) {
    super(callId, media, signals, env);
  }

  /**
   * Answers: camera/microphone (rejects with DevicesUnavailableError, and the agent is told
   * `unavailable`), ICE servers, then `call.answer`. Resolves once the answer is sent; `state`
   * reports `connected` when media flows.
   */
  async accept(options: AcceptOptions = {}): Promise<void> {
    if (this.state !== 'ringing')
      throw new Error(`The call is ${this.state}, it cannot be accepted.`);
    const servers = await this.iceServers();
    if (this.ended) return;
    await this.answer(this.offerSdp, servers, options);
  }

  /** Refuses a ringing call (`call.end {reason: "declined"}`). */
  decline(): void {
    if (this.state === 'ringing') this.end('declined');
  }

  /** Ends the call here without telling the peer (the socket is gone; the gateway tells it). */
  lost(reason: CallEndReason = 'disconnected'): void {
    this.end(reason, false);
  }
}
