import crypto from 'node:crypto';
import type { RequestHandler } from 'express';
import { requestContext } from '../logging/context';

const INCOMING = /^[A-Za-z0-9._-]{8,64}$/;

/**
 * Gives every request an id (the caller's X-Request-Id if it is sane, else a new one), echoes it
 * in the response, and runs the rest of the request inside its logging context.
 */
export const requestId: RequestHandler = (req, res, next) => {
  const given = req.get('x-request-id');
  const id = given && INCOMING.test(given) ? given : crypto.randomUUID();
  res.locals.requestId = id;
  res.setHeader('X-Request-Id', id);
  requestContext.run({ requestId: id }, next);
};
