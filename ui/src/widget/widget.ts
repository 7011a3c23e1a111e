/**
 * The customer widget ("Web Connect"), composition root: a launcher and a panel inside a shadow
 * root (the host page's CSS neither leaks in nor out), holding the pre-chat form (prechat.ts) and
 * the chat (chat.ts), over a small typed store (state.ts) saved in localStorage, so a reload
 * resumes the chat and its transcript.
 */
import { h, setText } from '../shared/dom';
import { requestJson } from '../shared/http';
import type { Case } from '../shared/protocol';
import type { SocketLike } from '../shared/socket';
import { ChatController } from './chat';
import type { IdentitySource } from './identity';
import { PrechatForm } from './prechat';
import { createStore, type WidgetState, type WidgetStore } from './state';

export interface WidgetDeps {
  /** The gateway's origin (REST and socket). */
  chatOrigin: string;
  storage: Storage | null;
  /** The CSS of the shadow root. */
  css: string;
  openSocket?: (url: string, token: string) => SocketLike;
}

const WELCOME = 'We usually answer within minutes';

const SVG = 'http://www.w3.org/2000/svg';

/** A stroke icon from one path, built as DOM (no markup strings). */
function icon(d: string): SVGSVGElement {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('class', 'icon');
  svg.setAttribute('aria-hidden', 'true');
  const path = document.createElementNS(SVG, 'path');
  path.setAttribute('d', d);
  svg.appendChild(path);
  return svg;
}

/** The panel's subtitle: "Waiting for an agent" until one claims the chat, then their name. */
export function subtitleOf(s: WidgetState): string {
  if (!s.chat) return WELCOME;
  const c = s.case;
  if (!c) return s.chat.number ? `Chat ${s.chat.number}` : 'Connecting…';
  const agent = c.owner ? `${c.owner.firstName} ${c.owner.lastName}`.trim() : null;
  if (agent) return `Chat ${c.number} with ${agent}`;
  if (c.status === 'NEW') return `Chat ${c.number} · Waiting for an agent`;
  return `Chat ${c.number}`;
}

/** What the header says of the team's presence (GET /api/presence); nothing until known. */
export const AVAILABLE_TEXT = 'We usually reply in a few minutes';
export const AWAY_TEXT = "We're away; leave a message";

export function availabilityText(available: boolean | null): string {
  return available === null ? '' : available ? AVAILABLE_TEXT : AWAY_TEXT;
}

/** How often the open panel asks whether an agent is online. */
export const PRESENCE_EVERY_MS = 10_000;

/** The launcher's accessible name, with the unread count when there is one. */
export function launcherLabel(open: boolean, unread: number): string {
  if (open) return 'Close chat';
  if (unread <= 0) return 'Open chat';
  return `Open chat, ${unread} unread ${unread === 1 ? 'message' : 'messages'}`;
}

export class Widget {
  readonly host: HTMLElement;
  readonly root: ShadowRoot;
  private readonly store: WidgetStore;
  private readonly form: PrechatForm;
  private readonly chat: ChatController;
  private readonly launcher: HTMLButtonElement;
  private readonly badge: HTMLElement;
  private readonly panel: HTMLElement;
  private readonly subtitle: HTMLElement;
  private readonly availability: HTMLElement;
  private readonly chatOrigin: string;
  private presenceTimer: ReturnType<typeof setInterval> | null = null;

  constructor(deps: WidgetDeps) {
    this.chatOrigin = deps.chatOrigin;
    this.store = createStore(deps.storage, deps.chatOrigin);
    // A custom element name: page rules for div, section, ... never match the host.
    this.host = document.createElement('chat-cases-widget');
    this.root = this.host.attachShadow({ mode: 'open' });
    this.applyStyles(deps.css);

    this.launcher = h(
      'button',
      {
        type: 'button',
        class: 'launcher',
        'data-testid': 'launcher',
        'aria-controls': 'cc-panel',
        'aria-expanded': 'false',
        'aria-label': 'Open chat',
      },
      icon('M21 12a8 8 0 0 1-11.6 7.1L4 21l1.9-5.4A8 8 0 1 1 21 12z'),
      h('span', { class: 'launcher__text' }, 'Chat'),
    );
    this.badge = h('span', {
      class: 'launcher__badge',
      'data-testid': 'launcher-unread',
      'aria-hidden': 'true',
      hidden: true,
    });
    this.launcher.appendChild(this.badge);
    this.launcher.addEventListener('click', () => this.setOpen(!this.store.get().open));

    this.form = new PrechatForm(deps.chatOrigin, this.store);
    this.chat = new ChatController({
      chatOrigin: deps.chatOrigin,
      store: this.store,
      ...(deps.openSocket ? { openSocket: deps.openSocket } : {}),
      lost: (text) => {
        this.newChat();
        this.form.showError(text);
      },
      newChat: () => this.newChat(),
      icon,
    });

    const close = h(
      'button',
      {
        type: 'button',
        class: 'btn btn--icon',
        'data-testid': 'minimize',
        'aria-label': 'Close chat',
      },
      '✕',
    );
    close.addEventListener('click', () => this.setOpen(false));
    this.subtitle = h('p', { class: 'panel__subtitle', 'data-testid': 'chat-subtitle' }, WELCOME);
    this.availability = h('p', {
      class: 'panel__availability',
      'data-testid': 'availability',
      hidden: true,
    });
    this.panel = h(
      'section',
      {
        id: 'cc-panel',
        class: 'panel',
        role: 'dialog',
        'aria-modal': 'false',
        'aria-labelledby': 'cc-title',
        'data-testid': 'panel',
        hidden: true,
      },
      h(
        'header',
        { class: 'panel__header' },
        h(
          'div',
          null,
          h('h2', { id: 'cc-title', class: 'panel__title' }, 'Chat with us'),
          this.subtitle,
          this.availability,
        ),
        close,
      ),
      this.form.el,
      this.chat.el,
    );
    this.panel.addEventListener('keydown', (ev) => {
      if (ev.key === 'Escape') {
        this.setOpen(false);
        this.launcher.focus();
      }
    });
    this.root.append(h('div', { class: 'widget' }, this.panel, this.launcher));

    this.store.subscribe((s) => setText(this.subtitle, subtitleOf(s)));
    this.store.select('unread', () => this.renderLauncher());
    this.store.select('chat', (chat, prev) => {
      // A chat just started from the form (a saved one is shown by mount).
      if (chat && !prev) {
        this.showChat();
        this.chat.focus();
      }
    });
  }

  mount(parent: HTMLElement = document.body): void {
    parent.appendChild(this.host);
    this.form.prefill(this.store.get().profile);
    if (this.store.get().chat) this.showChat();
    else this.showForm();
    setText(this.subtitle, subtitleOf(this.store.get()));
    this.setOpen(this.store.get().open, false);
    window.addEventListener('online', () => this.chat.reconnectNow());
  }

  /**
   * The host site says who its signed-in user is (docs/identity.md): a token, or a function that
   * returns a fresh one. The next chat start carries it; null forgets it (signed out).
   */
  identify(source: IdentitySource): void {
    this.form.identify(source);
  }

  /** For tests and the page: the Case the widget shows. */
  get currentCase(): Case | null {
    return this.store.get().case;
  }

  private setOpen(open: boolean, focus = true): void {
    this.store.set({ open });
    this.panel.hidden = !open;
    this.launcher.setAttribute('aria-expanded', String(open));
    this.renderLauncher();
    this.host.toggleAttribute('data-open', open);
    if (open && focus) {
      if (!this.chat.el.hidden) this.chat.focus();
      else this.form.focus();
    }
    if (open) this.chat.scrollToBottom();
    this.pollPresence(open);
  }

  /** While the panel is open: is someone there to answer? (public, names no agent) */
  private pollPresence(open: boolean): void {
    if (this.presenceTimer !== null) clearInterval(this.presenceTimer);
    this.presenceTimer = null;
    if (!open) return;
    const ask = () =>
      void requestJson(new URL('/api/presence', this.chatOrigin).toString())
        .then(({ body }) => {
          const available = (body as { available?: unknown } | null)?.available;
          if (typeof available !== 'boolean') return;
          setText(this.availability, availabilityText(available));
          this.availability.dataset.available = String(available);
          this.availability.hidden = false;
        })
        .catch(() => {
          // Unknown: say nothing rather than something wrong.
        });
    ask();
    this.presenceTimer = setInterval(ask, PRESENCE_EVERY_MS);
  }

  private renderLauncher(): void {
    const { open, unread } = this.store.get();
    const n = open ? 0 : unread;
    this.launcher.setAttribute('aria-label', launcherLabel(open, n));
    setText(this.badge, n > 99 ? '99+' : String(n));
    this.badge.hidden = n === 0;
  }

  private showForm(): void {
    this.form.el.hidden = false;
    this.chat.el.hidden = true;
  }

  private showChat(): void {
    const chat = this.store.get().chat;
    if (!chat) return;
    this.form.el.hidden = true;
    this.chat.start(chat);
  }

  private newChat(): void {
    this.chat.stop();
    this.store.set({ chat: null, case: null, ended: false, seenSeq: 0, unread: 0 });
    this.form.prefill(this.store.get().profile);
    this.showForm();
    this.form.focus();
  }

  /** Styles that only the shadow root sees; constructable sheets where possible (CSP-friendly). */
  private applyStyles(css: string): void {
    const root = this.root as ShadowRoot & { adoptedStyleSheets?: CSSStyleSheet[] };
    try {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(css);
      root.adoptedStyleSheets = [sheet];
      return;
    } catch {
      // Older browsers: a style element (needs style-src to allow it on strict pages).
    }
    const style = document.createElement('style');
    style.textContent = css;
    root.appendChild(style);
  }
}
