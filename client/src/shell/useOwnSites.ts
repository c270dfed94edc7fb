/**
 * A site manager's own sites (id, code, name) for the navigation and the header: GET /api/sites
 * answers only their sites. Other roles reach every site through the sites view, so nothing is
 * loaded for them. Until the list arrives (or if it fails) the ids alone are shown.
 */
import { useEffect, useState } from 'react';
import type { AuthUser } from '../../../shared/auth';
import { fetchSiteList } from '../api/sites';

export interface OwnSite {
  id: number;
  code: string | null;
  name: string | null;
}

export function useOwnSites(user: AuthUser): readonly OwnSite[] {
  const [sites, setSites] = useState<readonly OwnSite[] | null>(null);
  const isManager = user.role === 'site_manager';

  useEffect(() => {
    if (!isManager) return;
    const controller = new AbortController();
    fetchSiteList(controller.signal).then(
      (list) => {
        if (controller.signal.aborted) return;
        setSites(list.data.map(({ id, code, name }) => ({ id, code, name })));
      },
      () => {
        // The navigation falls back to the ids; the views themselves report the failure.
      },
    );
    return () => controller.abort();
  }, [isManager]);

  if (!isManager) return [];
  return sites ?? user.siteIds.map((id) => ({ id, code: null, name: null }));
}
