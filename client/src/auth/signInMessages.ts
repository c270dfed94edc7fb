/** What the sign-in form says when signing in failed, in the current language. */
import type { Translate } from '../i18n/locale';
import { ApiError, UNAUTHORIZED } from '../api/http';
import type { ProblemText } from '../api/problemText';
import type { AuthMessageKey } from './messages';

export interface SignInFailure {
  message: string;
  detail?: string;
}

const TOO_MANY_REQUESTS = 429;

/** "Too many attempts. Try again in 15 min." from the Retry-After seconds, rounded up. */
export function tooManyAttemptsMessage(
  t: Translate<AuthMessageKey>,
  retryAfterSeconds: number | undefined,
): string {
  if (retryAfterSeconds === undefined) return t('tooManyAttempts');
  return t('tooManyAttemptsMinutes', { minutes: Math.max(1, Math.ceil(retryAfterSeconds / 60)) });
}

/**
 * The page's own words for the cases it understands; otherwise the server's problem title and
 * detail as they came (the API speaks English), with the status and the request id to quote.
 */
export function signInFailure(
  t: Translate<AuthMessageKey>,
  describe: (error: ApiError) => ProblemText,
  error: unknown,
): SignInFailure {
  if (!(error instanceof ApiError)) {
    return {
      message: t('signInError'),
      detail: error instanceof Error ? error.message : undefined,
    };
  }
  if (error.status === UNAUTHORIZED) {
    // The server says the same for an unknown user and a wrong password; so does the page.
    return { message: t('wrongCredentials') };
  }
  if (error.status === TOO_MANY_REQUESTS) {
    return {
      message: tooManyAttemptsMessage(t, error.retryAfterSeconds),
      detail: t('pausedAfterFailures'),
    };
  }
  const { title, detail, fromServer } = describe(error);
  const reference = error.requestId ? ` ${t('reference', { id: error.requestId })}` : '';
  if (!fromServer) return { message: title, detail: detail && `${detail}${reference}` };
  return {
    message: title,
    detail: `${detail ?? t('serverAnswered', { status: error.status })}${reference}`,
  };
}
