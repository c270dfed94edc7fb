import type { Transaction } from 'sequelize';
import { User, UserSite } from '../models';

/** One user with their site ids, or null. */
export async function findUserWithSites(
  id: number,
  transaction?: Transaction,
): Promise<{ user: User; siteIds: number[] } | null> {
  const [user, sites] = await Promise.all([
    User.findByPk(id, { transaction }),
    UserSite.findAll({ where: { userId: id }, attributes: ['siteId'], transaction }),
  ]);
  return user ? { user, siteIds: sites.map((s) => s.siteId) } : null;
}

/** Every user with their site ids, by username. */
export async function listUsersWithSites(): Promise<{ user: User; siteIds: number[] }[]> {
  const [users, links] = await Promise.all([
    User.findAll({ order: [['username', 'ASC']] }),
    UserSite.findAll({ attributes: ['userId', 'siteId'] }),
  ]);
  const byUser = new Map<number, number[]>();
  for (const link of links)
    byUser.set(link.userId, [...(byUser.get(link.userId) ?? []), link.siteId]);
  return users.map((user) => ({ user, siteIds: byUser.get(user.id) ?? [] }));
}
