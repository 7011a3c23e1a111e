/**
 * Signing the agent in with Keycloak (authorization code flow with PKCE S256, through the
 * official keycloak-js adapter) and keeping the access token fresh for REST calls and the socket.
 */
import Keycloak from 'keycloak-js';
import { requestJson } from '../shared/http';
import type { Agent } from '../shared/protocol';

export interface ConsoleConfig {
  keycloakUrl: string;
  realm: string;
  clientId: string;
  iceServers: unknown[];
}

export async function loadConfig(origin: string): Promise<ConsoleConfig> {
  const { body } = await requestJson(new URL('/api/config', origin).toString());
  const o = (body ?? {}) as Record<string, unknown>;
  const text = (v: unknown, d: string) => (typeof v === 'string' && v !== '' ? v : d);
  return {
    keycloakUrl: text(o.keycloakUrl, 'http://localhost:8180'),
    realm: text(o.realm, 'cx'),
    clientId: text(o.clientId, 'cx-console'),
    iceServers: Array.isArray(o.iceServers) ? o.iceServers : [],
  };
}

export interface AuthSession {
  me: Agent;
  /** A token valid for at least 30 more seconds (refreshed when needed). */
  token(): Promise<string>;
  /** Called with each refreshed token (the console forwards it on the open socket). */
  onRefresh(listener: (token: string) => void): void;
  logout(): void;
}

/** Refresh this long before expiry; the timer checks every REFRESH_CHECK_MS. */
const MIN_VALIDITY_S = 30;
const REFRESH_CHECK_MS = 10_000;

export async function signIn(cfg: ConsoleConfig): Promise<AuthSession> {
  const kc = new Keycloak({ url: cfg.keycloakUrl, realm: cfg.realm, clientId: cfg.clientId });
  // login-required redirects to Keycloak when there is no session; the promise then never settles.
  await kc.init({ onLoad: 'login-required', pkceMethod: 'S256', checkLoginIframe: false });
  const listeners: ((token: string) => void)[] = [];

  const refresh = async (): Promise<string> => {
    try {
      const refreshed = await kc.updateToken(MIN_VALIDITY_S);
      if (refreshed && kc.token) for (const l of listeners) l(kc.token);
    } catch {
      // The refresh token is gone (session ended in Keycloak): sign in again.
      await kc.login();
    }
    if (!kc.token) throw new Error('not signed in');
    return kc.token;
  };
  setInterval(() => void refresh().catch(() => undefined), REFRESH_CHECK_MS);

  const p = (kc.tokenParsed ?? {}) as Record<string, unknown>;
  const realmAccess = (p.realm_access ?? {}) as { roles?: unknown };
  const me: Agent = {
    id: typeof p.sub === 'string' ? p.sub : '',
    firstName: typeof p.given_name === 'string' ? p.given_name : '',
    lastName: typeof p.family_name === 'string' ? p.family_name : '',
    roles: Array.isArray(realmAccess.roles)
      ? realmAccess.roles.filter((r): r is string => typeof r === 'string')
      : [],
  };
  return {
    me,
    token: refresh,
    onRefresh: (l) => listeners.push(l),
    logout: () => void kc.logout({ redirectUri: window.location.origin + '/' }),
  };
}
