/**
 * `sites.occupancyVersion`: written by every change to a site's rooms or stays, in the change's
 * own transaction, beside the rows it guards. It is the row two conflicting changes both write
 * (DESIGN §6: on a multi-master cluster only a written row makes the second commit fail), the
 * number the city reader checks its kept sites against (citySnapshot.ts), and what the realtime
 * layer orders a site's updates by. A write to the site row is held until commit, so a use case
 * bumps last (after its room locks, in site id order: the lock order stays rooms, then sites).
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
  // silent: a version bump is not an edit of the site (updatedAt stays).
  await Site.increment({ occupancyVersion: 1 }, { where: { id: ids }, transaction, silent: true });
  const rows = await Site.sequelize!.query<{ id: number; occupancyVersion: number | string }>(
    'SELECT id, occupancyVersion FROM sites WHERE id IN (?) ORDER BY id',
    { type: QueryTypes.SELECT, replacements: [ids], transaction },
  );
  if (rows.length !== ids.length) throw new Error(`Sites ${ids.join(', ')}: not all found`);
  return rows.map((r) => ({ siteId: Number(r.id), version: Number(r.occupancyVersion) }));
}
