/**
 * Who is calling: reads `Authorization: Bearer <token>` or the `haven_session` cookie, resolves
 * it against the shared session store and sets `res.locals.auth = { user, sessionId }`.
 *
 * - No credentials: the request goes on unauthenticated; each route's access rule decides.
 * - Credentials that do not resolve (unknown, tampered, expired, revoked, user disabled, or a
 *   malformed Authorization header): 401 `urn:haven:problem:unauthorized`, never saying which.
 * Exceptions: `POST /api/auth/login` ignores whatever it is sent (a stale cookie must not stop a
 * sign-in: the new cookie replaces it), and paths outside the API (the dashboard's files) are not
 * checked at all, so a browser with a dead cookie still gets the page that lets it sign in.
 */
import type { RequestHandler } from 'express';
import type { AppContext } from '../context';
import { unauthorized } from '../errors';
import { getLogger } from '../logging/logger';
import { credentialsOf } from './cookie';
import { authStoresFor } from './stores';
import './types';

const log = getLogger('http');

const LOGIN_PATH = '/api/auth/login';

export function authenticate(ctx: AppContext): RequestHandler {
  const { sessions } = authStoresFor(ctx.config);
  return async (req, res, next) => {
    // Express matches routes case-insensitively and with a trailing slash: so does this.
    const path = req.path.toLowerCase().replace(/\/+$/, '');
    if (!path.startsWith('/api/')) return next();
    if (req.method === 'POST' && path === LOGIN_PATH) return next();
    const credentials = credentialsOf(req);
    if (credentials.kind === 'none') return next();
    if (credentials.kind === 'token') {
      const resolved = await sessions.resolveSession(credentials.token, ctx.now());
      if (resolved) {
        res.locals.auth = resolved;
        return next();
      }
    }
    log.info('Access refused: invalid session', {
      method: req.method,
      path: req.path,
      credentials: credentials.kind === 'token' ? credentials.source : 'malformed',
    });
    throw unauthorized();
  };
}
