/** What the sign-in form says when signing in failed. */
import { ApiError, NO_RESPONSE, UNAUTHORIZED } from '../api/http';

export interface SignInFailure {
  message: string;
  detail?: string;
}

const TOO_MANY_REQUESTS = 429;

/** "Too many attempts. Try again in 15 minutes." from the Retry-After seconds, rounded up. */
export function tooManyAttemptsMessage(retryAfterSeconds: number | undefined): string {
  if (retryAfterSeconds === undefined) return 'Too many attempts. Try again later.';
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
  return `Too many attempts. Try again in ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}.`;
}

export function signInFailure(error: unknown): SignInFailure {
  if (!(error instanceof ApiError)) {
    return {
      message: 'Something went wrong while signing in.',
      detail: error instanceof Error ? error.message : undefined,
    };
  }
  if (error.status === UNAUTHORIZED) {
    // The server says the same for an unknown user and a wrong password; so does the page.
    return { message: 'Wrong username or password.' };
  }
  if (error.status === TOO_MANY_REQUESTS) {
    return {
      message: tooManyAttemptsMessage(error.retryAfterSeconds),
      detail: 'Signing in is paused after repeated failures, even with the right password.',
    };
  }
  if (error.status === NO_RESPONSE) return { message: error.title, detail: error.detail };
  const reference = error.requestId ? ` Reference ${error.requestId}.` : '';
  return {
    message: error.title,
    detail: `${error.detail ?? `The server answered ${error.status}.`}${reference}`,
  };
}
