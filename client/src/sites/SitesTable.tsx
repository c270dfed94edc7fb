import type { SiteWithOccupancyDto } from '../../../shared/dto';
import { formatCount } from '../format';
import { isNearFull } from './capacity';
import { NearFullMarker } from './NearFullMarker';
import { OccupancyBar } from './OccupancyBar';
import { SITE_KIND_LABELS } from './siteLabels';
import type { SiteSort, SiteSortKey } from './siteSort';
import { StatusBadge } from './StatusBadge';

interface Column {
  key: SiteSortKey;
  label: string;
  numeric?: boolean;
}

const COLUMNS: readonly Column[] = [
  { key: 'code', label: 'Code' },
  { key: 'name', label: 'Name' },
  { key: 'district', label: 'District' },
  { key: 'status', label: 'Status' },
  { key: 'kind', label: 'Kind' },
  { key: 'beds', label: 'Beds', numeric: true },
  { key: 'occupied', label: 'Occupied', numeric: true },
  { key: 'free', label: 'Free', numeric: true },
  { key: 'utilization', label: 'Utilization' },
];

interface Props {
  sites: readonly SiteWithOccupancyDto[];
  sort: SiteSort;
  onSort: (key: SiteSortKey) => void;
}

/** The sites with today's occupancy; every column header is a button that sorts by it. */
export function SitesTable({ sites, sort, onSort }: Props) {
  const sortedBy = COLUMNS.find((column) => column.key === sort.key)?.label ?? sort.key;
  return (
    <div className="table-frame">
      <table className="sites-table">
        <caption className="visually-hidden">
          Sites and today&apos;s occupancy, sorted by {sortedBy}, {sort.direction}. Select a column
          header to sort by it.
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
                    {column.label}
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
                  {site.name}
                </th>
                <td className="col-district">
                  <span className="code">{site.district}</span>
                </td>
                <td className="col-status">
                  <StatusBadge status={site.status} />
                </td>
                <td className="col-kind">{SITE_KIND_LABELS[site.kind]}</td>
                <td className="num">{formatCount(site.occupancy.beds)}</td>
                <td className="num">{formatCount(site.occupancy.occupied)}</td>
                <td className="num">{formatCount(site.occupancy.free)}</td>
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
