/**
 * "Transfer" on a Case I own: a disclosure button opening a small menu of the agents I can hand
 * the Case to (those who have signed in: `GET /api/agents`) and "Return to queue". Keyboard: the
 * button toggles, Escape closes and gives focus back, the entries are plain buttons in tab order.
 */
import { h, replaceChildren, setText } from '../../shared/dom';
import { fullName } from '../../shared/format';
import type { Person, PresenceStatus } from '../../shared/protocol';

/** How the menu names an agent's presence (in the entry's title; the dot shows it). */
const PRESENCE: Record<PresenceStatus, string> = {
  ONLINE: 'online',
  AWAY: 'away',
  OFFLINE: 'offline',
};

export interface HandOnActions {
  /** Agents to hand the Case to (never me). */
  agents(): Promise<Person[]>;
  transfer(agent: Person): void;
  unassign(): void;
}

export class HandOnMenu {
  readonly el: HTMLElement;
  private readonly button: HTMLButtonElement;
  private readonly menu: HTMLElement;
  private readonly list: HTMLElement;
  private readonly status: HTMLElement;
  private loading = 0;

  constructor(private readonly actions: HandOnActions) {
    this.button = h(
      'button',
      {
        type: 'button',
        class: 'btn',
        'data-testid': 'transfer-button',
        'aria-expanded': 'false',
        'aria-haspopup': 'true',
      },
      'Transfer',
    );
    this.status = h('p', { class: 'handon__status', 'data-testid': 'transfer-status' });
    this.list = h('div', { class: 'handon__agents', role: 'group', 'aria-label': 'Agents' });
    const unassign = h(
      'button',
      { type: 'button', class: 'handon__item', 'data-testid': 'unassign-button' },
      'Return to queue',
    );
    unassign.addEventListener('click', () => {
      this.close();
      this.actions.unassign();
    });
    this.menu = h(
      'div',
      { class: 'handon__menu', 'data-testid': 'transfer-menu', hidden: true },
      h('p', { class: 'handon__title' }, 'Hand this chat to'),
      this.status,
      this.list,
      unassign,
    );
    this.el = h('div', { class: 'handon' }, this.button, this.menu);
    this.button.addEventListener('click', () => (this.menu.hidden ? this.open() : this.close()));
    this.el.addEventListener('keydown', (ev) => {
      if (ev.key === 'Escape' && !this.menu.hidden) {
        ev.stopPropagation();
        this.close();
        this.button.focus();
      }
    });
  }

  get isOpen(): boolean {
    return !this.menu.hidden;
  }

  setAvailable(available: boolean): void {
    this.el.hidden = !available;
    if (!available) this.close();
  }

  close(): void {
    this.menu.hidden = true;
    this.button.setAttribute('aria-expanded', 'false');
  }

  private async open(): Promise<void> {
    this.menu.hidden = false;
    this.button.setAttribute('aria-expanded', 'true');
    const ticket = ++this.loading;
    setText(this.status, 'Loading agents…');
    replaceChildren(this.list);
    try {
      const agents = await this.actions.agents();
      if (ticket !== this.loading) return;
      setText(this.status, agents.length === 0 ? 'No other agent has signed in yet.' : '');
      replaceChildren(this.list, ...agents.map((a) => this.entry(a)));
      (this.list.querySelector('button') as HTMLButtonElement | null)?.focus();
    } catch {
      if (ticket === this.loading) setText(this.status, 'Could not load the agents.');
    }
  }

  private entry(agent: Person): HTMLButtonElement {
    const b = h(
      'button',
      {
        type: 'button',
        class: 'handon__item',
        'data-testid': 'transfer-agent',
        'data-agent-id': agent.id,
        'data-presence': agent.presence ?? null,
        title: agent.presence
          ? `${fullName(agent) || agent.id}: ${PRESENCE[agent.presence]}`
          : null,
      },
      agent.presence
        ? h('span', { class: 'handon__presence', 'data-testid': 'transfer-agent-presence' })
        : null,
      fullName(agent) || agent.id,
    );
    b.addEventListener('click', () => {
      this.close();
      this.actions.transfer(agent);
    });
    return b;
  }
}
