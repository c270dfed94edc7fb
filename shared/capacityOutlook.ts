/**
 * "Days until full" (DESIGN §2) from the free-bed forecast of GET /api/overview: the first day on
 * which active sites have no free bed, and the first on which they reach the utilization ceiling.
 * Pure: the overview tile and its tests use it as it is.
 */
import type { IsoDate } from './dates';
import type { OverviewForecastDayDto } from './overviewDto';

export type Outlook =
  /** `days` from today (0 = today) to `date`, the first day the condition holds. */
  | { kind: 'reached'; days: number; date: IsoDate }
  /** Not on any of the `days` forecast days. */
  | { kind: 'notWithin'; days: number };

export interface CapacityOutlook {
  /** No free bed left in active sites. */
  full: Outlook;
  /** Occupied share of counted beds at or above the ceiling (0–1). */
  ceiling: Outlook;
}

function firstDay(
  forecast: readonly OverviewForecastDayDto[],
  holds: (day: OverviewForecastDayDto) => boolean,
): Outlook {
  const index = forecast.findIndex(holds);
  return index === -1
    ? { kind: 'notWithin', days: forecast.length }
    : { kind: 'reached', days: index, date: forecast[index].date };
}

export function capacityOutlook(
  forecast: readonly OverviewForecastDayDto[],
  utilizationCeiling: number,
): CapacityOutlook {
  return {
    full: firstDay(forecast, (day) => day.free <= 0),
    ceiling: firstDay(
      forecast,
      (day) => day.capacity > 0 && (day.capacity - day.free) / day.capacity >= utilizationCeiling,
    ),
  };
}
