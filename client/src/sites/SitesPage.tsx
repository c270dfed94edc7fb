import { useAuth } from '../auth/authContext';
import { useMessages } from '../i18n/localeContext';
import { canSee } from '../navigation/route';
import { FiguresPage } from '../ui/FiguresPage';
import { LoadingPanel } from '../ui/StatePanels';
import { sitesMessages } from './messages';
import { SitesOverview } from './SitesOverview';
import { useSiteList } from './useSiteList';

/** Sites and today's occupancy: city totals, then one row per site, filterable and sortable. */
export function SitesPage() {
  const { state, reload } = useSiteList();
  const { user } = useAuth();
  const t = useMessages(sitesMessages);
  const snapshot =
    state.status === 'ready' ? state.snapshot : state.status === 'loading' ? state.previous : null;
  const busy = state.status === 'loading';
  const linkToBoard = user !== null && canSee(user.role, { view: 'siteBoard', siteId: 1 });

  return (
    <FiguresPage
      headingId="sites-heading"
      title={t('pageTitle')}
      intro={t('pageIntro')}
      figures={snapshot && { date: snapshot.list.date, receivedAt: snapshot.receivedAt }}
      busy={busy}
      onRefresh={reload}
      error={state.status === 'error' ? state.error : null}
    >
      {snapshot ? (
        <SitesOverview list={snapshot.list} linkToBoard={linkToBoard} />
      ) : (
        <LoadingPanel label={t('loading')} />
      )}
    </FiguresPage>
  );
}
