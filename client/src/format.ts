/**
 * Number, percentage and date formatting for the dashboard, all through Intl and the chosen
 * locale, so grouping, symbols and day names follow the language switch. `useFormat()` gives a
 * component the formatters of the current locale; they are built once per locale.
 */
import { useLocale } from './i18n/localeContext';
import type { Locale } from './i18n/locale';

export interface Formatters {
  /** 12345 → "12,345". */
  count(value: number): string;
  /** 0.9512 → "95.1%" (rounded down). */
  percent(ratio: number): string;
  /** 0.95 → "95%" (rounded down), for thresholds. */
  wholePercent(ratio: number): string;
  /** "2026-11-29" → "Sun, Nov 29, 2026" / "2026年11月29日周日"; anything else is returned as is. */
  calendarDay(isoDate: string): string;
  /** "2026-11-29" → "Nov 29" / "11月29日", for chart axes and short lists. */
  shortDay(isoDate: string): string;
  /** A clock time in the viewer's time zone, "14:05:09". */
  clockTime(instant: Date): string;
  /** A day and minute in the viewer's time zone, "Nov 28, 08:00" / "11月28日 08:00". */
  dayAndTime(instant: Date): string;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Calendar days are formatted as UTC dates so the viewer's time zone can never shift them.
 * Percentages round down, so "95.0%" is shown only when the ratio really reached 95%: a display
 * never claims a threshold was crossed when it was not, and 100% means full, not 99.96%.
 */
function buildFormatters(locale: Locale): Formatters {
  const countFormat = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const percentFormat = new Intl.NumberFormat(locale, {
    style: 'percent',
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
    roundingMode: 'floor',
  });
  const wholePercentFormat = new Intl.NumberFormat(locale, {
    style: 'percent',
    maximumFractionDigits: 0,
    roundingMode: 'floor',
  });
  const dayFormat = new Intl.DateTimeFormat(locale, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  });
  const shortDayFormat = new Intl.DateTimeFormat(locale, {
    day: 'numeric',
    month: 'short',
    timeZone: 'UTC',
  });
  const timeFormat = new Intl.DateTimeFormat(locale, {
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  });
  const dayAndTimeFormat = new Intl.DateTimeFormat(locale, {
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  const asDay = (format: Intl.DateTimeFormat) => (isoDate: string) => {
    const match = ISO_DATE.exec(isoDate);
    if (!match) return isoDate;
    const [, year, month, day] = match;
    return format.format(new Date(Date.UTC(Number(year), Number(month) - 1, Number(day))));
  };
  return {
    count: (value) => countFormat.format(value),
    percent: (ratio) => percentFormat.format(ratio),
    wholePercent: (ratio) => wholePercentFormat.format(ratio),
    calendarDay: asDay(dayFormat),
    shortDay: asDay(shortDayFormat),
    clockTime: (instant) => timeFormat.format(instant),
    dayAndTime: (instant) => dayAndTimeFormat.format(instant),
  };
}

const cache = new Map<Locale, Formatters>();

export function formattersFor(locale: Locale): Formatters {
  let formatters = cache.get(locale);
  if (!formatters) {
    formatters = buildFormatters(locale);
    cache.set(locale, formatters);
  }
  return formatters;
}

export function useFormat(): Formatters {
  return formattersFor(useLocale().locale);
}
