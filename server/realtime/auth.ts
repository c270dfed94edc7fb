/**
 * The Socket.IO handshake signs in exactly like an API request: a bearer token (`auth: { token }`
 * from socket.io-client, or an `Authorization: Bearer` header), else the `haven_session` cookie,
 * resolved against the same session store. Anything else is refused: the client gets
 * `connect_error` with the message `unauthorized`, never saying why.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { readCookie, SESSION_COOKIE } from '../auth/cookie';
import type { ResolvedSession, Sessions } from '../auth/sessions';

export interface Handshake {
  auth: Record<string, unknown>;
  headers: IncomingHttpHeaders;
}

/** The token a handshake carries: `auth.token`, then a bearer header, then the cookie. */
export function handshakeToken(handshake: Handshake): string | null {
  const fromAuth = handshake.auth?.token;
  if (typeof fromAuth === 'string' && fromAuth) return fromAuth;
  const header = handshake.headers.authorization;
  if (header !== undefined) return /^Bearer +([^\s]+) *$/i.exec(header)?.[1] ?? null;
  return readCookie(handshake.headers.cookie, SESSION_COOKIE);
}

export async function authenticateHandshake(
  sessions: Sessions,
  handshake: Handshake,
  now: Date,
): Promise<ResolvedSession | null> {
  const token = handshakeToken(handshake);
  if (!token) return null;
  return sessions.resolveSession(token, now);
}
