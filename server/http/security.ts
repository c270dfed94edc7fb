/**
 * Security headers (helmet) and CORS. CORS is closed unless CORS_ORIGINS lists origins: the
 * dashboard is served from the API's own origin and needs none.
 */
import cors from 'cors';
import type { RequestHandler } from 'express';
import helmet from 'helmet';
import type { Config } from '../config';

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
