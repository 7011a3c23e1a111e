/**
 * The agent's own presence, a control in the console header: Online, Away or Offline, kept across
 * reloads (localStorage) and sent as `presence {status}` every time the socket opens, so every
 * replica knows it (docs/architecture.md, "Agent presence"). Without a socket the agent becomes
 * offline on its own after the gateway's grace.
 */
import { h } from '../../shared/dom';
import type { PresenceStatus } from '../../shared/protocol';
import type { ConsoleContext } from '../state';

export const PRESENCE_KEY = 'chatcases.console.presence';

const LABELS: Record<PresenceStatus, string> = {
  ONLINE: 'Online',
  AWAY: 'Away',
  OFFLINE: 'Appear offline',
};

/** The stored choice; ONLINE when there is none (or it is unreadable). */
export function storedPresence(storage: Storage | null): PresenceStatus {
  let v: string | null = null;
  try {
    v = storage?.getItem(PRESENCE_KEY) ?? null;
  } catch {
    // Storage blocked: online.
  }
  return v === 'AWAY' || v === 'OFFLINE' ? v : 'ONLINE';
}

export class PresenceControl {
  readonly el: HTMLSelectElement;
  private status: PresenceStatus;

  constructor(
    private readonly ctx: ConsoleContext,
    private readonly storage: Storage | null = globalThis.localStorage ?? null,
  ) {
    this.status = storedPresence(storage);
    this.el = h(
      'select',
      {
        class: 'presence',
        'data-testid': 'presence-select',
        'aria-label': 'My status',
      },
      ...(Object.keys(LABELS) as PresenceStatus[]).map((s) => h('option', { value: s }, LABELS[s])),
    );
    this.el.value = this.status;
    this.el.dataset.status = this.status;
    this.el.addEventListener('change', () => this.choose(this.el.value as PresenceStatus));
  }

  get current(): PresenceStatus {
    return this.status;
  }

  /** The socket (re)opened: this replica learns the agent's choice. */
  announce(): void {
    this.ctx.send({ type: 'presence', status: this.status });
  }

  choose(status: PresenceStatus): void {
    this.status = status;
    this.el.value = status;
    this.el.dataset.status = status;
    try {
      this.storage?.setItem(PRESENCE_KEY, status);
    } catch {
      // Not kept across reloads, still sent.
    }
    this.announce();
  }
}
