/**
 * The console's call UI (DOM only): the audio/video buttons that go into the conversation header,
 * and the call panel, which floats outside the per-Case conversation so a call goes on while the
 * agent opens other tiles. The calls controller drives both.
 */
import { h, setText } from '../../shared/dom';
import type { CallMedia } from '../../shared/protocol';

export interface CallButtonsState {
  /** Hidden altogether (not a Support SDK Case, or no Case on screen). */
  hidden: boolean;
  /** Why the buttons are disabled (null: enabled). */
  disabledReason: string | null;
}

export interface CallPanelActions {
  call(media: CallMedia): void;
  mute(): void;
  camera(): void;
  hangUp(): void;
  dismiss(): void;
}

export type PanelState = 'ringing' | 'connecting' | 'connected' | 'ended';

export class CallButtonsView {
  readonly el: HTMLElement;
  private readonly audio: HTMLButtonElement;
  private readonly video: HTMLButtonElement;
  private readonly reason: HTMLElement;

  constructor(actions: Pick<CallPanelActions, 'call'>) {
    this.audio = h(
      'button',
      { type: 'button', class: 'btn', 'data-testid': 'call-audio', 'aria-label': 'Audio call' },
      'Audio call',
    );
    this.video = h(
      'button',
      { type: 'button', class: 'btn', 'data-testid': 'call-video', 'aria-label': 'Video call' },
      'Video call',
    );
    this.reason = h('span', {
      class: 'call-buttons__reason',
      'data-testid': 'call-disabled-reason',
    });
    this.audio.addEventListener('click', () => actions.call('audio'));
    this.video.addEventListener('click', () => actions.call('video'));
    this.el = h(
      'span',
      { class: 'call-buttons', 'data-testid': 'call-buttons', hidden: true },
      this.audio,
      this.video,
      this.reason,
    );
  }

  render(s: CallButtonsState): void {
    this.el.hidden = s.hidden;
    for (const b of [this.audio, this.video]) {
      b.disabled = s.disabledReason !== null;
      if (s.disabledReason) b.title = s.disabledReason;
      else b.removeAttribute('title');
    }
    setText(this.reason, s.disabledReason);
    this.reason.hidden = s.disabledReason === null;
  }
}

export interface PanelView {
  state: PanelState;
  media: CallMedia;
  /** "Ada Lovelace · #1042". */
  who: string;
  /** What is happening, in words ("Ringing…", "Ada Lovelace declined the call."). */
  status: string;
  /** Why it ended, for the test and styles. */
  reason: string | null;
  muted: boolean;
  cameraOff: boolean;
}

export class CallPanelView {
  readonly el: HTMLElement;
  readonly remoteVideo: HTMLVideoElement;
  readonly localVideo: HTMLVideoElement;
  private readonly title: HTMLElement;
  private readonly status: HTMLElement;
  private readonly timer: HTMLElement;
  private readonly mute: HTMLButtonElement;
  private readonly camera: HTMLButtonElement;
  private readonly hangUp: HTMLButtonElement;
  private readonly dismiss: HTMLButtonElement;
  private readonly media: HTMLElement;

  constructor(actions: Omit<CallPanelActions, 'call'>) {
    this.title = h('h3', { class: 'call-panel__title', 'data-testid': 'call-panel-title' });
    this.status = h('p', {
      class: 'call-panel__status',
      'data-testid': 'call-panel-status',
      role: 'status',
    });
    this.timer = h('span', { class: 'call-panel__timer', 'data-testid': 'call-timer' }, '0:00');
    this.remoteVideo = h('video', {
      class: 'call-panel__remote',
      'data-testid': 'call-remote-video',
      autoplay: true,
      playsinline: true,
    });
    this.localVideo = h('video', {
      class: 'call-panel__local',
      'data-testid': 'call-local-video',
      autoplay: true,
      playsinline: true,
    });
    this.localVideo.muted = true;
    this.media = h('div', { class: 'call-panel__media' }, this.remoteVideo, this.localVideo);
    const btn = (testid: string, label: string, cls = 'btn btn--small') =>
      h('button', { type: 'button', class: cls, 'data-testid': testid }, label);
    this.mute = btn('call-mute', 'Mute');
    this.camera = btn('call-camera', 'Camera off');
    this.hangUp = btn('call-hangup', 'Hang up', 'btn btn--small btn--danger');
    this.dismiss = btn('call-dismiss', 'Close');
    this.mute.addEventListener('click', () => actions.mute());
    this.camera.addEventListener('click', () => actions.camera());
    this.hangUp.addEventListener('click', () => actions.hangUp());
    this.dismiss.addEventListener('click', () => actions.dismiss());
    this.el = h(
      'aside',
      {
        class: 'call-panel',
        'data-testid': 'call-panel',
        'aria-label': 'Call',
        hidden: true,
      },
      h('header', { class: 'call-panel__header' }, this.title, this.timer),
      this.media,
      this.status,
      h('div', { class: 'call-panel__actions' }, this.mute, this.camera, this.hangUp, this.dismiss),
    );
  }

  show(v: PanelView | null): void {
    this.el.hidden = v === null;
    if (!v) return;
    this.el.dataset.state = v.state;
    this.el.dataset.media = v.media;
    if (v.reason) this.el.dataset.reason = v.reason;
    else delete this.el.dataset.reason;
    setText(this.title, `${v.media === 'video' ? 'Video' : 'Audio'} call · ${v.who}`);
    setText(this.status, v.status);
    const live = v.state !== 'ended';
    this.media.hidden = !live;
    this.mute.hidden = !live;
    this.camera.hidden = !live || v.media !== 'video';
    this.hangUp.hidden = !live;
    this.dismiss.hidden = live;
    this.mute.setAttribute('aria-pressed', String(v.muted));
    setText(this.mute, v.muted ? 'Unmute' : 'Mute');
    this.camera.setAttribute('aria-pressed', String(v.cameraOff));
    setText(this.camera, v.cameraOff ? 'Camera on' : 'Camera off');
    if (!live) {
      this.remoteVideo.srcObject = null;
      this.localVideo.srcObject = null;
    }
  }

  setTimer(text: string): void {
    setText(this.timer, text);
  }
}
