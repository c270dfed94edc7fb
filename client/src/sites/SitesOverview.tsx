import { useId, useMemo, useState } from 'react';
import type { SiteListDto, SiteWithOccupancyDto } from '../../../shared/dto';
import { SITE_STATUSES, type SiteStatus } from '../../../shared/enums';
import { formatCount } from '../format';
import { SITE_STATUS_LABELS } from './siteLabels';
import { DEFAULT_SITE_SORT, nextSort, sortSites, type SiteSort } from './siteSort';
import { SitesTable } from './SitesTable';
import { SummaryTiles } from './SummaryTiles';

type StatusFilter = SiteStatus | 'all';

function isStatusFilter(value: string): value is StatusFilter {
  return value === 'all' || (SITE_STATUSES as readonly string[]).includes(value);
}

/**
 * A loaded site list: the totals tiles, the status filter and the sortable table, or the empty
 * state when there are no sites at all. Filter and sort survive a refresh of the list.
 */
export function SitesOverview({ list }: { list: SiteListDto }) {
  const { data: sites, totals } = list;
  const [statusFilter, setStatusFilter] = useState<StatusFilter>('all');
  const [sort, setSort] = useState<SiteSort>(DEFAULT_SITE_SORT);
  const filterId = useId();

  const visible = useMemo(
    () =>
      sortSites(
        statusFilter === 'all' ? sites : sites.filter((site) => site.status === statusFilter),
        sort,
      ),
    [sites, statusFilter, sort],
  );

  if (sites.length === 0) {
    return (
      <div className="panel panel--empty">
        <h3 className="panel__title">No sites yet</h3>
        <p className="panel__text">
          Sites appear here once an administrator registers them, with their rooms and beds.
        </p>
      </div>
    );
  }

  return (
    <>
      <SummaryTiles sites={sites} totals={totals} />

      <div className="table-toolbar">
        <div className="field">
          <label htmlFor={filterId} className="field__label">
            Status
          </label>
          <select
            id={filterId}
            className="field__control"
            value={statusFilter}
            onChange={(event) => {
              if (isStatusFilter(event.target.value)) setStatusFilter(event.target.value);
            }}
          >
            <option value="all">All statuses ({formatCount(sites.length)})</option>
            {SITE_STATUSES.map((status) => (
              <option key={status} value={status}>
                {SITE_STATUS_LABELS[status]} ({formatCount(countWithStatus(sites, status))})
              </option>
            ))}
          </select>
        </div>
        <p className="table-toolbar__count">
          Showing {formatCount(visible.length)} of {formatCount(sites.length)} sites
        </p>
      </div>

      {visible.length > 0 ? (
        <SitesTable
          sites={visible}
          sort={sort}
          onSort={(key) => setSort((current) => nextSort(current, key))}
        />
      ) : (
        <div className="panel panel--empty">
          <h3 className="panel__title">
            No {statusFilter === 'all' ? '' : SITE_STATUS_LABELS[statusFilter].toLowerCase()} sites
          </h3>
          <p className="panel__text">No site has this status today.</p>
          <button type="button" className="button" onClick={() => setStatusFilter('all')}>
            Show all statuses
          </button>
        </div>
      )}
    </>
  );
}

function countWithStatus(sites: readonly SiteWithOccupancyDto[], status: SiteStatus): number {
  return sites.filter((site) => site.status === status).length;
}
