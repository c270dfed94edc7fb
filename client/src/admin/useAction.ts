/**
 * One write at a time from a form or a button: busy while it runs, then either the ApiError (its
 * `errors[]` name the bad fields) or a confirmation to show; both cleared on the next attempt.
 */
import { useCallback, useState } from 'react';
import { toApiError, type ApiError } from '../api/http';

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
 * The API's message for one field of the body (`body.code`, `body.floors.from`), if any. The
 * server's messages are English; the form shows them as they are, marked lang="en".
 */
export function fieldError(error: ApiError | null, field: string): string | undefined {
  return error?.errors.find((e) => e.field === `body.${field}` || e.field === field)?.message;
}
