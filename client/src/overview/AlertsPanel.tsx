import { useId } from 'react';
import type { AlertDto, AlertKind } from '../../../shared/placementDto';
import type { ApiError } from '../api/http';
import { ProblemPanel } from '../api/ProblemPanel';
import { useFormat } from '../format';
import { useMessages } from '../i18n/localeContext';
import { LoadingPanel } from '../ui/StatePanels';
import { overviewMessages, type OverviewMessageKey } from './messages';

const KIND_LABELS: Record<AlertKind, OverviewMessageKey> = {
  cleaning_overdue: 'alertCleaning',
  site_over_ceiling: 'alertOverCeiling',
  city_free_beds_low: 'alertCityLow',
  waiting_too_long: 'alertWaiting',
};

interface Props {
  alerts: readonly AlertDto[] | null;
  error: ApiError | null;
  onRetry: () => void;
  /** The panel's heading, when not the overview's "Alerts". */
  title?: string;
}

/**
 * Current alerts, critical first: kind, severity and the sentence with its particulars, all in
 * the user's language (the sentence from the alert's `kind` and `params`).
 */
export function AlertsPanel({ alerts, error, onRetry, title }: Props) {
  const headingId = useId();
  const t = useMessages(overviewMessages);
  const format = useFormat();
  const sorted = alerts
    ? [...alerts].sort(
        (a, b) => Number(b.severity === 'critical') - Number(a.severity === 'critical'),
      )
    : null;
  return (
    <section className="card alerts" aria-labelledby={headingId}>
      <h3 id={headingId} className="card__title">
        {title ?? t('alertsTitle')}
        {sorted && sorted.length > 0 && (
          <span className="count-pill">
            {t('alertsCount', { count: format.count(sorted.length) })}
          </span>
        )}
      </h3>
      {error && !sorted ? (
        <ProblemPanel error={error} onRetry={onRetry} />
      ) : !sorted ? (
        <LoadingPanel label={t('loading')} />
      ) : sorted.length === 0 ? (
        <p className="alerts__none">{t('alertsNone')}</p>
      ) : (
        <ul className="alerts__list">
          {sorted.map((alert, i) => (
            <li
              key={`${alert.kind}:${alert.siteId}:${alert.roomId}:${alert.partyId}:${i}`}
              className={`alert alert--${alert.severity}`}
            >
              <p className="alert__head">
                <span className="alert__severity">
                  <AlertIcon severity={alert.severity} />
                  {t(alert.severity === 'critical' ? 'severityCritical' : 'severityWarning')}
                </span>
                <span className="alert__kind">{t(KIND_LABELS[alert.kind])}</span>
                {alert.since && (
                  <span className="alert__since">
                    {t('alertSince', { time: format.dayAndTime(new Date(alert.since)) })}
                  </span>
                )}
              </p>
              <p className="alert__message">{t(`alertText.${alert.kind}`, alert.params)}</p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** Critical: a filled triangle; warning: an outlined circle — told apart without colour. */
function AlertIcon({ severity }: { severity: AlertDto['severity'] }) {
  return (
    <svg className="alert__icon" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      {severity === 'critical' ? (
        <path d="M8 1.5 15.2 14H.8L8 1.5Z" fill="currentColor" />
      ) : (
        <circle cx="8" cy="8" r="6" fill="none" stroke="currentColor" strokeWidth="2" />
      )}
    </svg>
  );
}
