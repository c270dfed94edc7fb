/** Checks shared by the user-administration use cases. */
import { Op, type Transaction } from 'sequelize';
import type { Role } from '../../shared/enums';
import { conflict, notFound, validationError } from '../errors';
import { Site, User, UserSite } from '../models';

/** 400 naming `siteIds.N` for each id that is not a site. */
export async function assertSitesExist(siteIds: number[], transaction: Transaction): Promise<void> {
  if (siteIds.length === 0) return;
  const found = await Site.findAll({
    where: { id: { [Op.in]: siteIds } },
    attributes: ['id'],
    transaction,
  });
  const known = new Set(found.map((s) => s.id));
  const missing = siteIds.map((id, index) => ({ id, index })).filter(({ id }) => !known.has(id));
  if (missing.length) {
    throw validationError(
      missing.map(({ id, index }) => ({
        field: `siteIds.${index}`,
        message: `siteIds.${index}: site ${id} does not exist`,
        type: 'any.notFound',
      })),
    );
  }
}

/** A site manager has at least one site; nobody else has any. 400 naming `siteIds` otherwise. */
export function assertSitesFitRole(role: Role, siteIds: number[]): void {
  if (role === 'site_manager' && siteIds.length === 0) {
    throw validationError([
      {
        field: 'siteIds',
        message: 'siteIds: a site manager needs at least one site',
        type: 'any.required',
      },
    ]);
  }
  if (role !== 'site_manager' && siteIds.length > 0) {
    throw validationError([
      { field: 'siteIds', message: 'siteIds: only a site manager has sites', type: 'any.unknown' },
    ]);
  }
}

/** The user, locked for the rest of the transaction; 404 naming `userId` when there is none. */
export async function lockUser(userId: number, transaction: Transaction): Promise<User> {
  const user = await User.findByPk(userId, { transaction, lock: transaction.LOCK.UPDATE });
  if (!user) throw notFound(`User ${userId}`, 'userId');
  return user;
}

export async function siteIdsOf(userId: number, transaction: Transaction): Promise<number[]> {
  const rows = await UserSite.findAll({ where: { userId }, attributes: ['siteId'], transaction });
  return rows.map((r) => r.siteId);
}

/**
 * Refuses (409) a change that would leave no enabled administrator, so the system can always be
 * administered. The enabled admins are locked, so two admins demoting each other at once cannot
 * both succeed.
 */
export async function assertAnotherAdminRemains(
  user: User,
  transaction: Transaction,
): Promise<void> {
  if (user.role !== 'admin' || user.disabledAt !== null) return;
  const admins = await User.findAll({
    where: { role: 'admin', disabledAt: null },
    attributes: ['id'],
    order: [['id', 'ASC']],
    transaction,
    lock: transaction.LOCK.UPDATE,
  });
  if (!admins.some((a) => a.id !== user.id)) {
    throw conflict(
      { code: 'user.lastAdmin', params: {} },
      'This is the last enabled administrator: it cannot be demoted or disabled.',
      [{ field: 'userId', message: 'the last enabled administrator', type: 'user.lastAdmin' }],
    );
  }
}
