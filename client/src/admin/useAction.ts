/**
 * One write at a time from a form or a button: busy while it runs, the ApiError when it failed
 * (its `errors[]` name the bad fields), cleared on the next attempt.
 */
import { useCallback, useState } from 'react';
import { toApiError, type ApiError } from '../api/http';

export interface Action {
  busy: boolean;
  error: ApiError | null;
  /** Runs `write`; resolves true when it succeeded. */
  run: (write: () => Promise<unknown>) => Promise<boolean>;
}

export function useAction(): Action {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const run = useCallback(async (write: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await write();
      return true;
    } catch (failure) {
      setError(toApiError(failure));
      return false;
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, error, run };
}

/**
 * The API's message for one field of the body (`body.code`, `body.floors.from`), if any. The
 * server's messages are English; the form shows them as they are, marked lang="en".
 */
export function fieldError(error: ApiError | null, field: string): string | undefined {
  return error?.errors.find((e) => e.field === `body.${field}` || e.field === field)?.message;
}
