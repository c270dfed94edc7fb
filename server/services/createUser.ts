import type { UserCreateInput } from '../../shared/auth';
import { hashPassword } from '../auth/password';
import { inTransaction } from '../db/transaction';
import { conflict } from '../errors';
import { User, UserSite } from '../models';
import { presentUser } from '../presenters/user';
import { recordAudit } from './audit';
import type { ServiceContext } from './context';
import { assertSitesExist, assertSitesFitRole } from './userRules';

/**
 * Creates a user with a scrypt-hashed password (hashed before the transaction, so no lock waits on
 * the KDF). Usernames are unique: 409 naming `username` (the unique key is the guarantee). A site
 * manager's sites must exist: 400 naming `siteIds.N`. Audited; the password never is.
 */
export async function createUser(
  ctx: ServiceContext,
  input: UserCreateInput,
): Promise<{ user: User; siteIds: number[] }> {
  const siteIds = input.siteIds ?? [];
  assertSitesFitRole(input.role, siteIds);
  const passwordHash = await hashPassword(input.password);
  return inTransaction(ctx.sequelize, async (transaction) => {
    const taken = await User.findOne({ where: { username: input.username }, transaction });
    if (taken) {
      throw conflict(
        { code: 'user.nameTaken', params: { username: input.username } },
        `A user named ${input.username} already exists.`,
        [{ field: 'username', message: 'username is already taken', type: 'any.unique' }],
      );
    }
    await assertSitesExist(siteIds, transaction);
    const user = await User.create(
      {
        username: input.username,
        displayName: input.displayName,
        role: input.role,
        passwordHash,
        disabledAt: null,
      },
      { transaction },
    );
    if (siteIds.length) {
      await UserSite.bulkCreate(
        siteIds.map((siteId) => ({ userId: user.id, siteId })),
        { transaction },
      );
    }
    await recordAudit(transaction, ctx.actor, {
      entity: 'user',
      entityId: user.id,
      action: 'create',
      after: presentUser(user, siteIds),
    });
    return { user, siteIds };
  });
}
