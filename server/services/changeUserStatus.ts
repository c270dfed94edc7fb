import type { AuthStores } from '../auth/stores';
import { inTransaction } from '../db/transaction';
import { emitAfterCommit } from '../events/bus';
import { conflict } from '../errors';
import type { User } from '../models';
import { presentUser } from '../presenters/user';
import { recordAudit } from './audit';
import type { ServiceContext } from './context';
import { assertAnotherAdminRemains, lockUser, siteIdsOf } from './userRules';

/**
 * Disables a user (every session revoked in the same step: the next request with any of their
 * tokens gets 401, in every process, and their open sockets are closed after commit) or enables
 * them again. Disabling a disabled user, or
 * enabling an enabled one, is a 409; the last enabled administrator cannot be disabled. Audited.
 */
export async function changeUserStatus(
  ctx: ServiceContext,
  auth: AuthStores,
  userId: number,
  action: 'disable' | 'enable',
): Promise<{ user: User; siteIds: number[] }> {
  return inTransaction(ctx.sequelize, async (transaction) => {
    const user = await lockUser(userId, transaction);
    const disabled = user.disabledAt !== null;
    if (disabled === (action === 'disable')) {
      throw conflict(
        {
          code: 'user.alreadyInStatus',
          params: { username: user.username, disabled: disabled ? 'true' : 'false' },
        },
        `User ${user.username} is already ${disabled ? 'disabled' : 'enabled'}.`,
        [
          {
            field: 'userId',
            message: `user is ${disabled ? 'disabled' : 'enabled'}`,
            type: 'user.status',
          },
        ],
      );
    }
    if (action === 'disable') await assertAnotherAdminRemains(user, transaction);
    const siteIds = await siteIdsOf(userId, transaction);
    const before = presentUser(user, siteIds);
    await user.update({ disabledAt: action === 'disable' ? ctx.now : null }, { transaction });
    const revoked =
      action === 'disable'
        ? await auth.sessions.revokeUserSessions(userId, ctx.now, { transaction })
        : 0;
    if (action === 'disable') {
      emitAfterCommit(transaction, { name: 'session.revoked', payload: { userId } });
    }
    await recordAudit(transaction, ctx.actor, {
      entity: 'user',
      entityId: userId,
      action,
      before,
      after: { ...presentUser(user, siteIds), ...(action === 'disable' ? { revoked } : {}) },
    });
    return { user, siteIds };
  });
}
