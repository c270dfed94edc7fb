/**
 * One write at a time from a form or a button: busy while it runs, then either the ApiError (its
 * `errors[]` name the bad fields) or a confirmation to show; both cleared on the next attempt.
 */
import { useCallback, useState } from 'react';
import { toApiError, type ApiError } from '../api/http';
import { apiMessages } from '../api/messages';
import { fieldReason } from '../api/problemText';
import { useMessages } from '../i18n/localeContext';

export interface Action {
  busy: boolean;
  error: ApiError | null;
  /** The confirmation of the last write that succeeded. */
  done: string | null;
  /**
   * Runs `write`; on success shows `confirm(result)` and resolves true, on failure keeps the
   * error and resolves false.
   */
  run: <R>(write: () => Promise<R>, confirm: (result: R) => string) => Promise<boolean>;
}

export function useAction(): Action {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const run = useCallback(async <R>(write: () => Promise<R>, confirm: (result: R) => string) => {
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      setDone(confirm(await write()));
      return true;
    } catch (failure) {
      setError(toApiError(failure));
      return false;
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, error, done, run };
}

/**
 * Reads the failed write's reason for one field of the body (`code`, `floors.from`), in the
 * user's language, or undefined when that field is fine.
 */
export function useFieldErrors(error: ApiError | null): (field: string) => string | undefined {
  const t = useMessages(apiMessages);
  return (field) => {
    const found = error?.errors.find((e) => e.field === `body.${field}` || e.field === field);
    return found && fieldReason(t, found).reason;
  };
}
