/**
 * The pre-chat form: email, first and last name, checked locally, then `POST /api/chats` (with an
 * Idempotency-Key per start attempt and the host site's identity when it gave one). The server's
 * field violations show next to their fields; 429 shows the Retry-After; a refused identity is
 * dropped so the next submit starts as a guest.
 */
import { h, setText } from '../shared/dom';
import { ApiError, requestJson } from '../shared/http';
import { newId } from '../shared/ids';
import { parseChatStarted } from '../shared/protocol';
import { HostIdentity, identityClaims, isIdentityRefusal, type IdentitySource } from './identity';
import { validateProfile, type Profile } from './session';
import type { WidgetStore } from './state';

type Field = keyof Profile;
const FIELDS: { key: Field; label: string; type: string; autocomplete: string }[] = [
  { key: 'email', label: 'Email', type: 'email', autocomplete: 'email' },
  { key: 'firstName', label: 'First name', type: 'text', autocomplete: 'given-name' },
  { key: 'lastName', label: 'Last name', type: 'text', autocomplete: 'family-name' },
];
const TEST_IDS: Record<Field, string> = {
  email: 'email',
  firstName: 'first-name',
  lastName: 'last-name',
};

export class PrechatForm {
  readonly el: HTMLFormElement;
  private readonly inputs = new Map<Field, HTMLInputElement>();
  private readonly errors = new Map<Field, HTMLElement>();
  private readonly formError: HTMLElement;
  private readonly submit: HTMLButtonElement;
  private readonly identity = new HostIdentity();
  /** Idempotency-Key of the start being attempted; kept across retries, dropped on success. */
  private startKey: string | null = null;

  constructor(
    private readonly chatOrigin: string,
    private readonly store: WidgetStore,
  ) {
    this.formError = h('p', {
      class: 'form-error',
      'data-testid': 'form-error',
      role: 'alert',
      hidden: true,
    });
    this.submit = h(
      'button',
      { type: 'submit', class: 'btn btn--primary', 'data-testid': 'start-chat' },
      'Start chat',
    );
    this.el = h(
      'form',
      {
        class: 'prechat',
        'data-testid': 'prechat-form',
        novalidate: true,
        'aria-label': 'Start a chat',
      },
      h('p', { class: 'prechat__intro' }, 'Tell us who you are and we will be right with you.'),
    );
    for (const f of FIELDS) {
      const id = `cc-${f.key}`;
      const input = h('input', {
        id,
        name: f.key,
        type: f.type,
        autocomplete: f.autocomplete,
        required: true,
        maxlength: f.key === 'email' ? 254 : 100,
        'data-testid': TEST_IDS[f.key],
        'aria-describedby': `${id}-error`,
        'aria-invalid': 'false',
      });
      const error = h('p', {
        id: `${id}-error`,
        class: 'field__error',
        'data-testid': `error-${TEST_IDS[f.key]}`,
        hidden: true,
      });
      this.inputs.set(f.key, input);
      this.errors.set(f.key, error);
      this.el.append(h('div', { class: 'field' }, h('label', { for: id }, f.label), input, error));
    }
    this.el.append(this.formError, this.submit);
    this.el.addEventListener('submit', (ev) => {
      ev.preventDefault();
      void this.start();
    });
  }

  prefill(p: Profile | null): void {
    if (!p) return;
    for (const f of FIELDS) {
      const input = this.inputs.get(f.key);
      if (input) input.value = p[f.key];
    }
  }

  focus(): void {
    this.inputs.get('email')?.focus();
  }

  showError(text: string | null): void {
    setText(this.formError, text ?? '');
    this.formError.hidden = !text;
  }

  /** The host site's signed-in user (docs/identity.md); prefills the form from its claims. */
  identify(source: IdentitySource): void {
    this.identity.set(source);
    void this.identity.token().then((t) => {
      const claims = t ? identityClaims(t) : null;
      if (!claims || this.store.get().chat) return;
      for (const f of FIELDS) {
        const input = this.inputs.get(f.key);
        const value = claims[f.key];
        if (input && value) input.value = value;
      }
    });
  }

  private setFieldErrors(errors: Partial<Record<Field, string>>): boolean {
    let first: HTMLInputElement | null = null;
    for (const f of FIELDS) {
      const msg = errors[f.key];
      const el = this.errors.get(f.key);
      const input = this.inputs.get(f.key);
      if (!el || !input) continue;
      setText(el, msg ?? '');
      el.hidden = !msg;
      input.setAttribute('aria-invalid', String(Boolean(msg)));
      if (msg && !first) first = input;
    }
    first?.focus();
    return first !== null;
  }

  private async start(): Promise<void> {
    const profile: Profile = {
      email: this.inputs.get('email')?.value.trim() ?? '',
      firstName: this.inputs.get('firstName')?.value.trim() ?? '',
      lastName: this.inputs.get('lastName')?.value.trim() ?? '',
    };
    this.showError(null);
    if (this.setFieldErrors(validateProfile(profile))) return;
    this.submit.disabled = true;
    try {
      this.startKey ??= newId();
      const identity = await this.identity.token();
      const { body } = await requestJson(new URL('/api/chats', this.chatOrigin).toString(), {
        method: 'POST',
        headers: { 'Idempotency-Key': this.startKey },
        body: { ...profile, channel: 'WEB_CONNECT', ...(identity ? { identity } : {}) },
      });
      this.startKey = null;
      const started = parseChatStarted(body);
      if (!started) throw new Error('unexpected answer');
      const { caseId, customerToken, number } = started;
      this.store.set({ chat: { caseId, customerToken, number }, profile });
    } catch (e) {
      this.showFailure(e);
    } finally {
      this.submit.disabled = false;
    }
  }

  private showFailure(e: unknown): void {
    if (e instanceof ApiError && e.status === 400 && e.problem.violations.length > 0) {
      const errors: Partial<Record<Field, string>> = {};
      const other: string[] = [];
      for (const v of e.problem.violations) {
        if (v.field === 'email' || v.field === 'firstName' || v.field === 'lastName')
          errors[v.field] = v.message;
        else other.push(v.message);
      }
      this.setFieldErrors(errors);
      if (other.length > 0) this.showError(other.join(' '));
    } else if (
      e instanceof ApiError &&
      e.status === 401 &&
      isIdentityRefusal(e.problem.code ?? '')
    ) {
      // The site's sign-in could not be confirmed (expired, wrong key): go on as a guest.
      this.identity.set(null);
      this.showError(
        'We could not confirm your sign-in. Start the chat again to continue as a guest.',
      );
    } else if (e instanceof ApiError && e.status === 429) {
      const wait = e.retryAfterSeconds
        ? ` Please try again in ${e.retryAfterSeconds} seconds.`
        : ' Please try again shortly.';
      this.showError(`Too many chats were started from here.${wait}`);
    } else {
      this.showError(
        e instanceof ApiError && e.problem.detail
          ? e.problem.detail
          : 'The chat could not start. Please try again.',
      );
    }
  }
}
