/**
 * One change at a time from the board: which one is running (its buttons wait), and how the last
 * one ended, for the page's status line. `onDone` reloads what the change altered.
 */
import { useCallback, useState } from 'react';
import type { ApiError } from '../api/http';
import { toApiError } from '../api/http';

export type ActionOutcome =
  { ok: true; what: string } | { ok: false; what: string; error: ApiError };

export function useAction(onDone: () => void) {
  const [running, setRunning] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<ActionOutcome | null>(null);

  const run = useCallback(
    async (id: string, what: string, change: () => Promise<unknown>): Promise<boolean> => {
      setRunning(id);
      setOutcome(null);
      try {
        await change();
        setOutcome({ ok: true, what });
        onDone();
        return true;
      } catch (error) {
        setOutcome({ ok: false, what, error: toApiError(error) });
        return false;
      } finally {
        setRunning(null);
      }
    },
    [onDone],
  );

  /** Forgets the last outcome (a room opened: the board's last change is not about it). */
  const forget = useCallback(() => setOutcome(null), []);

  return { running, outcome, run, forget };
}
