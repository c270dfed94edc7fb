/**
 * Bumps `sites.occupancyVersion` inside the change's transaction and reads the new values back,
 * for the domain event to carry. A write to the site row, so on MySQL it is also held until
 * commit: it is done last in a use case (after the room locks, in site id order) to keep that
 * short and the lock order one-way (rooms, then sites).
 */
import type { Transaction } from 'sequelize';
import type { SiteVersion } from '../../shared/events';
import { StatementBatch } from '../db/statementBatch';
import { Site } from '../models';

export async function bumpOccupancyVersions(
  transaction: Transaction,
  siteIds: Iterable<number>,
): Promise<SiteVersion[]> {
  const batch = new StatementBatch(Site.sequelize!);
  const read = queueOccupancyBump(batch, siteIds);
  await batch.run(transaction);
  return read();
}

/**
 * The bump and the read-back in a batch. One site (most changes) in one statement: SQLite's
 * RETURNING; on MySQL LAST_INSERT_ID(expr), which the server reports as the statement's insert id
 * (so it must come after any statement of the batch that reads LAST_INSERT_ID()). Several sites:
 * an UPDATE and a SELECT.
 */
export function queueOccupancyBump(
  batch: StatementBatch,
  siteIds: Iterable<number>,
): () => SiteVersion[] {
  const ids = [...new Set(siteIds)].sort((a, b) => a - b);
  if (ids.length === 0) return () => [];
  if (ids.length === 1) return queueOneBump(batch, ids[0]);
  batch.write('UPDATE sites SET occupancyVersion = occupancyVersion + 1 WHERE id IN (?)', [ids]);
  const rows = batch.select<{ id: number; occupancyVersion: number | string }>(
    'SELECT id, occupancyVersion FROM sites WHERE id IN (?) ORDER BY id',
    [ids],
  );
  return () =>
    rows.value.map((r) => ({ siteId: Number(r.id), version: Number(r.occupancyVersion) }));
}

function queueOneBump(batch: StatementBatch, siteId: number): () => SiteVersion[] {
  if (batch.dialect === 'sqlite') {
    const rows = batch.select<{ occupancyVersion: number }>(
      'UPDATE sites SET occupancyVersion = occupancyVersion + 1 WHERE id = ? RETURNING occupancyVersion',
      [siteId],
    );
    return () => {
      if (rows.value.length !== 1) throw new Error(`Site ${siteId} not found to bump its version`);
      return [{ siteId, version: Number(rows.value[0].occupancyVersion) }];
    };
  }
  const bumped = batch.write(
    'UPDATE sites SET occupancyVersion = LAST_INSERT_ID(occupancyVersion + 1) WHERE id = ?',
    [siteId],
  );
  return () => {
    if (bumped.value.affectedRows !== 1)
      throw new Error(`Site ${siteId} not found to bump its version`);
    return [{ siteId, version: bumped.value.insertId }];
  };
}
