/**
 * The browser's session cookie: `haven_session`, HttpOnly (no script reads it), SameSite=Strict
 * (never sent on a cross-site request, which is the CSRF defence), Path=/, Max-Age = the session's
 * absolute lifetime, and Secure when the request came over HTTPS (`req.secure`, which honours
 * Express's `trust proxy` only when it is configured).
 */
import type { Request } from 'express';
import { ABSOLUTE_TIMEOUT_MS } from './sessions';

export const SESSION_COOKIE = 'haven_session';

function attributes(maxAgeSeconds: number, secure: boolean): string {
  return [`Max-Age=${maxAgeSeconds}`, 'Path=/', 'HttpOnly', 'SameSite=Strict']
    .concat(secure ? ['Secure'] : [])
    .join('; ');
}

/** The Set-Cookie value for a new session's token (base64url: no escaping needed). */
export function sessionCookie(
  token: string,
  secure: boolean,
  maxAgeSeconds = ABSOLUTE_TIMEOUT_MS / 1000,
): string {
  return `${SESSION_COOKIE}=${token}; ${attributes(maxAgeSeconds, secure)}`;
}

/** The Set-Cookie value that removes the session cookie. */
export function clearedSessionCookie(secure: boolean): string {
  return `${SESSION_COOKIE}=; ${attributes(0, secure)}`;
}

/** The value of one cookie in a Cookie header, or null. */
export function readCookie(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim() !== name) continue;
    let value = part.slice(eq + 1).trim();
    if (value.startsWith('"') && value.endsWith('"') && value.length >= 2) {
      value = value.slice(1, -1);
    }
    return value;
  }
  return null;
}

export type Credentials =
  | { kind: 'none' }
  | { kind: 'token'; token: string; source: 'bearer' | 'cookie' }
  /** An Authorization header that is not `Bearer <token>`: refused like a bad token. */
  | { kind: 'malformed' };

/** The credentials a request carries: a bearer token first, else the session cookie. */
export function credentialsOf(req: Request): Credentials {
  const header = req.headers.authorization;
  if (header !== undefined) {
    const match = /^Bearer +([^\s]+) *$/i.exec(header);
    return match ? { kind: 'token', token: match[1], source: 'bearer' } : { kind: 'malformed' };
  }
  const cookie = readCookie(req.headers.cookie, SESSION_COOKIE);
  // An empty cookie is what logout leaves behind in some clients: no credentials.
  return cookie ? { kind: 'token', token: cookie, source: 'cookie' } : { kind: 'none' };
}
