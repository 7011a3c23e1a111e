/**
 * The message limit as both composers show it: a counter from 500 characters before the limit
 * ("3,812 / 4,000"), and past it a refusal before sending (Send disabled, the reason said, the
 * text kept where it is).
 */
import { h, setText } from './dom';
import { formatCount } from './format';

/** The counter appears this many characters before the limit. */
export const COUNTER_FROM = 500;

export interface LimitState {
  /** Show the counter. */
  show: boolean;
  over: boolean;
  counter: string;
  /** Why the text cannot be sent (null when it can). */
  reason: string | null;
}

/**
 * The gateway's own words for a text over the limit (protocol/TextRules.tooLong; both are tested
 * from docs/validation-rules.json).
 */
export function tooLongText(max: number): string {
  return `Messages are limited to ${formatCount(max)} characters.`;
}

export function limitState(length: number, max: number): LimitState {
  const over = length > max;
  return {
    show: length >= max - COUNTER_FROM,
    over,
    counter: `${formatCount(length)} / ${formatCount(max)}`,
    reason: over
      ? `${tooLongText(max)} This one has ${formatCount(length)}: shorten it or split it in two.`
      : null,
  };
}

/** The counter under a composer; `check()` before sending says whether the text may go. */
export class ComposerLimit {
  readonly el: HTMLElement;
  private max: number;

  constructor(
    private readonly input: HTMLTextAreaElement,
    private readonly send: HTMLButtonElement,
    max: number,
    id: string,
  ) {
    this.max = max;
    this.el = h('p', {
      id,
      class: 'composer__limit',
      'data-testid': 'composer-limit',
      'aria-live': 'polite',
      hidden: true,
    });
    const described = input.getAttribute('aria-describedby');
    input.setAttribute('aria-describedby', described ? `${described} ${id}` : id);
    input.addEventListener('input', () => this.update());
  }

  setMax(max: number): void {
    this.max = max;
    this.update();
  }

  /** Re-reads the composer (call after setting its value from code). */
  update(): LimitState {
    const s = limitState(this.input.value.length, this.max);
    this.el.hidden = !s.show;
    this.el.dataset.over = String(s.over);
    setText(this.el, s.reason ? `${s.counter}. ${s.reason}` : s.counter);
    this.input.setAttribute('aria-invalid', String(s.over));
    this.send.disabled = s.over;
    return s;
  }

  /** True when the composer's text may be sent; otherwise the reason is shown and kept. */
  check(): boolean {
    return !this.update().over;
  }
}
