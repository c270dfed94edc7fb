/** The city overview of officials and admins: today's movements, the waiting list, the forecast. */
import type { IsoDate } from './dates';

export interface OverviewForecastDayDto {
  date: IsoDate;
  /**
   * Beds in available rooms of active sites that no stay holds on this night: the same rule as
   * today's `free`, with the bookings and planned releases known now. Rooms being cleaned or out
   * of service are not counted on any day (when they come back is not known).
   */
  free: number;
  /** Beds of available rooms in active sites, the total `free` is counted from. */
  capacity: number;
  /** People whose stay starts on this day (bookings). */
  arrivals: number;
  /** People whose planned release is this day. */
  releases: number;
}

export interface OverviewDto {
  /** Today in APP_TIMEZONE. */
  date: IsoDate;
  today: {
    /** People whose stay starts today (not cancelled). */
    intake: number;
    /** People released home today. */
    released: number;
    /** People still in whose planned release is today or already past. */
    releasesDue: number;
  };
  waiting: {
    parties: number;
    people: number;
    /** 0 when nobody waits. */
    longestWaitMinutes: number;
  };
  /** `days` entries from today on. */
  forecast: OverviewForecastDayDto[];
}

export interface OverviewQuery {
  /** Days of forecast, today included (default 14). */
  days?: number;
}

export const OVERVIEW_FORECAST_DAYS_DEFAULT = 14;
export const OVERVIEW_FORECAST_DAYS_MAX = 60;
