import type { OverviewDto } from '../../shared/overviewDto';
import type { IsoDate } from '../../shared/dates';
import type { ForecastRow, OverviewTodayRow } from '../queries/overview';

/** Drivers return COUNT()/SUM() as numbers or strings, and dates as strings or Date objects. */
const num = (value: number | string | null) => Number(value ?? 0);
const isoDay = (value: string | Date) =>
  typeof value === 'string' ? value.slice(0, 10) : value.toISOString().slice(0, 10);

export function presentOverview(
  date: IsoDate,
  now: Date,
  today: OverviewTodayRow,
  forecast: ForecastRow[],
): OverviewDto {
  const oldest = today.oldestQueuedAt === null ? null : new Date(today.oldestQueuedAt);
  return {
    date,
    today: {
      intake: num(today.intake),
      released: num(today.released),
      releasesDue: num(today.releasesDue),
    },
    waiting: {
      parties: num(today.waitingParties),
      people: num(today.waitingPeople),
      longestWaitMinutes: oldest
        ? Math.max(0, Math.floor((now.getTime() - oldest.getTime()) / 60_000))
        : 0,
    },
    forecast: forecast.map((row) => ({
      date: isoDay(row.forecastDay),
      free: Math.max(0, num(row.capacity) - num(row.booked)),
      capacity: num(row.capacity),
      arrivals: num(row.arrivals),
      releases: num(row.releases),
    })),
  };
}
