/** A waiting time in minutes as "3 h 20 min" / "3 小时 20 分钟". */
import type { Translate } from '../i18n/locale';
import type { OverviewMessageKey } from './messages';

export function waitingTime(t: Translate<OverviewMessageKey>, minutes: number): string {
  const hours = Math.floor(minutes / 60);
  return hours > 0
    ? t('waitHoursMinutes', { hours, minutes: minutes % 60 })
    : t('waitMinutes', { minutes });
}
