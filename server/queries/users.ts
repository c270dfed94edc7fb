import type { Transaction } from 'sequelize';
import { takeJoinedColumns } from '../db/joinedColumns';
import { User, UserSite } from '../models';

/** What access control reads of a user: who they are, their role, and their sites. */
export interface UserAccess {
  user: Pick<User, 'id' | 'username' | 'displayName' | 'role' | 'disabledAt'>;
  siteIds: number[];
}

/**
 * One user with their site ids, or null: one statement (every API request and socket handshake
 * reads it), a row per site.
 */
export async function findUserWithSites(
  id: number,
  transaction?: Transaction,
): Promise<{ user: User; siteIds: number[] } | null> {
  const rows = await User.sequelize!.query(
    `SELECT u.*, us.siteId AS linkedSiteId
     FROM users u LEFT JOIN user_sites us ON us.userId = u.id
     WHERE u.id = :id`,
    { model: User, mapToModel: true, replacements: { id }, transaction },
  );
  if (rows.length === 0) return null;
  // Sorted here: ORDER BY on the joined table made MariaDB build a temporary table per request.
  const siteIds = rows
    .map((row) => takeJoinedColumns(row, ['linkedSiteId']).linkedSiteId)
    .filter((siteId) => siteId !== null && siteId !== undefined)
    .map(Number)
    .sort((a, b) => a - b);
  return { user: rows[0], siteIds };
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
