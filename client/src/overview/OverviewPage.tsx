import type { PolicyDocument } from '../../../shared/policy';
import { dataOf, useApiGet } from '../api/useApiGet';
import { Outcome } from '../admin/Outcome';
import { useAction } from '../admin/useAction';
import { useMessages } from '../i18n/localeContext';
import { FilterableSitesTable } from '../sites/FilterableSitesTable';
import { FiguresPage } from '../ui/FiguresPage';
import { EmptyPanel, LoadingPanel } from '../ui/StatePanels';
import { AlertsPanel } from './AlertsPanel';
import { DistrictTable } from './DistrictTable';
import { ForecastSection } from './ForecastSection';
import { overviewMessages } from './messages';
import { OverviewTiles } from './OverviewTiles';
import { StandbyActivation } from './StandbyActivation';
import { useOverviewData } from './useOverviewData';

/** Officials' and admins' live picture of the city: tiles, forecast, alerts, districts, sites. */
export function OverviewPage() {
  const t = useMessages(overviewMessages);
  const { sites, overview, alerts, reloadAll } = useOverviewData();
  const policy = dataOf(useApiGet<PolicyDocument>('/api/policy').state);
  const list = sites.data;
  const activation = useAction();
  const busy = sites.loading || overview.loading || alerts.loading;

  return (
    <FiguresPage
      headingId="overview-heading"
      title={t('title')}
      intro={t('intro')}
      figures={list && sites.receivedAt && { date: list.date, receivedAt: sites.receivedAt }}
      busy={busy}
      onRefresh={reloadAll}
      error={list ? null : sites.error}
    >
      {!list ? (
        <LoadingPanel label={t('loading')} />
      ) : list.data.length === 0 ? (
        <EmptyPanel title={t('noSitesTitle')} text={t('noSitesText')} />
      ) : (
        <>
          <OverviewTiles
            list={list}
            overview={overview.data}
            utilizationCeiling={policy?.utilizationCeiling ?? null}
          />
          <div className="overview-grid">
            <ForecastSection
              overview={overview.data}
              error={overview.error}
              onRetry={overview.reload}
            />
            <AlertsPanel alerts={alerts.data} error={alerts.error} onRetry={alerts.reload} />
          </div>
          <DistrictTable sites={list.data} />
          <section className="card" aria-labelledby="overview-sites-heading">
            <h3 id="overview-sites-heading" className="card__title">
              {t('sitesTitle')}
            </h3>
            <Outcome action={activation} />
            <FilterableSitesTable
              sites={list.data}
              linkToBoard
              rowAction={(site) => (
                <StandbyActivation site={site} action={activation} onActivated={reloadAll} />
              )}
            />
          </section>
        </>
      )}
    </FiguresPage>
  );
}
