/**
 * Notices: one line at the top for what the agent should know (a lost claim, a refused command),
 * shown for 8 s. Error frames that answer none of my sends land here when the agent can act on them.
 */
import { h, setText } from '../../shared/dom';
import type { ConsoleContext } from '../state';

const SHOWN_MS = 8000;
const FADE_MS = 1000;
const SHOWN_CODES = new Set(['ALREADY_CLAIMED', 'FORBIDDEN', 'NOT_FOUND', 'CASE_CLOSED']);

export class NoticesController {
  readonly el: HTMLElement;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private fade: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly ctx: ConsoleContext) {
    this.el = h('div', { class: 'notice', 'data-testid': 'notice', role: 'alert', hidden: true });
    ctx.store.select('notice', (n) => {
      if (n) this.show(n.text, n.ms ?? SHOWN_MS, n.tone ?? 'error');
    });
  }

  /** An error frame no other controller handled. */
  error(code: string, message: string): void {
    if (SHOWN_CODES.has(code)) this.ctx.notice(message || code);
  }

  private show(text: string, ms: number, tone: 'info' | 'error'): void {
    setText(this.el, text);
    this.el.dataset.tone = tone;
    // Information is a status (polite); a failure is an alert.
    this.el.setAttribute('role', tone === 'info' ? 'status' : 'alert');
    this.el.hidden = false;
    this.el.classList.remove('notice--fading');
    if (this.timer) clearTimeout(this.timer);
    if (this.fade) clearTimeout(this.fade);
    // The last second fades out (CSS), then the line goes.
    this.fade = setTimeout(
      () => this.el.classList.add('notice--fading'),
      Math.max(0, ms - FADE_MS),
    );
    this.timer = setTimeout(() => {
      this.el.hidden = true;
      this.el.classList.remove('notice--fading');
    }, ms);
  }
}
