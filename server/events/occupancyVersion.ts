/**
 * Bumps `sites.occupancyVersion` inside the change's transaction and reads the new values back,
 * for the domain event to carry. A write to the site row, so on MySQL it is also held until
 * commit: it is done last in a use case (after the room locks, in site id order) to keep that
 * short and the lock order one-way (rooms, then sites).
 */
import { QueryTypes, type Transaction } from 'sequelize';
import type { SiteVersion } from '../../shared/events';
import { Site } from '../models';

export async function bumpOccupancyVersions(
  transaction: Transaction,
  siteIds: Iterable<number>,
): Promise<SiteVersion[]> {
  const ids = [...new Set(siteIds)].sort((a, b) => a - b);
  if (ids.length === 0) return [];
  const sequelize = Site.sequelize!;
  if (ids.length === 1) return [{ siteId: ids[0], version: await bumpOne(transaction, ids[0]) }];
  await sequelize.query(
    'UPDATE sites SET occupancyVersion = occupancyVersion + 1 WHERE id IN (:ids)',
    { replacements: { ids }, transaction },
  );
  const rows = await sequelize.query<{ id: number; occupancyVersion: number | string }>(
    'SELECT id, occupancyVersion FROM sites WHERE id IN (:ids) ORDER BY id',
    { type: QueryTypes.SELECT, replacements: { ids }, transaction },
  );
  return rows.map((r) => ({ siteId: Number(r.id), version: Number(r.occupancyVersion) }));
}

/**
 * One site (most changes): the new version in the same statement as the bump — SQLite's
 * RETURNING; on MySQL, LAST_INSERT_ID(expr), which the server reports back as the statement's
 * insert id. One round trip less per placement.
 */
async function bumpOne(transaction: Transaction, siteId: number): Promise<number> {
  const sequelize = Site.sequelize!;
  if (sequelize.getDialect() === 'sqlite') {
    const rows = await sequelize.query<{ occupancyVersion: number }>(
      'UPDATE sites SET occupancyVersion = occupancyVersion + 1 WHERE id = :siteId RETURNING occupancyVersion',
      { type: QueryTypes.SELECT, replacements: { siteId }, transaction },
    );
    return Number(rows[0].occupancyVersion);
  }
  const [result] = (await sequelize.query(
    'UPDATE sites SET occupancyVersion = LAST_INSERT_ID(occupancyVersion + 1) WHERE id = :siteId',
    { replacements: { siteId }, transaction },
  )) as unknown as [{ insertId: number | string; affectedRows: number }, unknown];
  if (result.affectedRows !== 1) throw new Error(`Site ${siteId} not found to bump its version`);
  return Number(result.insertId);
}
