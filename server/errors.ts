/**
 * The API's errors. Each has a stable `type` (a URN under haven:problem:) and a status; the error
 * middleware turns them into application/problem+json. Anything else becomes a generic 500.
 */
import type { ProblemFieldError } from '../shared/dto';
import { PROBLEM_TYPE_PREFIX, type ProblemTypeName, type Refusal } from '../shared/problems';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    readonly title: string,
    readonly detail?: string,
    readonly errors?: ProblemFieldError[],
    readonly headers: Record<string, string> = {},
    /** For a domain refusal: its stable code and params, so a client can word it itself. */
    readonly refusal?: Refusal,
  ) {
    super(detail ?? title);
    this.name = 'ApiError';
  }
}

const problemType = (name: ProblemTypeName) => `${PROBLEM_TYPE_PREFIX}${name}`;

export function validationError(errors: ProblemFieldError[], detail?: string): ApiError {
  const summary = errors.map((e) => e.message).join('; ');
  return new ApiError(400, problemType('validation'), 'Invalid request', detail ?? summary, errors);
}

export function malformedJson(detail: string): ApiError {
  return new ApiError(400, problemType('malformed-json'), 'Malformed JSON body', detail, [
    { field: 'body', message: detail, type: 'json.parse' },
  ]);
}

export function payloadTooLarge(limit: string): ApiError {
  return new ApiError(
    413,
    problemType('payload-too-large'),
    'Request body too large',
    `The body is over the ${limit} limit.`,
    [{ field: 'body', message: `must be at most ${limit}`, type: 'body.tooLarge' }],
  );
}

export function unsupportedMediaType(detail: string): ApiError {
  return new ApiError(
    415,
    problemType('unsupported-media-type'),
    'Unsupported media type',
    detail,
    [{ field: 'body', message: detail, type: 'body.mediaType' }],
  );
}

export function notFound(what: string, field?: string): ApiError {
  return new ApiError(
    404,
    problemType('not-found'),
    'Not found',
    `${what} was not found.`,
    field ? [{ field, message: `${what} was not found`, type: 'any.notFound' }] : undefined,
  );
}

export function routeNotFound(method: string, path: string): ApiError {
  return new ApiError(
    404,
    problemType('route-not-found'),
    'Not found',
    `No route ${method} ${path}.`,
  );
}

/** A domain refusal (409): `refusal` is what a client translates, `detail` the English sentence. */
export function conflict(refusal: Refusal, detail: string, errors?: ProblemFieldError[]): ApiError {
  return new ApiError(409, problemType('conflict'), 'Conflict', detail, errors, {}, refusal);
}

export function serviceUnavailable(detail: string, retryAfterSeconds: number): ApiError {
  return new ApiError(503, problemType('unavailable'), 'Service unavailable', detail, undefined, {
    'Retry-After': String(retryAfterSeconds),
  });
}

export const INTERNAL_ERROR_TYPE = problemType('internal');

/** The caller is known but their role may not do this (the thing itself is visible to them). */
export function forbidden(detail = 'Your role may not do this.'): ApiError {
  return new ApiError(403, problemType('forbidden'), 'Forbidden', detail);
}

/** No valid session: sign in first. Never says whether a token was unknown, expired or revoked. */
export function unauthorized(detail = 'Sign in to continue.'): ApiError {
  return new ApiError(401, problemType('unauthorized'), 'Unauthorized', detail);
}

/** Too many attempts (login lockout or rate limit): retry after the given number of seconds. */
export function tooManyRequests(
  retryAfterSeconds: number,
  detail = 'Too many attempts. Try again later.',
): ApiError {
  return new ApiError(
    429,
    problemType('too-many-requests'),
    'Too many requests',
    detail,
    undefined,
    {
      'Retry-After': String(Math.max(1, Math.ceil(retryAfterSeconds))),
    },
  );
}
