/** The popup an orange tile opens: Claim, or Leave unassigned (read-only view). */
import { h } from '../../shared/dom';
import { fullName } from '../../shared/format';
import type { Case } from '../../shared/protocol';
import { UNVERIFIED_HINT, unverifiedMark } from '../verification';

export interface ClaimChoice {
  onClaim(): void;
  onLeave(): void;
}

export class ClaimPopup {
  private el: HTMLElement | null = null;
  private cleanup: (() => void) | null = null;

  constructor(private readonly host: HTMLElement) {}

  get isOpen(): boolean {
    return this.el !== null;
  }

  open(c: Case, anchor: HTMLElement, choice: ClaimChoice): void {
    this.close();
    const claim = h(
      'button',
      { type: 'button', class: 'btn btn--primary', 'data-testid': 'claim-button' },
      'Claim',
    );
    const leave = h(
      'button',
      { type: 'button', class: 'btn', 'data-testid': 'leave-unassigned' },
      'Leave unassigned',
    );
    const titleId = `claim-title-${c.caseId}`;
    const el = h(
      'div',
      {
        class: 'popup',
        role: 'dialog',
        'aria-modal': 'false',
        'aria-labelledby': titleId,
        'data-testid': 'claim-popup',
        'data-case-id': c.caseId,
      },
      h(
        'p',
        { class: 'popup__title', id: titleId },
        `Case ${c.number}: ${fullName(c.contact) || c.contact.email}`,
      ),
      ...unverifiedNote(c),
      h('p', { class: 'popup__text' }, 'Claim this chat, or read it and leave it unassigned.'),
      h('div', { class: 'popup__actions' }, claim, leave),
    );
    claim.addEventListener('click', () => {
      this.close();
      choice.onClaim();
    });
    leave.addEventListener('click', () => {
      this.close();
      choice.onLeave();
    });
    const r = anchor.getBoundingClientRect();
    const hostRect = this.host.getBoundingClientRect();
    el.style.left = `${Math.max(0, r.left - hostRect.left)}px`;
    el.style.top = `${r.bottom - hostRect.top + 6}px`;
    this.host.appendChild(el);
    this.el = el;
    const onKey = (ev: KeyboardEvent) => {
      if (ev.key === 'Escape') {
        this.close();
        anchor.focus();
      }
    };
    const onDown = (ev: MouseEvent) => {
      if (
        !el.contains(ev.target as Node) &&
        ev.target !== anchor &&
        !anchor.contains(ev.target as Node)
      ) {
        this.close();
      }
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('mousedown', onDown);
    this.cleanup = () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('mousedown', onDown);
    };
    claim.focus();
  }

  close(): void {
    this.cleanup?.();
    this.cleanup = null;
    this.el?.remove();
    this.el = null;
  }
}

function unverifiedNote(c: Case): HTMLElement[] {
  const mark = unverifiedMark(c);
  if (mark === null) return [];
  return [
    h(
      'p',
      { class: 'unverified', 'data-testid': 'claim-unverified', title: UNVERIFIED_HINT },
      `${c.contact.email}: ${mark.toLowerCase()}`,
    ),
  ];
}
