/**
 * Loads one GET path (the board, placement and waiting-list views): `useResource` keyed by the
 * path, its answer told as one of three states. A new path or `refreshKey` reloads; the last good
 * answer stays available (`previous`) while a reload runs or after it failed.
 */
import { useCallback } from 'react';
import { requestJson, type ApiError } from './http';
import { useResource } from './useResource';

export type ResourceState<T> =
  | { status: 'loading'; previous: T | null }
  | { status: 'ready'; data: T }
  | { status: 'error'; error: ApiError; previous: T | null };

export function dataOf<T>(state: ResourceState<T>): T | null {
  return state.status === 'ready' ? state.data : state.previous;
}

/** `path` null = nothing to load (yet). */
export function useApiGet<T>(
  path: string | null,
  refreshKey: unknown = null,
): { state: ResourceState<T>; reload: () => void } {
  const fetcher = useCallback(
    (signal: AbortSignal) => requestJson<T>(path ?? '', { signal }),
    [path],
  );
  const { data, error, loading, reload } = useResource(
    path === null ? null : fetcher,
    `${path}|${String(refreshKey)}`,
  );
  let state: ResourceState<T>;
  if (loading) state = { status: 'loading', previous: data };
  else if (error) state = { status: 'error', error, previous: data };
  else state = { status: 'ready', data: data as T };
  return { state, reload };
}
