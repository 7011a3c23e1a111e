/**
 * The demo shop's "signed-in shopper" switch. A real shop signs identity tokens on its own backend
 * for its own signed-in user (docs/identity.md); here the local platform's demo signer
 * (POST /api/demo/identity, local only, 404 elsewhere) plays that backend.
 */
import type { ChatCasesApi } from '../widget/main';

export interface Shopper {
  email: string;
  firstName: string;
  lastName: string;
}

export const DEMO_SHOPPER: Shopper = {
  email: 'sam.shopper@example.com',
  firstName: 'Sam',
  lastName: 'Shopper',
};

/**
 * A function the widget calls at each chat start for a fresh token, as a host backend would be
 * asked. Null when the signer is off (the chat then starts unverified).
 */
export function signerFor(
  chatOrigin: string,
  shopper: Shopper,
  fetchFn: typeof fetch = fetch,
): () => Promise<string | null> {
  return async () => {
    const res = await fetchFn(new URL('/api/demo/identity', chatOrigin).toString(), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify(shopper),
      credentials: 'omit',
    });
    if (!res.ok) return null;
    const body: unknown = await res.json();
    return typeof body === 'object' && body !== null && 'identity' in body
      ? String((body as { identity: unknown }).identity)
      : null;
  };
}

function api(): Promise<ChatCasesApi> {
  if (window.ChatCases) return Promise.resolve(window.ChatCases);
  return new Promise((resolve) =>
    document.addEventListener(
      'chatcases:ready',
      () => window.ChatCases && resolve(window.ChatCases),
      {
        once: true,
      },
    ),
  );
}

function boot(): void {
  const toggle = document.querySelector<HTMLInputElement>('#signed-in');
  const note = document.querySelector<HTMLElement>('#signed-in-note');
  if (!toggle || !note) return;
  const origin = window.location.origin;
  const apply = async () => {
    const chat = await api();
    if (!toggle.checked) {
      chat.identify(null);
      note.textContent = 'Browsing as a guest: a chat shows agents "email not verified".';
      return;
    }
    const sign = signerFor(origin, DEMO_SHOPPER);
    if ((await sign()) === null) {
      toggle.checked = false;
      note.textContent = 'The demo signer is off (it runs on the local platform only).';
      return;
    }
    chat.identify(sign);
    note.textContent = `Signed in as ${DEMO_SHOPPER.firstName} ${DEMO_SHOPPER.lastName} (${DEMO_SHOPPER.email}).`;
  };
  toggle.addEventListener('change', () => void apply());
  void apply();
}

boot();
