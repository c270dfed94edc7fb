import type { SiteWithOccupancyDto, Occupancy } from '../../../shared/dto';
import { formatCount, formatWholePercent } from '../format';
import { isNearFull, NEAR_FULL_AT } from './capacity';
import { OccupancyBar } from './OccupancyBar';

interface Props {
  sites: readonly SiteWithOccupancyDto[];
  totals: Occupancy;
}

/** City-wide figures for the day, from the response's totals (all sites, whatever the filter). */
export function SummaryTiles({ sites, totals }: Props) {
  const active = sites.filter((site) => site.status === 'active').length;
  const standby = sites.filter((site) => site.status === 'standby').length;
  const nearFull = sites.filter((site) => isNearFull(site.occupancy)).length;
  // Only active sites take people today; a standby site's free beds are the reserve.
  const freeIn = (status: SiteWithOccupancyDto['status']) =>
    sites.filter((site) => site.status === status).reduce((n, s) => n + s.occupancy.free, 0);
  const freeActive = freeIn('active');
  const reserve = freeIn('standby');

  return (
    <dl className="tiles" aria-label="Totals for all sites">
      <div className="tile">
        <dt className="tile__label">Sites</dt>
        <dd className="tile__value">{formatCount(sites.length)}</dd>
        <dd className="tile__note">
          {formatCount(active)} active · {formatCount(standby)} standby
        </dd>
      </div>
      <div className="tile">
        <dt className="tile__label">Beds</dt>
        <dd className="tile__value">{formatCount(totals.beds)}</dd>
        <dd className="tile__note">in {formatCount(totals.rooms)} rooms</dd>
      </div>
      <div className="tile">
        <dt className="tile__label">Occupied</dt>
        <dd className="tile__value">{formatCount(totals.occupied)}</dd>
        <dd className="tile__note">{formatCount(totals.reserved)} reserved ahead</dd>
      </div>
      <div className="tile tile--free">
        <dt className="tile__label">Free</dt>
        <dd className="tile__value">{formatCount(freeActive)}</dd>
        <dd className="tile__note">
          in active sites · {formatCount(reserve)} more in standby reserve
        </dd>
      </div>
      <div className="tile">
        <dt className="tile__label">Cleaning</dt>
        <dd className="tile__value">{formatCount(totals.cleaning)}</dd>
        <dd className="tile__note">{formatCount(totals.outOfService)} out of service</dd>
      </div>
      <div className="tile tile--wide">
        <dt className="tile__label">Utilization</dt>
        <dd className="tile__value">
          <OccupancyBar ratio={totals.utilization} />
        </dd>
        <dd className="tile__note">
          {formatCount(nearFull)} {nearFull === 1 ? 'site' : 'sites'} at or above{' '}
          {formatWholePercent(NEAR_FULL_AT)}
        </dd>
      </div>
    </dl>
  );
}
