/**
 * widget.js: the one script tag a site adds,
 *   <script src="https://chat.example.com/widget.js" data-chat-origin="https://chat.example.com" async></script>
 * data-chat-origin is optional (default: where the script came from). A site that knows its
 * signed-in user adds data-identity="<token signed by its backend>" or calls
 * window.ChatCases.identify(tokenOrFunction) (docs/identity.md); `chatcases:ready` fires on
 * document once window.ChatCases exists.
 */
import css from '../styles/widget.css?inline';
import type { IdentitySource } from './identity';
import { Widget } from './widget';

/** The widget's public API on the host page. */
export interface ChatCasesApi {
  /** A token signed by the site's backend, a function returning a fresh one, or null (signed out). */
  identify(source: IdentitySource): void;
}

declare global {
  interface Window {
    __chatCasesWidget?: Widget;
    ChatCases?: ChatCasesApi;
  }
}

function scriptTag(): HTMLScriptElement | null {
  const current = document.currentScript;
  if (current instanceof HTMLScriptElement) return current;
  return document.querySelector<HTMLScriptElement>(
    'script[data-chat-origin], script[src$="/widget.js"]',
  );
}

function chatOrigin(script: HTMLScriptElement | null): string {
  const configured = script?.dataset.chatOrigin;
  try {
    if (configured) return new URL(configured).origin;
    if (script?.src) return new URL(script.src).origin;
  } catch {
    // fall through
  }
  return window.location.origin;
}

function boot(): void {
  if (window.__chatCasesWidget) return; // included twice
  let storage: Storage | null;
  try {
    storage = window.localStorage;
  } catch {
    storage = null; // blocked (e.g. third-party storage rules): the chat works without reloads
  }
  const script = scriptTag();
  const widget = new Widget({ chatOrigin: chatOrigin(script), storage, css });
  window.__chatCasesWidget = widget;
  const identity = script?.dataset.identity;
  if (identity) widget.identify(identity);
  window.ChatCases = { identify: (source) => widget.identify(source) };
  document.dispatchEvent(new CustomEvent('chatcases:ready'));
  const mount = () => widget.mount(document.body);
  if (document.body) mount();
  else document.addEventListener('DOMContentLoaded', mount, { once: true });
}

boot();
