/**
 * Applies `site.occupancy` messages to a loaded site list. Versions only grow (README,
 * "Realtime"), so a message whose version is not above the last one applied for its site is
 * older news or a duplicate and is dropped, whatever order messages arrive in. Versions are kept
 * across snapshot reloads for the same reason: a reload never makes an old message new.
 */
import type { SiteListDto } from '../../../shared/dto';
import { sumOccupancy } from '../../../shared/occupancy';
import type { SiteOccupancyMessage } from '../../../shared/events';

export type SiteVersions = ReadonlyMap<number, number>;

export interface Applied {
  list: SiteListDto;
  versions: SiteVersions;
}

/** The list with the message applied, or null when the message is stale or for an unknown site. */
export function applyOccupancy(
  list: SiteListDto,
  versions: SiteVersions,
  message: SiteOccupancyMessage,
): Applied | null {
  const last = versions.get(message.siteId);
  if (last !== undefined && message.version <= last) return null;
  if (!list.data.some((site) => site.id === message.siteId)) return null;
  const data = list.data.map((site) =>
    site.id === message.siteId
      ? { ...site, status: message.status, occupancy: message.occupancy }
      : site,
  );
  const next = new Map(versions);
  next.set(message.siteId, message.version);
  return {
    list: { ...list, data, totals: sumOccupancy(data.map((s) => s.occupancy)) },
    versions: next,
  };
}
