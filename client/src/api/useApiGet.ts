/**
 * Loads one GET path (the board, placement and waiting-list views; `useResource` takes a fetch
 * function instead) and reloads it and reloads it on demand or when `refreshKey` changes, keeping the last
 * good answer on screen while a reload runs. A newer request aborts an older one, so a slow answer
 * can never overwrite a fresher one.
 */
import { useCallback, useEffect, useState } from 'react';
import { requestJson, toApiError, type ApiError } from './http';

export type ResourceState<T> =
  | { status: 'loading'; previous: T | null }
  | { status: 'ready'; data: T }
  | { status: 'error'; error: ApiError; previous: T | null };

export function dataOf<T>(state: ResourceState<T>): T | null {
  return state.status === 'ready' ? state.data : state.previous;
}

interface Settled<T> {
  /** Which request this answers: a newer key means a request is running. */
  key: string;
  outcome: { ok: true; data: T } | { ok: false; error: ApiError };
  /** The latest good data, kept on screen while reloading or after a failed reload. */
  lastData: T | null;
}

/** `path` null = nothing to load (yet). */
export function useApiGet<T>(
  path: string | null,
  refreshKey: unknown = null,
): { state: ResourceState<T>; reload: () => void } {
  const [generation, setGeneration] = useState(0);
  const [settled, setSettled] = useState<Settled<T> | null>(null);
  // Loading is derived (no state set inside the effect): the answer on hand is for another key.
  const key = `${path}|${String(refreshKey)}|${generation}`;

  useEffect(() => {
    if (path === null) return;
    const controller = new AbortController();
    requestJson<T>(path, { signal: controller.signal }).then(
      (data) => {
        if (!controller.signal.aborted) {
          setSettled({ key, outcome: { ok: true, data }, lastData: data });
        }
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setSettled((current) => ({
          key,
          outcome: { ok: false, error: toApiError(error) },
          lastData: current?.lastData ?? null,
        }));
      },
    );
    return () => controller.abort();
  }, [path, key]);

  const reload = useCallback(() => setGeneration((n) => n + 1), []);
  const previous = settled?.lastData ?? null;
  let state: ResourceState<T>;
  if (!settled || settled.key !== key) state = { status: 'loading', previous };
  else if (settled.outcome.ok) state = { status: 'ready', data: settled.outcome.data };
  else state = { status: 'error', error: settled.outcome.error, previous };
  return { state, reload };
}
