/**
 * The one way the dashboard calls the API: JSON in, JSON out, and every failure (a problem
 * document, any other error status, an unreadable body, no connection) turned into an ApiError
 * that carries the problem's title, detail and per-field errors for the UI to show. A 401 is also
 * reported to the `onUnauthorized` listeners: the session ended, whichever call noticed it.
 */
import type { ProblemDto, ProblemFieldError } from '../../../shared/dto';
import type { ProblemParams } from '../../../shared/problems';

/** Status used for failures that never got an HTTP answer (network down, server not running). */
export const NO_RESPONSE = 0;

export class ApiError extends Error {
  readonly type: string;
  readonly title: string;
  /** HTTP status, or NO_RESPONSE when the request never got an answer. */
  readonly status: number;
  readonly detail: string | undefined;
  readonly errors: readonly ProblemFieldError[];
  /** A domain refusal's stable code and its params, for the dashboard to word (shared/problems). */
  readonly code: string | undefined;
  readonly params: ProblemParams | undefined;
  /** The server's request id, to quote when reporting the problem. */
  readonly requestId: string | undefined;
  /** Seconds from the Retry-After header (429, 503), when the server sent one. */
  readonly retryAfterSeconds: number | undefined;

  constructor(problem: ProblemDto, options?: { cause?: unknown; retryAfterSeconds?: number }) {
    super(problem.detail ? `${problem.title}: ${problem.detail}` : problem.title, options);
    this.name = 'ApiError';
    this.type = problem.type;
    this.title = problem.title;
    this.status = problem.status;
    this.detail = problem.detail;
    this.errors = problem.errors ?? [];
    this.code = problem.code;
    this.params = problem.params;
    this.requestId = problem.requestId;
    this.retryAfterSeconds = options?.retryAfterSeconds;
  }
}

/**
 * Problems the dashboard makes itself (no answer, a proxy's error page, a body that is not a
 * problem document): their English title and detail are for logs and tests; the UI shows its own
 * translated words for these types. Problems from the API keep the server's (English) text.
 */
export const CLIENT_PROBLEM = {
  noResponse: 'urn:haven:client:no-response',
  gateway: 'urn:haven:client:gateway',
  notJson: 'urn:haven:client:not-json',
  httpStatus: 'urn:haven:client:http-status',
  unexpected: 'urn:haven:client:unexpected',
} as const;

export type ClientProblemType = (typeof CLIENT_PROBLEM)[keyof typeof CLIENT_PROBLEM];

export function isClientProblem(type: string): type is ClientProblemType {
  return (Object.values(CLIENT_PROBLEM) as string[]).includes(type);
}

/** Any failure as an ApiError, so views have one kind of error to show. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  return new ApiError(
    {
      type: CLIENT_PROBLEM.unexpected,
      title: 'Something went wrong',
      status: NO_RESPONSE,
      detail: error instanceof Error ? error.message : String(error),
    },
    { cause: error },
  );
}

/** HTTP status of "no valid session". */
export const UNAUTHORIZED = 401;

type UnauthorizedListener = (error: ApiError) => void;

/** Who hears about a 401 (the auth provider); the only module state of the API layer. */
const unauthorizedListeners = new Set<UnauthorizedListener>();

/**
 * Calls `listener` whenever an API call is refused with 401 (the session expired, was revoked, or
 * the user was disabled). Returns the function that removes the listener.
 */
export function onUnauthorized(listener: UnauthorizedListener): () => void {
  unauthorizedListeners.add(listener);
  return () => {
    unauthorizedListeners.delete(listener);
  };
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Sent as JSON. */
  body?: unknown;
  signal?: AbortSignal;
  /**
   * Whether a 401 answer is reported to the `onUnauthorized` listeners (default true). False for
   * the sign-in calls, whose 401 means "wrong password" or "not signed in yet", not "session ended".
   */
  reportUnauthorized?: boolean;
}

/**
 * Calls the API and returns the parsed JSON body typed as T (the caller names the DTO; the body is
 * not validated at run time). Rejects with an ApiError, or with the AbortError if `signal` aborts.
 */
export async function requestJson<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const { method = 'GET', body, signal, reportUnauthorized = true } = options;
  const headers: Record<string, string> = { Accept: 'application/json, application/problem+json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';

  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal,
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ApiError(
      {
        type: CLIENT_PROBLEM.noResponse,
        title: 'Cannot reach the Haven server',
        status: NO_RESPONSE,
        detail: 'The request did not get an answer. Check the network connection and retry.',
      },
      { cause: error },
    );
  }

  const requestId = response.headers.get('X-Request-Id') ?? undefined;
  const text = await response.text();

  if (!response.ok) {
    const error = errorFromResponse(method, path, response, text, requestId);
    if (error.status === UNAUTHORIZED && reportUnauthorized && !signal?.aborted) {
      for (const listener of [...unauthorizedListeners]) listener(error);
    }
    throw error;
  }
  if (text === '') return undefined as T;
  try {
    return JSON.parse(text) as T;
  } catch (error) {
    throw new ApiError(
      {
        type: CLIENT_PROBLEM.notJson,
        title: 'Unexpected response from the server',
        status: response.status,
        detail: `${method} ${path} did not return JSON.`,
        requestId,
      },
      { cause: error },
    );
  }
}

/** Statuses that a proxy (Vite in development, a load balancer in production) sends without a body of ours. */
const GATEWAY_STATUSES = new Set([502, 503, 504]);

function errorFromResponse(
  method: string,
  path: string,
  response: Response,
  text: string,
  requestId: string | undefined,
): ApiError {
  const retryAfterSeconds = readRetryAfter(response.headers.get('Retry-After'));
  const problem = readProblem(parseJson(text));
  if (problem) {
    return new ApiError(
      { ...problem, requestId: problem.requestId ?? requestId },
      { retryAfterSeconds },
    );
  }
  if (GATEWAY_STATUSES.has(response.status)) {
    return new ApiError(
      {
        type: CLIENT_PROBLEM.gateway,
        title: 'The Haven server is not answering',
        status: response.status,
        detail: `${method} ${path} got ${response.status} from a proxy in front of the server. It may be restarting; retry in a moment.`,
        requestId,
      },
      { retryAfterSeconds },
    );
  }
  const reason = response.statusText ? ` ${response.statusText}` : '';
  return new ApiError(
    {
      type: CLIENT_PROBLEM.httpStatus,
      title: `Request failed (${response.status}${reason})`,
      status: response.status,
      detail: `The server answered ${response.status} to ${method} ${path}.`,
      requestId,
    },
    { retryAfterSeconds },
  );
}

/** Retry-After as seconds: a number of seconds or an HTTP date (RFC 9110 §10.2.3). */
function readRetryAfter(value: string | null): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - Date.now()) / 1000));
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function isFieldError(value: unknown): value is ProblemFieldError {
  return (
    isRecord(value) &&
    typeof value.field === 'string' &&
    typeof value.message === 'string' &&
    typeof value.type === 'string' &&
    (value.params === undefined || isParams(value.params))
  );
}

function isParams(value: unknown): value is ProblemParams {
  return (
    isRecord(value) &&
    Object.values(value).every((v) => typeof v === 'string' || typeof v === 'number')
  );
}

/** Reads a problem document defensively: a title and a status are required, the rest is kept only when well-typed. */
function readProblem(value: unknown): ProblemDto | null {
  if (!isRecord(value) || typeof value.title !== 'string' || typeof value.status !== 'number') {
    return null;
  }
  return {
    type: optionalString(value.type) ?? 'about:blank',
    title: value.title,
    status: value.status,
    detail: optionalString(value.detail),
    instance: optionalString(value.instance),
    requestId: optionalString(value.requestId),
    // An unknown code is kept: the dashboard shows the server's detail for it, labelled.
    code: optionalString(value.code),
    params: isParams(value.params) ? value.params : undefined,
    errors: Array.isArray(value.errors) ? value.errors.filter(isFieldError) : undefined,
  };
}
