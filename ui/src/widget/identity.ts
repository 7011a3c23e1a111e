/**
 * The host site's proof of who its signed-in user is (docs/identity.md): a short-lived HS256
 * token its backend signs with the channel's identity secret. The widget only carries it to
 * `POST /api/chats`; the gateway verifies it. The widget reads the claims only to prefill the
 * form, never to decide anything.
 */
import type { Profile } from './session';

/** A token, or a function the widget calls for a fresh one at each chat start. */
export type IdentitySource = string | (() => string | null | Promise<string | null>) | null;

function base64UrlDecode(s: string): string | null {
  try {
    const b64 = s.replace(/-/g, '+').replace(/_/g, '/');
    const bin = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
    const bytes = Uint8Array.from(bin, (c) => c.charCodeAt(0));
    return new TextDecoder().decode(bytes);
  } catch {
    return null;
  }
}

/** The email and names in a token's payload (unverified: for prefilling only). */
export function identityClaims(token: string): Partial<Profile> | null {
  const parts = token.split('.');
  if (parts.length !== 3 || !parts[1]) return null;
  const json = base64UrlDecode(parts[1]);
  if (json === null) return null;
  let v: unknown;
  try {
    v = JSON.parse(json);
  } catch {
    return null;
  }
  if (typeof v !== 'object' || v === null) return null;
  const o = v as Record<string, unknown>;
  const out: Partial<Profile> = {};
  if (typeof o.email === 'string') out.email = o.email;
  if (typeof o.given_name === 'string') out.firstName = o.given_name;
  if (typeof o.family_name === 'string') out.lastName = o.family_name;
  return out;
}

/** True for the problem codes the gateway answers a refused identity with. */
export function isIdentityRefusal(code: string): boolean {
  return code.startsWith('IDENTITY_');
}

/** Holds the host's identity source; {@link token} gives a token for the next start. */
export class HostIdentity {
  private source: IdentitySource = null;

  set(source: IdentitySource): void {
    this.source = typeof source === 'string' && source.trim() === '' ? null : source;
  }

  get present(): boolean {
    return this.source !== null;
  }

  async token(): Promise<string | null> {
    const s = this.source;
    if (s === null) return null;
    if (typeof s === 'string') return s;
    try {
      const t = await s();
      return typeof t === 'string' && t !== '' ? t : null;
    } catch {
      return null; // the host could not sign: the chat starts unverified
    }
  }
}
