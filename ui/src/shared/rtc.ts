/**
 * One WebRTC call between a Support SDK customer and the Case's owner, for both ends: the agent
 * places it (`place`: media, offer), the customer answers it (`answer`: media, answer). Signalling
 * goes out through `CallSignals` (the `call.*` frames); candidates are trickled both ways and
 * queued until the remote description is set. Either side ends it with a reason; whatever way it
 * ends, local tracks are stopped and the peer connection closed exactly once.
 */
import { Emitter } from './emitter';
import type { CallEndReason, CallMedia, IceCandidate } from './protocol';

declare global {
  interface Window {
    /** The page's call in progress (the browser test reads its peer connection's getStats()). */
    __chatcasesCall?: PeerCall | null;
  }
}

export type CallState = 'ringing' | 'connecting' | 'connected' | 'ended';

export interface CallStateChange {
  state: CallState;
  /** Why it ended (only with `ended`). */
  reason?: CallEndReason;
  /** True when this side ended it (hang-up, decline, no devices), false when the peer did. */
  local?: boolean;
}

export interface CallEvents {
  state: CallStateChange;
  remoteStream: MediaStream;
  localStream: MediaStream;
}

/** How a call talks to the peer (through the socket's `call.*` frames). */
export interface CallSignals {
  offer(sdp: string): void;
  answer(sdp: string): void;
  ice(candidate: IceCandidate): void;
  end(reason: CallEndReason): void;
}

/** The browser APIs a call needs (fakes in unit tests). */
export interface RtcEnv {
  createPeerConnection(config: RTCConfiguration): RTCPeerConnection;
  getUserMedia(constraints: MediaStreamConstraints): Promise<MediaStream>;
  now(): number;
}

export const browserRtc: RtcEnv = {
  createPeerConnection: (config) => new RTCPeerConnection(config),
  getUserMedia: (constraints) => {
    if (!navigator.mediaDevices?.getUserMedia)
      return Promise.reject(
        new DOMException('No media devices (insecure page?)', 'NotSupportedError'),
      );
    return navigator.mediaDevices.getUserMedia(constraints);
  },
  now: () => Date.now(),
};

/** The camera and microphone could not be used; `cause` is the getUserMedia error. */
export class DevicesUnavailableError extends Error {
  constructor(override readonly cause: unknown) {
    super(devicesText(cause));
    this.name = 'DevicesUnavailableError';
  }
}

/** A person's words for a getUserMedia failure. */
export function devicesText(e: unknown): string {
  const name = e instanceof Error || e instanceof DOMException ? e.name : '';
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError':
      return 'Camera or microphone access was denied.';
    case 'NotFoundError':
    case 'OverconstrainedError':
      return 'No camera or microphone was found.';
    case 'NotReadableError':
      return 'The camera or microphone is in use by another application.';
    case 'NotSupportedError':
      return 'This page cannot use a camera or microphone (it needs https).';
    default:
      return 'The camera or microphone could not be started.';
  }
}

export interface MediaChoice {
  audio?: boolean;
  video?: boolean;
}

export class PeerCall extends Emitter<CallEvents> {
  private current: CallState = 'ringing';
  private reason: CallEndReason | null = null;
  private pc: RTCPeerConnection | null = null;
  private local: MediaStream | null = null;
  private remote: MediaStream | null = null;
  private readonly queued: IceCandidate[] = [];
  private remoteSet = false;
  private muted = false;
  private cameraIsOff = false;
  private connectedSince: number | null = null;
  /** Whether the peer knows of this call (false for a placed call until its offer went out). */
  private peerKnows = true;

  constructor(
    readonly callId: string,
    readonly media: CallMedia,
    protected readonly signals: CallSignals,
    protected readonly env: RtcEnv = browserRtc,
  ) {
    super();
  }

  get state(): CallState {
    return this.current;
  }

  get endReason(): CallEndReason | null {
    return this.reason;
  }

  get ended(): boolean {
    return this.current === 'ended';
  }

  /** The RTCPeerConnection (for `getStats()`), null before media starts and after the end. */
  get peerConnection(): RTCPeerConnection | null {
    return this.pc;
  }

  get localStream(): MediaStream | null {
    return this.local;
  }

  get remoteStream(): MediaStream | null {
    return this.remote;
  }

  get isMuted(): boolean {
    return this.muted;
  }

  get isCameraOff(): boolean {
    return this.cameraIsOff;
  }

  /** When media started flowing (epoch ms), null before. */
  get connectedAt(): number | null {
    return this.connectedSince;
  }

  /** Milliseconds since connected (0 before). */
  get durationMs(): number {
    return this.connectedSince === null ? 0 : Math.max(0, this.env.now() - this.connectedSince);
  }

  /** The calling side: takes the devices and sends the offer (state stays `ringing`). */
  async place(iceServers: RTCIceServer[]): Promise<void> {
    this.peerKnows = false;
    await this.takeDevices({ audio: true, video: this.media === 'video' });
    if (this.ended) return;
    const pc = this.connect(iceServers);
    const offer = await pc.createOffer();
    if (this.ended) return;
    await pc.setLocalDescription(offer);
    if (this.ended) return;
    this.peerKnows = true;
    this.signals.offer(pc.localDescription?.sdp ?? offer.sdp ?? '');
  }

  /** The called side: takes the devices, applies the offer, sends the answer. */
  async answer(
    offerSdp: string,
    iceServers: RTCIceServer[],
    choice: MediaChoice = {},
  ): Promise<void> {
    if (this.current !== 'ringing') throw new Error(`The call is ${this.current}.`);
    this.setState('connecting');
    await this.takeDevices({
      audio: choice.audio ?? true,
      video: this.media === 'video' && (choice.video ?? true),
    });
    if (this.ended) return;
    const pc = this.connect(iceServers);
    try {
      await pc.setRemoteDescription({ type: 'offer', sdp: offerSdp });
      if (this.ended) return;
      this.remoteSet = true;
      await this.flushIce();
      const answer = await pc.createAnswer();
      if (this.ended) return;
      await pc.setLocalDescription(answer);
      if (this.ended) return;
      this.signals.answer(pc.localDescription?.sdp ?? answer.sdp ?? '');
    } catch (e) {
      this.finish('failed', true);
      throw e;
    }
  }

  /** The peer's `call.answer` (calling side). */
  async remoteAnswer(sdp: string): Promise<void> {
    const pc = this.pc;
    if (!pc || this.ended || this.remoteSet) return;
    if (this.current === 'ringing') this.setState('connecting');
    try {
      await pc.setRemoteDescription({ type: 'answer', sdp });
      this.remoteSet = true;
      await this.flushIce();
    } catch {
      this.finish('failed', true);
    }
  }

  /** The peer's `call.ice`: applied once the remote description is there, queued before. */
  async remoteIce(candidate: IceCandidate | null): Promise<void> {
    if (this.ended || candidate === null) return;
    if (!this.pc || !this.remoteSet) {
      if (this.queued.length < 200) this.queued.push(candidate);
      return;
    }
    try {
      await this.pc.addIceCandidate(candidate);
    } catch {
      // A candidate the browser cannot use (another network, a stale generation) is skipped.
    }
  }

  /** The peer's `call.end`. */
  remoteEnd(reason: CallEndReason): void {
    this.finish(reason, false);
  }

  /** Ends the call and tells the peer. */
  hangUp(): void {
    this.finish('hangup', true);
  }

  /** Ends the call with a reason; `tellPeer` false when the peer can no longer be reached. */
  end(reason: CallEndReason, tellPeer = true): void {
    this.finish(reason, tellPeer);
  }

  /** Microphone off (true) or on (false); the peer hears silence. */
  mute(on = true): void {
    this.muted = on;
    for (const t of this.local?.getAudioTracks() ?? []) t.enabled = !on;
  }

  /** Camera off (true: the peer sees black) or on again. */
  cameraOff(on = true): void {
    this.cameraIsOff = on;
    for (const t of this.local?.getVideoTracks() ?? []) t.enabled = !on;
  }

  protected setState(state: CallState, reason?: CallEndReason, local?: boolean): void {
    if (this.current === state) return;
    this.current = state;
    const change: CallStateChange = { state };
    if (reason !== undefined) change.reason = reason;
    if (local !== undefined) change.local = local;
    this.emit('state', change);
  }

  protected finish(reason: CallEndReason, tellPeer: boolean): void {
    if (this.ended) return;
    this.reason = reason;
    if (tellPeer && this.peerKnows) {
      try {
        this.signals.end(reason);
      } catch {
        // The socket is gone: the gateway tells the peer when it closes.
      }
    }
    for (const t of this.local?.getTracks() ?? []) t.stop();
    const pc = this.pc;
    this.pc = null;
    if (pc) {
      pc.onicecandidate = null;
      pc.ontrack = null;
      pc.onconnectionstatechange = null;
      try {
        pc.close();
      } catch {
        // already closed
      }
    }
    this.queued.length = 0;
    this.setState('ended', reason, tellPeer);
  }

  private async takeDevices(constraints: MediaStreamConstraints): Promise<void> {
    let stream: MediaStream;
    try {
      stream = await this.env.getUserMedia(constraints);
    } catch (e) {
      this.finish('unavailable', true);
      throw new DevicesUnavailableError(e);
    }
    if (this.ended) {
      for (const t of stream.getTracks()) t.stop();
      return;
    }
    this.local = stream;
    this.mute(this.muted);
    this.cameraOff(this.cameraIsOff);
    this.emit('localStream', stream);
  }

  private connect(iceServers: RTCIceServer[]): RTCPeerConnection {
    const pc = this.env.createPeerConnection({ iceServers });
    this.pc = pc;
    pc.onicecandidate = (ev) => {
      if (ev.candidate && !this.ended) this.signals.ice(ev.candidate.toJSON() as IceCandidate);
    };
    pc.ontrack = (ev) => {
      const stream = ev.streams[0] ?? this.remote ?? new MediaStream();
      if (!stream.getTracks().includes(ev.track)) stream.addTrack(ev.track);
      if (stream !== this.remote) {
        this.remote = stream;
        this.emit('remoteStream', stream);
      }
    };
    pc.onconnectionstatechange = () => {
      if (this.pc !== pc) return;
      if (pc.connectionState === 'connected') {
        if (this.connectedSince === null) this.connectedSince = this.env.now();
        this.setState('connected');
      } else if (pc.connectionState === 'failed') {
        this.finish('failed', true);
      }
    };
    for (const t of this.local?.getTracks() ?? []) if (this.local) pc.addTrack(t, this.local);
    return pc;
  }

  private async flushIce(): Promise<void> {
    const pc = this.pc;
    if (!pc) return;
    for (const c of this.queued.splice(0)) {
      try {
        await pc.addIceCandidate(c);
      } catch {
        // skipped, as in remoteIce
      }
    }
  }
}

/** "3:07" / "1:02:03". */
export function formatDuration(ms: number): string {
  const s = Math.floor(ms / 1000);
  const hh = Math.floor(s / 3600);
  const mm = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return hh > 0 ? `${hh}:${String(mm).padStart(2, '0')}:${ss}` : `${mm}:${ss}`;
}
