import express, { type RequestHandler } from 'express';
import { unsupportedMediaType } from '../errors';

export const JSON_BODY_LIMIT = '1mb';

const parseJson = express.json({ limit: JSON_BODY_LIMIT, strict: true });

/**
 * JSON bodies only, at most 1 MB. A body sent with another content type is refused with 415
 * instead of being silently ignored and reported as missing fields.
 */
export const jsonBody: RequestHandler = (req, res, next) => {
  const hasBody = Number(req.get('content-length') ?? 0) > 0 || req.get('transfer-encoding');
  if (hasBody && !req.is('application/json')) {
    return next(unsupportedMediaType('Send the body as application/json.'));
  }
  parseJson(req, res, next);
};
