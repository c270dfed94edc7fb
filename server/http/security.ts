/**
 * Security headers (helmet), CORS, and the origin check of cookie-authenticated writes. CORS is
 * closed unless CORS_ORIGINS lists origins: the dashboard is served from the API's own origin and
 * needs none.
 */
import cors from 'cors';
import type { Request, RequestHandler } from 'express';
import helmet from 'helmet';
import { credentialsOf } from '../auth/cookie';
import type { Config } from '../config';
import { forbidden } from '../errors';
import { getLogger } from '../logging/logger';

const log = getLogger('http');

export function securityHeaders(): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      directives: {
        // Socket.IO and the API are same-origin; nothing else is called.
        'connect-src': ["'self'"],
        'img-src': ["'self'", 'data:'],
      },
    },
  });
}

export function corsPolicy(config: Pick<Config, 'corsOrigins'>): RequestHandler {
  return cors({
    origin: (origin, callback) => callback(null, !!origin && config.corsOrigins.includes(origin)),
    credentials: true,
    maxAge: 600,
  });
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** `Sec-Fetch-Site` values that mean the dashboard's own page (or the user, typing a URL). */
const OWN_FETCH_SITES = new Set(['same-origin', 'none']);

/** scheme://host[:port] as the request reached this server (`trust proxy` decides the scheme). */
export function ownOrigin(req: Request): string | null {
  const host = req.get('host');
  return host ? `${req.protocol}://${host.toLowerCase()}` : null;
}

/**
 * Issue 16 §5: a write (any method but GET, HEAD, OPTIONS) signed in by the session cookie must
 * come from Haven's own pages. SameSite=Strict keeps the cookie off cross-site requests, but a
 * same-site sibling (another subdomain, another port) still gets it sent; so the browser's own
 * word is checked: `Sec-Fetch-Site: same-origin` (or `none`), or an `Origin` that is this
 * server's own or one listed in CORS_ORIGINS. Anything else is 403, and so is a cookie write with
 * neither header: every browser that can run the dashboard sends one of them on a POST, and
 * scripts sign in with a bearer token, which this check leaves alone (a page cannot set an
 * Authorization header on another origin without a CORS preflight, which is closed).
 * Runs after `authenticate`, so only a cookie that resolved to a session is considered.
 */
export function cookieWriteOrigin(config: Pick<Config, 'corsOrigins'>): RequestHandler {
  return (req, res, next) => {
    if (SAFE_METHODS.has(req.method) || !res.locals.auth) return next();
    const credentials = credentialsOf(req);
    if (credentials.kind !== 'token' || credentials.source !== 'cookie') return next();
    const fetchSite = req.get('sec-fetch-site')?.toLowerCase();
    const origin = req.get('origin')?.toLowerCase();
    if (fetchSite && OWN_FETCH_SITES.has(fetchSite)) return next();
    const listed = (o: string) => config.corsOrigins.some((c) => c.toLowerCase() === o);
    if (origin && (origin === ownOrigin(req) || listed(origin))) return next();
    log.info('Access refused: cookie write from another origin', {
      method: req.method,
      path: req.path,
      origin: origin?.slice(0, 200) ?? null,
      fetchSite: fetchSite?.slice(0, 20) ?? null,
    });
    throw forbidden(
      "The request's origin was refused: a change made with the session cookie must come from " +
        "Haven's own pages (Origin or Sec-Fetch-Site). API clients use a bearer token.",
    );
  };
}
