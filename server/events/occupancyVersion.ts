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

/** The bump and the read-back as two statements of a batch (one round trip on MySQL). */
export function queueOccupancyBump(
  batch: StatementBatch,
  siteIds: Iterable<number>,
): () => SiteVersion[] {
  const ids = [...new Set(siteIds)].sort((a, b) => a - b);
  if (ids.length === 0) return () => [];
  batch.write('UPDATE sites SET occupancyVersion = occupancyVersion + 1 WHERE id IN (?)', [ids]);
  const rows = batch.select<{ id: number; occupancyVersion: number | string }>(
    'SELECT id, occupancyVersion FROM sites WHERE id IN (?) ORDER BY id',
    [ids],
  );
  return () =>
    rows.value.map((r) => ({ siteId: Number(r.id), version: Number(r.occupancyVersion) }));
}
