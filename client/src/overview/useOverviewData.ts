/**
 * The overview's three sources, kept live over the one socket:
 * - sites and totals (GET /api/sites), patched by `site.occupancy` (stale versions dropped);
 * - today's movements, waiting list and forecast (GET /api/overview), reloaded shortly after
 *   occupancy or the waiting list changes (one reload for a burst of messages);
 * - alerts (GET /api/alerts), reloaded on `alert` and after occupancy changes.
 * Everything reloads when the socket says events may have been missed (snapshotGeneration).
 */
import { useEffect, useRef, useState } from 'react';
import type { SiteListDto } from '../../../shared/dto';
import type { OverviewDto } from '../../../shared/overviewDto';
import type { AlertDto } from '../../../shared/placementDto';
import { fetchAlerts, fetchOverview } from '../api/overview';
import { fetchSiteList } from '../api/sites';
import { useResource, type Resource } from '../api/useResource';
import { useRealtime, useRealtimeEvent } from '../realtime/realtimeContext';
import { applyOccupancy, type SiteVersions } from './liveSites';

/** Long enough to coalesce a batch's messages, short enough to feel live. */
const FOLLOW_UP_MS = 600;

export interface OverviewData {
  sites: Resource<SiteListDto>;
  overview: Resource<OverviewDto>;
  alerts: Resource<AlertDto[]>;
  reloadAll: () => void;
}

export function useOverviewData(): OverviewData {
  const { snapshotGeneration } = useRealtime();
  const sites = useResource(fetchSiteList, snapshotGeneration);
  const [derivedKey, setDerivedKey] = useState(0);
  const overview = useResource(fetchOverview, snapshotGeneration + derivedKey);
  const [alertKey, setAlertKey] = useState(0);
  const alerts = useResource(fetchAlerts, snapshotGeneration + derivedKey + alertKey);
  const versions = useRef<SiteVersions>(new Map());
  const followUp = useRef<ReturnType<typeof setTimeout> | null>(null);

  const scheduleFollowUp = () => {
    if (followUp.current !== null) return;
    followUp.current = setTimeout(() => {
      followUp.current = null;
      setDerivedKey((n) => n + 1);
    }, FOLLOW_UP_MS);
  };
  useEffect(
    () => () => {
      if (followUp.current !== null) clearTimeout(followUp.current);
    },
    [],
  );

  useRealtimeEvent('site.occupancy', (message) => {
    sites.update((list) => {
      const applied = applyOccupancy(list, versions.current, message);
      if (!applied) return list;
      versions.current = applied.versions;
      return applied.list;
    });
    scheduleFollowUp();
  });
  useRealtimeEvent('waitingList.changed', scheduleFollowUp);
  useRealtimeEvent('alert', () => setAlertKey((n) => n + 1));

  const reloadAll = () => {
    sites.reload();
    overview.reload();
    alerts.reload();
  };
  return { sites, overview, alerts, reloadAll };
}
