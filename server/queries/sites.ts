/** Read side of sites: the listing with today's occupancy in one SQL query. */
import { type Sequelize, type Transaction } from 'sequelize';
import type { Occupancy } from '../../shared/dto';
import type { IsoDate } from '../../shared/dates';
import type { SiteStatus } from '../../shared/enums';
import { takeJoinedColumns } from '../db/joinedColumns';
import { Site } from '../models';
import { OCCUPANCY_COLUMNS, occupancyFromRow, siteOccupancySql } from './occupancy';

export interface SiteFilter {
  ids?: number[];
  status?: SiteStatus[];
  district?: string;
}

export interface SiteWithOccupancy {
  site: Site;
  occupancy: Occupancy;
}

export async function listSitesWithOccupancy(
  sequelize: Sequelize,
  day: IsoDate,
  filter: SiteFilter = {},
  transaction?: Transaction,
): Promise<SiteWithOccupancy[]> {
  const where: string[] = [];
  if (filter.ids) where.push(filter.ids.length ? 's.id IN (:ids)' : '1 = 0');
  const onlySites = (filter.ids?.length ?? 0) > 0;
  if (filter.status?.length) where.push('s.status IN (:status)');
  if (filter.district) where.push('s.district = :district');
  const aggregates = OCCUPANCY_COLUMNS.map((c) => `a.${c} AS ${c}`).join(', ');
  const sites = await sequelize.query(
    `SELECT s.*, ${aggregates}
     FROM sites s
     LEFT JOIN (${siteOccupancySql({ onlySites })}) a ON a.siteId = s.id
     ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
     ORDER BY s.code`,
    {
      model: Site,
      mapToModel: true,
      transaction,
      replacements: {
        day,
        ids: filter.ids ?? [],
        status: filter.status ?? [],
        district: filter.district ?? '',
      },
    },
  );
  return sites.map((site) => ({
    site,
    occupancy: occupancyFromRow(
      takeJoinedColumns(site, OCCUPANCY_COLUMNS) as Partial<Record<string, number>>,
    ),
  }));
}
