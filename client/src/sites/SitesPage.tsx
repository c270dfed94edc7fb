import { useRef } from 'react';
import { ProblemPanel } from '../api/ProblemPanel';
import { useAuth } from '../auth/authContext';
import { useMessages } from '../i18n/localeContext';
import { canSee } from '../navigation/route';
import { FiguresHead } from '../ui/FiguresHead';
import { LoadingPanel } from '../ui/StatePanels';
import { sitesMessages } from './messages';
import { SitesOverview } from './SitesOverview';
import { useSiteList } from './useSiteList';

/** Sites and today's occupancy: city totals, then one row per site, filterable and sortable. */
export function SitesPage() {
  const { state, reload } = useSiteList();
  const { user } = useAuth();
  const t = useMessages(sitesMessages);
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
      <FiguresHead
        headingId="sites-heading"
        headingRef={headingRef}
        title={t('pageTitle')}
        intro={t('pageIntro')}
        figures={snapshot && { date: snapshot.list.date, receivedAt: snapshot.receivedAt }}
        busy={busy}
        onRefresh={reload}
      />

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
