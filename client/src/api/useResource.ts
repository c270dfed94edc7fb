/**
 * The dashboard's one loader: a GET's data, error and loading flag, reloaded on demand or when
 * `reloadKey` changes (e.g. the socket's snapshot generation). The last good data stays on screen
 * while a reload runs or after a failed one, and an older answer can never overwrite a newer
 * one: each load aborts the one before. `useApiGet` is the same loader keyed by a path.
 */
import { useCallback, useEffect, useState } from 'react';
import { toApiError, type ApiError } from './http';

export interface Resource<T> {
  data: T | null;
  error: ApiError | null;
  loading: boolean;
  receivedAt: Date | null;
  reload: () => void;
  /** Changes the loaded data in place (live updates); ignored while nothing is loaded. */
  update: (change: (current: T) => T) => void;
}

interface State<T> {
  data: T | null;
  error: ApiError | null;
  receivedAt: Date | null;
  /** Which load last finished: loading is "the current load has not finished yet". */
  settled: string | null;
}

/** `fetcher` null = nothing to load (yet): loading, with no data. */
export function useResource<T>(
  fetcher: ((signal: AbortSignal) => Promise<T>) | null,
  reloadKey: unknown = 0,
): Resource<T> {
  const [state, setState] = useState<State<T>>({
    data: null,
    error: null,
    receivedAt: null,
    settled: null,
  });
  const [generation, setGeneration] = useState(0);
  const load = `${generation}/${String(reloadKey)}`;

  useEffect(() => {
    if (fetcher === null) return;
    const controller = new AbortController();
    fetcher(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) {
          setState({ data, error: null, receivedAt: new Date(), settled: load });
        }
      },
      (error: unknown) => {
        if (!controller.signal.aborted) {
          setState((current) => ({ ...current, error: toApiError(error), settled: load }));
        }
      },
    );
    return () => controller.abort();
  }, [fetcher, load]);

  const reload = useCallback(() => setGeneration((n) => n + 1), []);
  const update = useCallback((change: (current: T) => T) => {
    setState((current) =>
      current.data === null ? current : { ...current, data: change(current.data) },
    );
  }, []);

  const { data, error, receivedAt, settled } = state;
  return { data, error, receivedAt, loading: settled !== load, reload, update };
}
