/**
 * Notices: one line at the top for what the agent should know (a lost claim, a refused command),
 * shown for 8 s. Error frames that answer none of my sends land here when the agent can act on them.
 */
import { h, setText } from '../../shared/dom';
import type { ConsoleContext } from '../state';

const SHOWN_MS = 8000;
const SHOWN_CODES = new Set(['ALREADY_CLAIMED', 'FORBIDDEN', 'NOT_FOUND', 'CASE_CLOSED']);

export class NoticesController {
  readonly el: HTMLElement;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly ctx: ConsoleContext) {
    this.el = h('div', { class: 'notice', 'data-testid': 'notice', role: 'alert', hidden: true });
    ctx.store.select('notice', (n) => {
      if (n) this.show(n.text);
    });
  }

  /** An error frame no other controller handled. */
  error(code: string, message: string): void {
    if (SHOWN_CODES.has(code)) this.ctx.notice(message || code);
  }

  private show(text: string): void {
    setText(this.el, text);
    this.el.hidden = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.el.hidden = true;
    }, SHOWN_MS);
  }
}
