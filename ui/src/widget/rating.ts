/**
 * "How did we do?": once the chat is resolved, the customer picks 1 to 5 stars and may add a
 * comment; sent once (shared/rating), then thanked with what they gave. Hidden while the chat is
 * open and for a Case rated before (another tab, a reload). Refusals show the server's words.
 */
import { h, replaceChildren, setText } from '../shared/dom';
import { ApiError } from '../shared/http';
import { canRate, MAX_SCORE, ratingViolations, sendRating } from '../shared/rating';
import type { Case } from '../shared/protocol';
import type { WidgetStore } from './state';

const LABELS = ['Very poor', 'Poor', 'Okay', 'Good', 'Great'];

export class RatingPrompt {
  readonly el: HTMLElement;
  private readonly stars: HTMLButtonElement[] = [];
  private readonly comment: HTMLTextAreaElement;
  private readonly send: HTMLButtonElement;
  private readonly errors: HTMLElement;
  private readonly form: HTMLFormElement;
  private readonly thanks: HTMLElement;
  private score = 0;
  private sending = false;

  constructor(
    private readonly store: WidgetStore,
    private readonly chatOrigin: string,
  ) {
    for (let s = 1; s <= MAX_SCORE; s++) {
      const star = h(
        'button',
        {
          type: 'button',
          class: 'rating__star',
          'data-testid': `rating-star-${s}`,
          'aria-label': `${s} of ${MAX_SCORE}: ${LABELS[s - 1]}`,
          'aria-pressed': 'false',
        },
        '★',
      );
      star.addEventListener('click', () => this.pick(s));
      this.stars.push(star);
    }
    this.comment = h('textarea', {
      class: 'rating__comment',
      'data-testid': 'rating-comment',
      rows: 2,
      'aria-label': 'Comment (optional)',
      placeholder: 'Anything to add? (optional)',
    });
    this.send = h(
      'button',
      { type: 'submit', class: 'btn btn--primary', 'data-testid': 'rating-send', disabled: true },
      'Send rating',
    );
    this.errors = h('p', {
      class: 'rating__errors',
      'data-testid': 'rating-errors',
      role: 'alert',
    });
    this.form = h(
      'form',
      { class: 'rating__form', 'aria-label': 'Rate this chat' },
      h('p', { class: 'rating__question' }, 'How did we do?'),
      h('div', { class: 'rating__stars', role: 'group', 'aria-label': 'Rating' }, ...this.stars),
      this.comment,
      this.errors,
      this.send,
    );
    this.form.addEventListener('submit', (ev) => {
      ev.preventDefault();
      void this.submit();
    });
    this.thanks = h('p', { class: 'rating__thanks', 'data-testid': 'rating-thanks' });
    this.el = h('div', { class: 'rating', 'data-testid': 'rating', hidden: true });
    this.render(store.get().case);
    store.select('case', (c) => this.render(c));
  }

  private pick(score: number): void {
    this.score = score;
    this.stars.forEach((b, i) => {
      b.setAttribute('aria-pressed', String(i < score));
      b.classList.toggle('rating__star--on', i < score);
    });
    this.send.disabled = this.sending;
  }

  private render(c: Case | null): void {
    if (c?.rating) {
      setText(
        this.thanks,
        `Thanks for your rating: ${c.rating.score} of ${MAX_SCORE} (${LABELS[c.rating.score - 1]}).`,
      );
      replaceChildren(this.el, this.thanks);
      this.el.hidden = false;
      return;
    }
    if (canRate(c)) {
      if (this.form.parentNode !== this.el) replaceChildren(this.el, this.form);
      this.el.hidden = false;
      return;
    }
    this.el.hidden = true;
  }

  private async submit(): Promise<void> {
    const chat = this.store.get().chat;
    if (!chat || this.score === 0 || this.sending) return;
    const local = ratingViolations(this.score, this.comment.value);
    if (local.length > 0) {
      setText(this.errors, local.map((v) => v.message).join(' '));
      return;
    }
    this.sending = true;
    this.send.disabled = true;
    setText(this.errors, '');
    try {
      const rated = await sendRating(
        this.chatOrigin,
        chat.caseId,
        chat.customerToken,
        this.score,
        this.comment.value,
      );
      if (this.store.get().chat === chat) this.store.set({ case: rated });
    } catch (e) {
      // The server's own words: the field's violation, else the problem's detail.
      const words =
        e instanceof ApiError
          ? e.problem.violations.map((v) => v.message).join(' ') || e.message
          : 'The rating could not be sent; try again.';
      setText(this.errors, words);
    } finally {
      this.sending = false;
      this.send.disabled = this.score === 0;
    }
  }
}
