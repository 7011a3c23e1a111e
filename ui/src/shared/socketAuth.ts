/**
 * Browsers cannot set headers on a WebSocket: a bearer token rides in Sec-WebSocket-Protocol, which
 * the gateway turns into an Authorization header (websockets-next's
 * quarkus-http-upgrade#Authorization# carrier). Unlike a query parameter, it never lands in access
 * logs, proxies' URL logs or the browser's history.
 */
export function bearerProtocols(token: string): string[] {
  return [
    'bearer-token-carrier',
    encodeURIComponent(`quarkus-http-upgrade#Authorization#Bearer ${token}`),
  ];
}
