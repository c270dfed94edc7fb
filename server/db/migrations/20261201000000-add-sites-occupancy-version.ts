/**
 * `sites.occupancyVersion` (issue 5): a per-site counter that every committed change to the site's
 * occupancy increments in its own transaction, so realtime messages carry a number that only grows
 * across every server process, and a client can drop a stale or duplicate one.
 */
import { DataTypes, type QueryInterface } from 'sequelize';
import type { MigrationFn } from 'umzug';

export const up: MigrationFn<QueryInterface> = async ({ context: qi }) => {
  await qi.addColumn('sites', 'occupancyVersion', {
    type: DataTypes.INTEGER,
    allowNull: false,
    defaultValue: 0,
  });
};

/**
 * Plain `DROP COLUMN` (MySQL, MariaDB, SQLite 3.35+): Sequelize's removeColumn on SQLite rebuilds
 * the table, and dropping `sites` there with foreign keys on would cascade to its rooms.
 */
export const down: MigrationFn<QueryInterface> = async ({ context: qi }) => {
  await qi.sequelize.query('ALTER TABLE sites DROP COLUMN occupancyVersion');
};
