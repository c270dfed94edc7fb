/** Loads GET /api/sites and reloads it on demand, keeping the last good list while refreshing. */
import { useCallback, useEffect, useState } from 'react';
import type { SiteListDto } from '../../../shared/dto';
import { toApiError, type ApiError } from '../api/http';
import { fetchSiteList } from '../api/sites';

export interface SiteListSnapshot {
  list: SiteListDto;
  /** When the browser received the list. */
  receivedAt: Date;
}

export type SiteListState =
  | { status: 'loading'; previous: SiteListSnapshot | null }
  | { status: 'ready'; snapshot: SiteListSnapshot }
  | { status: 'error'; error: ApiError };

function lastSnapshot(state: SiteListState): SiteListSnapshot | null {
  if (state.status === 'ready') return state.snapshot;
  if (state.status === 'loading') return state.previous;
  return null;
}

export function useSiteList(): { state: SiteListState; reload: () => void } {
  const [state, setState] = useState<SiteListState>({ status: 'loading', previous: null });
  // Each reload bumps the generation, which re-runs the effect; the effect's cleanup aborts a
  // request that is still running, so an older answer can never overwrite a newer one.
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    fetchSiteList(controller.signal).then(
      (list) => {
        if (!controller.signal.aborted) {
          setState({ status: 'ready', snapshot: { list, receivedAt: new Date() } });
        }
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setState({ status: 'error', error: toApiError(error) });
      },
    );
    return () => controller.abort();
  }, [generation]);

  const reload = useCallback(() => {
    setState((current) => ({ status: 'loading', previous: lastSnapshot(current) }));
    setGeneration((current) => current + 1);
  }, []);

  return { state, reload };
}
