/**
 * Optional alerts for new chats and new customer messages: a short WebAudio beep, and a desktop
 * notification when the browser allows it and the console is not in front. Off by default; the
 * choice is remembered per browser.
 */
const KEY = 'chatcases.console.notify';

export class Notifier {
  private audio: AudioContext | null = null;
  private on: boolean;

  constructor(private readonly storage: Storage | null = globalThis.localStorage ?? null) {
    this.on = storage?.getItem(KEY) === 'on';
  }

  get enabled(): boolean {
    return this.on;
  }

  /** Called from the toggle's click (a user gesture: audio and permission prompts need one). */
  async toggle(): Promise<boolean> {
    this.on = !this.on;
    this.storage?.setItem(KEY, this.on ? 'on' : 'off');
    if (this.on) {
      this.ensureAudio();
      if (typeof Notification !== 'undefined' && Notification.permission === 'default') {
        try {
          await Notification.requestPermission();
        } catch {
          // Sound alone then.
        }
      }
    }
    return this.on;
  }

  notify(title: string, body: string): void {
    if (!this.on) return;
    this.beep();
    if (
      typeof Notification !== 'undefined' &&
      Notification.permission === 'granted' &&
      document.hidden
    ) {
      try {
        new Notification(title, { body, tag: 'chatcases' });
      } catch {
        // Some browsers only allow notifications from a service worker.
      }
    }
  }

  private ensureAudio(): AudioContext | null {
    if (this.audio) return this.audio;
    const Ctor = globalThis.AudioContext;
    if (typeof Ctor !== 'function') return null;
    try {
      this.audio = new Ctor();
    } catch {
      this.audio = null;
    }
    return this.audio;
  }

  private beep(): void {
    const ctx = this.ensureAudio();
    if (!ctx) return;
    try {
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.type = 'sine';
      osc.frequency.value = 880;
      gain.gain.setValueAtTime(0.0001, ctx.currentTime);
      gain.gain.exponentialRampToValueAtTime(0.2, ctx.currentTime + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, ctx.currentTime + 0.25);
      osc.connect(gain).connect(ctx.destination);
      osc.start();
      osc.stop(ctx.currentTime + 0.3);
    } catch {
      // No sound available.
    }
  }
}
