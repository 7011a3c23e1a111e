/**
 * Optional alerts for new chats and new customer messages: a short WebAudio beep ("Alerts"
 * toggle), and desktop notifications only after the agent's explicit opt-in ("Enable desktop
 * notifications", which asks the browser's permission) while the console is not in front. Both
 * off by default; the choices are remembered per browser.
 */
const KEY = 'chatcases.console.notify';
const DESKTOP_KEY = 'chatcases.console.desktop';

/** Desktop notifications: not offered by the browser, not chosen, on, or refused by the browser. */
export type DesktopState = 'unsupported' | 'off' | 'on' | 'blocked';

export class Notifier {
  private audio: AudioContext | null = null;
  private on: boolean;

  private desktopOn: boolean;

  constructor(private readonly storage: Storage | null = globalThis.localStorage ?? null) {
    this.on = storage?.getItem(KEY) === 'on';
    this.desktopOn = storage?.getItem(DESKTOP_KEY) === 'on';
  }

  get desktop(): DesktopState {
    if (typeof Notification === 'undefined') return 'unsupported';
    if (Notification.permission === 'denied') return 'blocked';
    return this.desktopOn && Notification.permission === 'granted' ? 'on' : 'off';
  }

  /**
   * The opt-in (from a click: the permission prompt needs a user gesture). Asks the browser only
   * now, never on its own; a second call turns them off again.
   */
  async toggleDesktop(): Promise<DesktopState> {
    if (this.desktop === 'on') {
      this.desktopOn = false;
      this.storage?.setItem(DESKTOP_KEY, 'off');
      return this.desktop;
    }
    if (typeof Notification === 'undefined') return 'unsupported';
    if (Notification.permission === 'default') {
      try {
        await Notification.requestPermission();
      } catch {
        // Treated as not granted.
      }
    }
    this.desktopOn = Notification.permission === 'granted';
    this.storage?.setItem(DESKTOP_KEY, this.desktopOn ? 'on' : 'off');
    return this.desktop;
  }

  get enabled(): boolean {
    return this.on;
  }

  /** Called from the toggle's click (a user gesture: audio and permission prompts need one). */
  async toggle(): Promise<boolean> {
    this.on = !this.on;
    this.storage?.setItem(KEY, this.on ? 'on' : 'off');
    if (this.on) this.ensureAudio();
    return this.on;
  }

  notify(title: string, body: string): void {
    if (this.on) this.beep();
    if (this.desktop === 'on' && document.hidden) {
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
