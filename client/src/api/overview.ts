/** Calls behind the city overview. */
import type { OverviewDto } from '../../../shared/overviewDto';
import type { AlertDto } from '../../../shared/placementDto';
import { requestJson } from './http';

/** Today's movements, the waiting list in brief and the 14-day free-bed forecast. */
export function fetchOverview(signal?: AbortSignal): Promise<OverviewDto> {
  return requestJson<OverviewDto>('/api/overview', { signal });
}

/** What needs attention now (GET /api/alerts). */
export async function fetchAlerts(signal?: AbortSignal): Promise<AlertDto[]> {
  const { data } = await requestJson<{ data: AlertDto[] }>('/api/alerts', { signal });
  return data;
}
