import type { UserUpdateInput } from '../../shared/auth';
import { inTransaction } from '../db/transaction';
import { emitAfterCommit } from '../events/bus';
import { UserSite } from '../models';
import { presentUser } from '../presenters/user';
import { recordAudit } from './audit';
import type { ServiceContext } from './context';
import {
  assertAnotherAdminRemains,
  assertSitesExist,
  assertSitesFitRole,
  lockUser,
  siteIdsOf,
} from './userRules';

/**
 * Changes a user's display name, role and sites. A role other than site manager drops the sites;
 * a site manager keeps at least one. The last enabled administrator cannot be demoted (409).
 * Takes effect on the user's next request: sessions read the role and sites every time. Their
 * open sockets, whose rooms came from the old role and sites, are closed after commit.
 */
export async function updateUser(
  ctx: ServiceContext,
  userId: number,
  input: UserUpdateInput,
): Promise<{ user: Awaited<ReturnType<typeof lockUser>>; siteIds: number[] }> {
  return inTransaction(ctx.sequelize, async (transaction) => {
    const user = await lockUser(userId, transaction);
    const currentSites = await siteIdsOf(userId, transaction);
    const before = presentUser(user, currentSites);
    const role = input.role ?? user.role;
    if (role !== 'site_manager' && input.siteIds === undefined) input = { ...input, siteIds: [] };
    const siteIds = input.siteIds ?? currentSites;
    assertSitesFitRole(role, siteIds);
    await assertSitesExist(siteIds, transaction);
    if (role !== 'admin') await assertAnotherAdminRemains(user, transaction);

    await user.update(
      {
        ...(input.displayName !== undefined ? { displayName: input.displayName } : {}),
        role,
      },
      { transaction },
    );
    const same =
      siteIds.length === currentSites.length && siteIds.every((id) => currentSites.includes(id));
    if (!same) {
      await UserSite.destroy({ where: { userId }, transaction });
      if (siteIds.length) {
        await UserSite.bulkCreate(
          siteIds.map((siteId) => ({ userId, siteId })),
          { transaction },
        );
      }
    }
    if (role !== before.role || !same) {
      emitAfterCommit(transaction, { name: 'access.changed', payload: { userId } });
    }
    await recordAudit(transaction, ctx.actor, {
      entity: 'user',
      entityId: userId,
      action: 'update',
      before,
      after: presentUser(user, siteIds),
    });
    return { user, siteIds };
  });
}
