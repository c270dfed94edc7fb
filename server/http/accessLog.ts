import type { RequestHandler } from 'express';
import { getLogger } from '../logging/logger';

const log = getLogger('http');

/** One line per request: method, route path (no query string: it may hold search terms), status. */
export const accessLog: RequestHandler = (req, res, next) => {
  const started = process.hrtime.bigint();
  res.on('finish', () => {
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    log.http(`${req.method} ${req.path} ${res.statusCode}`, {
      status: res.statusCode,
      ms: Math.round(ms * 10) / 10,
    });
  });
  next();
};
