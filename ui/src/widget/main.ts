/**
 * widget.js: the one script tag a site adds,
 *   <script src="https://chat.example.com/widget.js" data-chat-origin="https://chat.example.com" async></script>
 * data-chat-origin is optional (default: where the script came from).
 */
import css from '../styles/widget.css?inline';
import { Widget } from './widget';

declare global {
  interface Window {
    __chatCasesWidget?: Widget;
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
  const widget = new Widget({ chatOrigin: chatOrigin(scriptTag()), storage, css });
  window.__chatCasesWidget = widget;
  const mount = () => widget.mount(document.body);
  if (document.body) mount();
  else document.addEventListener('DOMContentLoaded', mount, { once: true });
}

boot();
