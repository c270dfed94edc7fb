import type { SiteWithOccupancyDto, Occupancy } from '../../../shared/dto';
import { useFormat } from '../format';
import { useMessages } from '../i18n/localeContext';
import { isNearFull, NEAR_FULL_AT } from './capacity';
import { sitesMessages } from './messages';
import { OccupancyBar } from './OccupancyBar';

interface Props {
  sites: readonly SiteWithOccupancyDto[];
  totals: Occupancy;
}

/** City-wide figures for the day, from the response's totals (all sites, whatever the filter). */
export function SummaryTiles({ sites, totals }: Props) {
  const t = useMessages(sitesMessages);
  const { count, wholePercent } = useFormat();
  const active = sites.filter((site) => site.status === 'active').length;
  const standby = sites.filter((site) => site.status === 'standby').length;
  const nearFull = sites.filter((site) => isNearFull(site.occupancy)).length;
  // Only active sites take people today; a standby site's free beds are the reserve.
  const freeIn = (status: SiteWithOccupancyDto['status']) =>
    sites.filter((site) => site.status === status).reduce((n, s) => n + s.occupancy.free, 0);

  return (
    <dl className="tiles" aria-label={t('totalsLabel')}>
      <div className="tile">
        <dt className="tile__label">{t('tileSites')}</dt>
        <dd className="tile__value">{count(sites.length)}</dd>
        <dd className="tile__note">
          {t('tileSitesNote', { active: count(active), standby: count(standby) })}
        </dd>
      </div>
      <div className="tile">
        <dt className="tile__label">{t('tileBeds')}</dt>
        <dd className="tile__value">{count(totals.beds)}</dd>
        <dd className="tile__note">{t('tileBedsNote', { rooms: count(totals.rooms) })}</dd>
      </div>
      <div className="tile">
        <dt className="tile__label">{t('tileOccupied')}</dt>
        <dd className="tile__value">{count(totals.occupied)}</dd>
        <dd className="tile__note">
          {t('tileOccupiedNote', { reserved: count(totals.reserved) })}
        </dd>
      </div>
      <div className="tile tile--free">
        <dt className="tile__label">{t('tileFree')}</dt>
        <dd className="tile__value">{count(freeIn('active'))}</dd>
        <dd className="tile__note">{t('tileFreeNote', { reserve: count(freeIn('standby')) })}</dd>
      </div>
      <div className="tile">
        <dt className="tile__label">{t('tileCleaning')}</dt>
        <dd className="tile__value">{count(totals.cleaning)}</dd>
        <dd className="tile__note">
          {t('tileCleaningNote', { outOfService: count(totals.outOfService) })}
        </dd>
      </div>
      <div className="tile tile--wide">
        <dt className="tile__label">{t('tileUtilization')}</dt>
        <dd className="tile__value">
          <OccupancyBar ratio={totals.utilization} />
        </dd>
        <dd className="tile__note">
          {t('tileUtilizationNote', {
            count: count(nearFull),
            percent: wholePercent(NEAR_FULL_AT),
          })}
        </dd>
      </div>
    </dl>
  );
}
