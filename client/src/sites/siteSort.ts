/** Sorting of the sites table: which columns sort, in what order, and what a header click does. */
import type { SiteWithOccupancyDto } from '../../../shared/dto';
import { SITE_KINDS, SITE_STATUSES } from '../../../shared/enums';

export type SiteSortKey =
  'code' | 'name' | 'district' | 'status' | 'kind' | 'beds' | 'occupied' | 'free' | 'utilization';

/** The values aria-sort takes for a sorted column. */
export type SortDirection = 'ascending' | 'descending';

export interface SiteSort {
  key: SiteSortKey;
  direction: SortDirection;
}

export const DEFAULT_SITE_SORT: SiteSort = { key: 'code', direction: 'ascending' };

type Compare = (a: SiteWithOccupancyDto, b: SiteWithOccupancyDto) => number;

const text = new Intl.Collator(['zh-CN', 'en'], { numeric: true, sensitivity: 'base' });

const byNumber =
  (value: (site: SiteWithOccupancyDto) => number): Compare =>
  (a, b) =>
    value(a) - value(b);

const byText =
  (value: (site: SiteWithOccupancyDto) => string): Compare =>
  (a, b) =>
    text.compare(value(a), value(b));

/** Status and kind sort in their domain order (preparing → closed), not alphabetically. */
const COMPARE: Record<SiteSortKey, Compare> = {
  code: byText((site) => site.code),
  name: byText((site) => site.name),
  district: byText((site) => site.district),
  status: byNumber((site) => SITE_STATUSES.indexOf(site.status)),
  kind: byNumber((site) => SITE_KINDS.indexOf(site.kind)),
  beds: byNumber((site) => site.occupancy.beds),
  occupied: byNumber((site) => site.occupancy.occupied),
  free: byNumber((site) => site.occupancy.free),
  utilization: byNumber((site) => site.occupancy.utilization),
};

/** A sorted copy; ties are broken by site code so the order is stable across refreshes. */
export function sortSites(
  sites: readonly SiteWithOccupancyDto[],
  sort: SiteSort,
): SiteWithOccupancyDto[] {
  const compare = COMPARE[sort.key];
  const sign = sort.direction === 'ascending' ? 1 : -1;
  return [...sites].sort((a, b) => sign * compare(a, b) || COMPARE.code(a, b));
}

/** Clicking the sorted column reverses it; clicking another column sorts it ascending. */
export function nextSort(current: SiteSort, key: SiteSortKey): SiteSort {
  if (current.key !== key) return { key, direction: 'ascending' };
  return { key, direction: current.direction === 'ascending' ? 'descending' : 'ascending' };
}
