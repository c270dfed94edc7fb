import { useId, useMemo, useState, type ReactNode } from 'react';
import type { SiteWithOccupancyDto } from '../../../shared/dto';
import { SITE_STATUSES, type SiteStatus } from '../../../shared/enums';
import { useFormat } from '../format';
import { useMessages } from '../i18n/localeContext';
import { sitesMessages } from './messages';
import { SITE_STATUS_LABEL_KEYS } from './siteLabels';
import { DEFAULT_SITE_SORT, nextSort, sortSites, type SiteSort } from './siteSort';
import { SitesTable } from './SitesTable';

type StatusFilter = SiteStatus | 'all';

function isStatusFilter(value: string): value is StatusFilter {
  return value === 'all' || (SITE_STATUSES as readonly string[]).includes(value);
}

interface Props {
  sites: readonly SiteWithOccupancyDto[];
  linkToBoard?: boolean;
  rowAction?: (site: SiteWithOccupancyDto) => ReactNode;
}

/**
 * The status filter and the sortable table of a non-empty site list (sites view and overview).
 * Filter and sort survive a refresh of the list.
 */
export function FilterableSitesTable({ sites, linkToBoard, rowAction }: Props) {
  const t = useMessages(sitesMessages);
  const { count } = useFormat();
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

  return (
    <>
      <div className="table-toolbar">
        <div className="field">
          <label htmlFor={filterId} className="field__label">
            {t('statusFilter')}
          </label>
          <select
            id={filterId}
            className="field__control"
            value={statusFilter}
            onChange={(event) => {
              if (isStatusFilter(event.target.value)) setStatusFilter(event.target.value);
            }}
          >
            <option value="all">{t('allStatuses', { count: count(sites.length) })}</option>
            {SITE_STATUSES.map((status) => (
              <option key={status} value={status}>
                {t('statusOption', {
                  status: t(SITE_STATUS_LABEL_KEYS[status]),
                  count: count(sites.filter((site) => site.status === status).length),
                })}
              </option>
            ))}
          </select>
        </div>
        <p className="table-toolbar__count">
          {t('showing', { visible: count(visible.length), total: count(sites.length) })}
        </p>
      </div>

      {visible.length > 0 ? (
        <SitesTable
          sites={visible}
          sort={sort}
          onSort={(key) => setSort((current) => nextSort(current, key))}
          linkToBoard={linkToBoard}
          rowAction={rowAction}
        />
      ) : (
        <div className="panel panel--empty">
          <h3 className="panel__title">
            {t('noFilteredTitle', {
              status: statusFilter === 'all' ? '' : t(SITE_STATUS_LABEL_KEYS[statusFilter]),
            })}
          </h3>
          <p className="panel__text">{t('noFilteredText')}</p>
          <button type="button" className="button" onClick={() => setStatusFilter('all')}>
            {t('showAllStatuses')}
          </button>
        </div>
      )}
    </>
  );
}
