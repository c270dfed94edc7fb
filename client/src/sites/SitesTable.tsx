import type { ReactNode } from 'react';
import type { SiteWithOccupancyDto } from '../../../shared/dto';
import { useFormat } from '../format';
import { useLocale, useMessages } from '../i18n/localeContext';
import { districtName } from '../overview/districts';
import { routeHref } from '../navigation/route';
import { isNearFull } from './capacity';
import { sitesMessages, type SitesMessageKey } from './messages';
import { NearFullMarker } from './NearFullMarker';
import { OccupancyBar } from './OccupancyBar';
import { SITE_KIND_LABEL_KEYS } from './siteLabels';
import type { SiteSort, SiteSortKey } from './siteSort';
import { StatusBadge } from './StatusBadge';

interface Column {
  key: SiteSortKey;
  label: SitesMessageKey;
  numeric?: boolean;
}

const COLUMNS: readonly Column[] = [
  { key: 'code', label: 'colCode' },
  { key: 'name', label: 'colName' },
  { key: 'district', label: 'colDistrict' },
  { key: 'status', label: 'colStatus' },
  { key: 'kind', label: 'colKind' },
  { key: 'beds', label: 'colBeds', numeric: true },
  { key: 'occupied', label: 'colOccupied', numeric: true },
  { key: 'free', label: 'colFree', numeric: true },
  { key: 'utilization', label: 'colUtilization' },
];

interface Props {
  sites: readonly SiteWithOccupancyDto[];
  sort: SiteSort;
  onSort: (key: SiteSortKey) => void;
  /** Site names link to their room board (for roles that may open it). */
  linkToBoard?: boolean;
  /** What the user may do to a site (e.g. activate a standby one), under its status. */
  rowAction?: (site: SiteWithOccupancyDto) => ReactNode;
}

/** The sites with today's occupancy; every column header is a button that sorts by it. */
export function SitesTable({ sites, sort, onSort, linkToBoard = false, rowAction }: Props) {
  const t = useMessages(sitesMessages);
  const { locale } = useLocale();
  const format = useFormat();
  const sortedBy = COLUMNS.find((column) => column.key === sort.key)?.label;
  return (
    <div className="table-frame">
      <table className="sites-table">
        <caption className="visually-hidden">
          {t('tableCaption', {
            column: sortedBy ? t(sortedBy) : sort.key,
            direction: t(sort.direction),
          })}
        </caption>
        <thead>
          <tr>
            {COLUMNS.map((column) => {
              const sorted = column.key === sort.key;
              return (
                <th
                  key={column.key}
                  scope="col"
                  className={`col-${column.key}${column.numeric ? ' num' : ''}`}
                  aria-sort={sorted ? sort.direction : undefined}
                >
                  <button type="button" className="sort-button" onClick={() => onSort(column.key)}>
                    {t(column.label)}
                    <SortIndicator direction={sorted ? sort.direction : null} />
                  </button>
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {sites.map((site) => {
            const nearFull = isNearFull(site.occupancy);
            return (
              <tr key={site.id} className={nearFull ? 'is-near-full' : undefined}>
                <td className="col-code">
                  <span className="code">{site.code}</span>
                </td>
                <th scope="row" className="col-name">
                  {linkToBoard ? (
                    <a href={routeHref({ view: 'siteBoard', siteId: site.id })}>{site.name}</a>
                  ) : (
                    site.name
                  )}
                </th>
                <td className="col-district">
                  {districtName(site.district, locale) ?? ''}{' '}
                  <span className="code">{site.district}</span>
                </td>
                <td className="col-status">
                  <StatusBadge status={site.status} />
                  {rowAction && <div className="row-action">{rowAction(site)}</div>}
                </td>
                <td className="col-kind">{t(SITE_KIND_LABEL_KEYS[site.kind])}</td>
                <td className="num">{format.count(site.occupancy.beds)}</td>
                <td className="num">{format.count(site.occupancy.occupied)}</td>
                <td className="num">{format.count(site.occupancy.free)}</td>
                <td className="col-utilization">
                  <span className="utilization-cell">
                    <OccupancyBar ratio={site.occupancy.utilization} />
                    {nearFull && <NearFullMarker />}
                  </span>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function SortIndicator({ direction }: { direction: 'ascending' | 'descending' | null }) {
  const glyph = direction === 'ascending' ? '▲' : direction === 'descending' ? '▼' : '↕';
  return (
    <span className={`sort-indicator${direction ? ' is-active' : ''}`} aria-hidden="true">
      {glyph}
    </span>
  );
}
