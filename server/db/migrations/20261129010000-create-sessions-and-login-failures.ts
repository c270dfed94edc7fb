/**
 * Server-side sessions and the login-failure counters behind the lockout (issue 4, points 1 and 5).
 * A session row is keyed by the SHA-256 of its token: the token itself is never stored, so a copy
 * of the database does not let anyone sign in. Both tables are only used when REDIS_URL is not set.
 */
import { DataTypes, type QueryInterface } from 'sequelize';
import type { MigrationFn } from 'umzug';
import { foreignKey } from '../columns';

const { STRING, INTEGER, DATE, CHAR } = DataTypes;

export const up: MigrationFn<QueryInterface> = async ({ context: qi }) => {
  await qi.createTable('sessions', {
    // Hex SHA-256 of the bearer token.
    id: { type: CHAR(64), primaryKey: true, allowNull: false },
    userId: foreignKey('users', { onDelete: 'CASCADE' }),
    createdAt: { type: DATE(3), allowNull: false },
    lastSeenAt: { type: DATE(3), allowNull: false },
    // Absolute end (createdAt + 12 h); the idle time-out is measured from lastSeenAt.
    expiresAt: { type: DATE(3), allowNull: false },
    revokedAt: { type: DATE(3), allowNull: true },
    ip: { type: STRING(64), allowNull: true },
    userAgent: { type: STRING(255), allowNull: true },
  });
  // "Revoke every session of this user" (disable, password reset) and purging by end time.
  await qi.addIndex('sessions', ['userId'], { name: 'sessions_user' });
  await qi.addIndex('sessions', ['expiresAt'], { name: 'sessions_expires' });

  await qi.createTable('login_failures', {
    // `user:<username>` or `ip:<address>`.
    key: { type: STRING(128), primaryKey: true, allowNull: false },
    failures: { type: INTEGER, allowNull: false },
    // Start of the counting window: failures older than the window start a new count.
    firstAt: { type: DATE(3), allowNull: false },
    lockedUntil: { type: DATE(3), allowNull: true },
  });
  // Purging counters whose window and lock are over.
  await qi.addIndex('login_failures', ['firstAt'], { name: 'login_failures_first' });
};

export const down: MigrationFn<QueryInterface> = async ({ context: qi }) => {
  await qi.dropTable('login_failures');
  await qi.dropTable('sessions');
};
