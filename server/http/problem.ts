/** Error middleware: every error leaves as application/problem+json; unknown ones as a bare 500. */
import type { ErrorRequestHandler, Response } from 'express';
import {
  ConnectionError as DatabaseConnectionError,
  ForeignKeyConstraintError,
  UniqueConstraintError,
  ValidationError as SequelizeValidationError,
} from 'sequelize';
import type { ProblemDto } from '../../shared/dto';
import {
  ApiError,
  conflict,
  INTERNAL_ERROR_TYPE,
  malformedJson,
  payloadTooLarge,
  serviceUnavailable,
  unsupportedMediaType,
  validationError,
} from '../errors';
import { getLogger } from '../logging/logger';

const log = getLogger('http');

interface BodyParserError extends Error {
  type?: string;
  status?: number;
}

/** Maps what libraries throw (body parser, Sequelize constraints) onto the API's errors. */
function toApiError(error: unknown): ApiError | null {
  if (error instanceof ApiError) return error;
  const bodyError = error as BodyParserError;
  // The parser's message quotes part of the body, which may hold personal data: never echo it.
  if (bodyError?.type === 'entity.parse.failed') {
    return malformedJson('The body is not valid JSON.');
  }
  if (bodyError?.type === 'entity.too.large') return payloadTooLarge('1 MB');
  if (bodyError?.type === 'encoding.unsupported' || bodyError?.type === 'charset.unsupported') {
    return unsupportedMediaType(bodyError.message);
  }
  if (error instanceof UniqueConstraintError) {
    const fields = Object.keys(error.fields ?? {});
    return conflict(
      { code: 'record.duplicate', params: { fields: fields.join(', ') } },
      `Another record already has this ${fields.join(', ') || 'value'}.`,
      fields.map((field) => ({ field, message: `${field} is already taken`, type: 'any.unique' })),
    );
  }
  if (error instanceof ForeignKeyConstraintError) {
    return conflict(
      { code: 'record.referenced', params: {} },
      'The change refers to, or is referred to by, another record.',
    );
  }
  if (isStoreDown(error)) {
    log.error('A backing store is not answering', { error });
    return serviceUnavailable(
      'A backing store (database or Redis) is not answering. Retry shortly.',
      5,
    );
  }
  if (error instanceof SequelizeValidationError) {
    return validationError(
      error.errors.map((e) => ({ field: e.path ?? 'body', message: e.message, type: 'model' })),
    );
  }
  return null;
}

/**
 * The database or Redis cannot be reached: the request may well succeed later, so 503 with
 * Retry-After rather than a 500. ioredis gives up on a command after its reconnection attempts
 * (redisStores.ts) or when its connection is closed.
 */
function isStoreDown(error: unknown): boolean {
  if (error instanceof DatabaseConnectionError) return true;
  const e = error as { name?: string; message?: string } | null;
  return (
    e?.name === 'MaxRetriesPerRequestError' ||
    (e instanceof Error && e.message === 'Connection is closed.')
  );
}

export function sendProblem(
  res: Response,
  problem: ProblemDto,
  headers: Record<string, string> = {},
) {
  res.status(problem.status).set(headers).type('application/problem+json').json(problem);
}

export const problemHandler: ErrorRequestHandler = (error, req, res, next) => {
  if (res.headersSent) return next(error);
  const requestId = res.locals.requestId as string | undefined;
  const apiError = toApiError(error);
  if (apiError) {
    if (apiError.status >= 500) log.warn(apiError.title, { status: apiError.status });
    return sendProblem(
      res,
      {
        type: apiError.type,
        title: apiError.title,
        status: apiError.status,
        detail: apiError.detail,
        instance: req.originalUrl.split('?')[0],
        requestId,
        ...(apiError.refusal ?? {}),
        ...(apiError.errors ? { errors: apiError.errors } : {}),
      },
      apiError.headers,
    );
  }
  // Details stay in the log (sanitised); the caller gets only the request id to quote.
  log.error('Unhandled error', { error, path: req.path });
  sendProblem(res, {
    type: INTERNAL_ERROR_TYPE,
    title: 'Internal server error',
    status: 500,
    detail: `Something went wrong. Quote request id ${requestId ?? 'unknown'} when reporting it.`,
    requestId,
  });
};
