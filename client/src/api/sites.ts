/** Calls of the sites resource. */
import type { SiteListDto } from '../../../shared/dto';
import { requestJson } from './http';

/** All sites with today's occupancy and the city totals (GET /api/sites). */
export function fetchSiteList(signal?: AbortSignal): Promise<SiteListDto> {
  return requestJson<SiteListDto>('/api/sites', { signal });
}
