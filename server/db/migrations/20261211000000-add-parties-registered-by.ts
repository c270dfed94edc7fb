/**
 * `parties.registeredByUserId` (issue 16): who registered a party, so a site manager sees the
 * parties their sites' users registered while those are not placed anywhere (policies/
 * visibility.ts). Existing parties take it from their creation's audit record. A plain indexed
 * column, no foreign key: users are disabled, never deleted, and SQLite cannot drop a column that
 * a foreign key names (the down migration).
 */
import { DataTypes, type QueryInterface } from 'sequelize';
import type { MigrationFn } from 'umzug';

export const up: MigrationFn<QueryInterface> = async ({ context: qi }) => {
  await qi.addColumn('parties', 'registeredByUserId', {
    type: DataTypes.INTEGER,
    allowNull: true,
  });
  await qi.addIndex('parties', ['registeredByUserId'], { name: 'parties_registered_by' });
  await qi.sequelize.query(
    `UPDATE parties SET registeredByUserId = (
       SELECT MIN(ae.actorUserId) FROM audit_events ae
       WHERE ae.entity = 'party' AND ae.action = 'create'
         AND ae.entityId = CAST(parties.id AS CHAR(20)))`,
  );
};

export const down: MigrationFn<QueryInterface> = async ({ context: qi }) => {
  await qi.removeIndex('parties', 'parties_registered_by');
  await qi.sequelize.query('ALTER TABLE parties DROP COLUMN registeredByUserId');
};
