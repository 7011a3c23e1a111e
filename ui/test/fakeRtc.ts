/** A fake WebRTC for unit tests: peer connections that record what they are given, devices. */
import type { RtcEnv } from '../src/shared/rtc';

export class FakeTrack {
  enabled = true;
  stopped = false;
  constructor(readonly kind: 'audio' | 'video') {}
  stop(): void {
    this.stopped = true;
  }
}

export class FakeStream {
  constructor(readonly tracks: FakeTrack[]) {}
  getTracks = () => this.tracks;
  getAudioTracks = () => this.tracks.filter((t) => t.kind === 'audio');
  getVideoTracks = () => this.tracks.filter((t) => t.kind === 'video');
}

export class FakePc {
  static all: FakePc[] = [];
  remote: RTCSessionDescriptionInit | null = null;
  localDescription: RTCSessionDescriptionInit | null = null;
  added: unknown[] = [];
  candidates: unknown[] = [];
  closed = false;
  connectionState = 'new';
  onicecandidate: ((ev: { candidate: { toJSON(): unknown } | null }) => void) | null = null;
  ontrack: unknown = null;
  onconnectionstatechange: (() => void) | null = null;
  constructor(readonly config: RTCConfiguration) {
    FakePc.all.push(this);
  }
  addTrack(t: FakeTrack): void {
    this.added.push(t);
  }
  async setRemoteDescription(d: RTCSessionDescriptionInit): Promise<void> {
    this.remote = d;
  }
  async createAnswer(): Promise<RTCSessionDescriptionInit> {
    return { type: 'answer', sdp: 'v=0 answer' };
  }
  async createOffer(): Promise<RTCSessionDescriptionInit> {
    return { type: 'offer', sdp: 'v=0 offer' };
  }
  async setLocalDescription(d: RTCSessionDescriptionInit): Promise<void> {
    this.localDescription = d;
  }
  async addIceCandidate(c: unknown): Promise<void> {
    this.candidates.push(c);
  }
  close(): void {
    this.closed = true;
  }
  /** The browser found a local candidate / the connection came up. */
  localCandidate(candidate: string): void {
    this.onicecandidate?.({
      candidate: { toJSON: () => ({ candidate, sdpMid: '0', sdpMLineIndex: 0 }) },
    });
  }
  connected(): void {
    this.connectionState = 'connected';
    this.onconnectionstatechange?.();
  }
}

export function fakeRtc(devices: 'ok' | 'denied' = 'ok'): RtcEnv & { streams: FakeStream[] } {
  const streams: FakeStream[] = [];
  return {
    streams,
    createPeerConnection: (config) => new FakePc(config) as unknown as RTCPeerConnection,
    getUserMedia: async (c) => {
      if (devices === 'denied') throw new DOMException('denied', 'NotAllowedError');
      const s = new FakeStream([
        ...(c.audio ? [new FakeTrack('audio')] : []),
        ...(c.video ? [new FakeTrack('video')] : []),
      ]);
      streams.push(s);
      return s as unknown as MediaStream;
    },
    now: () => 1_000,
  };
}
