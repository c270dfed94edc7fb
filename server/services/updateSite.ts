import type { SiteUpdateInput } from '../../shared/dto';
import { inTransaction } from '../db/transaction';
import { emitAfterCommit } from '../events/bus';
import { notFound } from '../errors';
import { Site } from '../models';
import { presentSite } from '../presenters/site';
import { recordAudit } from './audit';
import type { ServiceContext } from './context';

/**
 * Changes a site's descriptive fields (not its code or status: status has its own use cases).
 * The row is locked for the change; the audit event holds before and after.
 */
export async function updateSite(
  ctx: ServiceContext,
  siteId: number,
  changes: SiteUpdateInput,
): Promise<Site> {
  return inTransaction(ctx.sequelize, async (transaction) => {
    const site = await Site.findByPk(siteId, { transaction, lock: transaction.LOCK.UPDATE });
    if (!site) throw notFound(`Site ${siteId}`, 'siteId');
    const before = presentSite(site);
    await site.update(changes, { transaction });
    await recordAudit(transaction, ctx.actor, {
      entity: 'site',
      entityId: site.id,
      action: 'update',
      before,
      after: presentSite(site),
    });
    // Descriptive fields only: the occupancy (and its version) is unchanged.
    emitAfterCommit(transaction, {
      name: 'site.changed',
      payload: { action: 'update', siteId: site.id, status: site.status, sites: [] },
    });
    return site;
  });
}
