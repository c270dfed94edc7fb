/**
 * Number, percentage and date formatting for the dashboard, all through Intl so grouping and
 * symbols follow one locale. The page text is English, so the locale is fixed rather than taken
 * from the browser: the same figures read the same on every operator's screen.
 */
const LOCALE = 'en-US';

const countFormat = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 0 });

/**
 * Percentages round down, so "95.0%" is shown only when the ratio really reached 95%: a display
 * never claims a threshold was crossed when it was not, and 100% means full, not 99.96%.
 */
const percentFormat = new Intl.NumberFormat(LOCALE, {
  style: 'percent',
  minimumFractionDigits: 1,
  maximumFractionDigits: 1,
  roundingMode: 'floor',
});

const wholePercentFormat = new Intl.NumberFormat(LOCALE, {
  style: 'percent',
  maximumFractionDigits: 0,
  roundingMode: 'floor',
});

const dayFormat = new Intl.DateTimeFormat(LOCALE, {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
});

const timeFormat = new Intl.DateTimeFormat(LOCALE, {
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** 12345 → "12,345". */
export function formatCount(value: number): string {
  return countFormat.format(value);
}

/** 0.9512 → "95.1%" (rounded down). */
export function formatPercent(ratio: number): string {
  return percentFormat.format(ratio);
}

/** 0.95 → "95%" (rounded down), for thresholds. */
export function formatWholePercent(ratio: number): string {
  return wholePercentFormat.format(ratio);
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * A calendar day "2026-11-29" → "Sun, Nov 29, 2026". The day is formatted as a UTC date so that
 * the viewer's time zone can never shift it; anything that is not YYYY-MM-DD is returned as is.
 */
export function formatCalendarDay(isoDate: string): string {
  const match = ISO_DATE.exec(isoDate);
  if (!match) return isoDate;
  const [, year, month, day] = match;
  return dayFormat.format(new Date(Date.UTC(Number(year), Number(month) - 1, Number(day))));
}

/** A clock time in the viewer's time zone, "14:05:09". */
export function formatClockTime(instant: Date): string {
  return timeFormat.format(instant);
}
