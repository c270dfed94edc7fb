import type { SiteCreateInput } from '../../shared/dto';
import { inTransaction } from '../db/transaction';
import { emitAfterCommit } from '../events/bus';
import { conflict } from '../errors';
import { Site } from '../models';
import { presentSite } from '../presenters/site';
import { recordAudit } from './audit';
import type { ServiceContext } from './context';

/**
 * Registers a site. Codes are unique: a taken code is a 409 naming `code` (the unique key in the
 * database is the guarantee; the lookup only makes the message clear). Audited.
 */
export async function createSite(ctx: ServiceContext, input: SiteCreateInput): Promise<Site> {
  return inTransaction(ctx.sequelize, async (transaction) => {
    const taken = await Site.findOne({ where: { code: input.code }, transaction });
    if (taken) {
      throw conflict(
        { code: 'site.codeTaken', params: { code: input.code } },
        `A site with code ${input.code} already exists.`,
        [{ field: 'code', message: 'code is already taken', type: 'any.unique' }],
      );
    }
    const site = await Site.create(
      {
        code: input.code,
        name: input.name,
        district: input.district,
        address: input.address,
        latitude: input.latitude,
        longitude: input.longitude,
        kind: input.kind,
        status: input.status ?? 'preparing',
        acceptedCategories: input.acceptedCategories ?? [],
        contactName: input.contactName ?? null,
        contactPhone: input.contactPhone ?? null,
        activationLeadHours: input.activationLeadHours ?? null,
      },
      { transaction },
    );
    await recordAudit(transaction, ctx.actor, {
      entity: 'site',
      entityId: site.id,
      action: 'create',
      after: presentSite(site),
    });
    emitAfterCommit(transaction, {
      name: 'site.changed',
      payload: {
        action: 'create',
        siteId: site.id,
        status: site.status,
        sites: [{ siteId: site.id, version: 0 }],
      },
    });
    return site;
  });
}
