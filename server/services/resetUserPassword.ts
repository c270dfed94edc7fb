import { hashPassword } from '../auth/password';
import type { AuthStores } from '../auth/stores';
import { inTransaction } from '../db/transaction';
import { emitAfterCommit } from '../events/bus';
import { recordAudit } from './audit';
import type { ServiceContext } from './context';
import { lockUser } from './userRules';

/**
 * An administrator sets a new password for a user: every session of the user is revoked (whoever
 * held one must sign in with the new password; their open sockets are closed after commit) and
 * the account's lockout is lifted. Audited as
 * `user` / `reset_password`, without the password or its hash.
 */
export async function resetUserPassword(
  ctx: ServiceContext,
  auth: AuthStores,
  userId: number,
  password: string,
): Promise<void> {
  const passwordHash = await hashPassword(password);
  const username = await inTransaction(ctx.sequelize, async (transaction) => {
    const user = await lockUser(userId, transaction);
    await user.update({ passwordHash }, { transaction });
    const revoked = await auth.sessions.revokeUserSessions(userId, ctx.now, { transaction });
    emitAfterCommit(transaction, { name: 'session.revoked', payload: { userId } });
    await recordAudit(transaction, ctx.actor, {
      entity: 'user',
      entityId: userId,
      action: 'reset_password',
      after: { revoked },
    });
    return user.username;
  });
  await auth.throttle.clearAccount(username);
}
