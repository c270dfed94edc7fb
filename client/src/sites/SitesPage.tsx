import { useRef } from 'react';
import { ProblemPanel } from '../api/ProblemPanel';
import { useAuth } from '../auth/authContext';
import { useFormat } from '../format';
import { useMessages } from '../i18n/localeContext';
import { canSee } from '../navigation/route';
import { RefreshButton } from '../ui/RefreshButton';
import { LoadingPanel } from '../ui/StatePanels';
import { sitesMessages } from './messages';
import { SitesOverview } from './SitesOverview';
import { useSiteList } from './useSiteList';

/** Sites and today's occupancy: city totals, then one row per site, filterable and sortable. */
export function SitesPage() {
  const { state, reload } = useSiteList();
  const { user } = useAuth();
  const t = useMessages(sitesMessages);
  const format = useFormat();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const snapshot =
    state.status === 'ready' ? state.snapshot : state.status === 'loading' ? state.previous : null;
  const busy = state.status === 'loading';
  const linkToBoard = user !== null && canSee(user.role, { view: 'siteBoard', siteId: 1 });

  function retry() {
    reload();
    // The Retry button disappears with the error; keep keyboard focus in the page.
    headingRef.current?.focus();
  }

  return (
    <section className="page" aria-labelledby="sites-heading">
      <div className="page-head">
        <div>
          <h2 id="sites-heading" className="page-head__title" ref={headingRef} tabIndex={-1}>
            {t('pageTitle')}
          </h2>
          <p className="page-head__meta">
            {snapshot ? (
              <>
                {t('figuresFor')}{' '}
                <time dateTime={snapshot.list.date}>{format.calendarDay(snapshot.list.date)}</time>
                <span className="page-head__sep" aria-hidden="true">
                  ·
                </span>
                {t('receivedAt', { time: format.clockTime(snapshot.receivedAt) })}
              </>
            ) : (
              t('pageIntro')
            )}
          </p>
        </div>
        <div className="page-head__actions">
          <RefreshButton
            busy={busy && snapshot !== null}
            label={t('refresh')}
            busyLabel={t('refreshing')}
            onRefresh={reload}
          />
        </div>
      </div>

      {state.status === 'error' ? (
        <ProblemPanel error={state.error} onRetry={retry} />
      ) : snapshot ? (
        <SitesOverview list={snapshot.list} linkToBoard={linkToBoard} />
      ) : (
        <LoadingPanel label={t('loading')} />
      )}
    </section>
  );
}
