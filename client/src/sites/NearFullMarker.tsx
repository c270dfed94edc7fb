import { useFormat } from '../format';
import { useMessages } from '../i18n/localeContext';
import { NEAR_FULL_AT } from './capacity';
import { sitesMessages } from './messages';

/** Warning shown on a site at or above the utilization ceiling: an icon and words, not colour alone. */
export function NearFullMarker() {
  const t = useMessages(sitesMessages);
  const format = useFormat();
  return (
    <span
      className="near-full"
      title={t('nearFullHint', { percent: format.wholePercent(NEAR_FULL_AT) })}
    >
      <svg className="near-full__icon" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
        <path d="M8 1.5 15.2 14H.8L8 1.5Z" fill="currentColor" />
        <path d="M8 6v3.8" stroke="#fff" strokeWidth="1.6" strokeLinecap="round" />
        <circle cx="8" cy="11.9" r="0.95" fill="#fff" />
      </svg>
      {t('nearFull')}
    </span>
  );
}
