/**
 * `parties.registeredByUserId` (issue 16): who registered a party, so a site manager sees the
 * parties their sites' users registered while those are not placed anywhere (policies/
 * visibility.ts). Existing parties take it from their creation's audit record. A plain indexed
 * column, no foreign key: users are disabled, never deleted, and SQLite cannot drop a column that
 * a foreign key names (the down migration).
 */
import { DataTypes, QueryTypes, type QueryInterface } from 'sequelize';
import type { MigrationFn } from 'umzug';

export const up: MigrationFn<QueryInterface> = async ({ context: qi }) => {
  await qi.addColumn('parties', 'registeredByUserId', {
    type: DataTypes.INTEGER,
    allowNull: true,
  });
  await qi.addIndex('parties', ['registeredByUserId'], { name: 'parties_registered_by' });
  // From the creation audit records, grouped by user: one UPDATE per user and thousand parties
  // (a correlated subquery would scan the audit trail once per party).
  const created = await qi.sequelize.query<{ partyId: string; userId: number }>(
    `SELECT entityId AS partyId, MIN(actorUserId) AS userId FROM audit_events
     WHERE entity = 'party' AND action = 'create' AND actorUserId IS NOT NULL
     GROUP BY entityId`,
    { type: QueryTypes.SELECT },
  );
  const byUser = new Map<number, number[]>();
  for (const row of created) {
    const partyId = Number(row.partyId);
    if (!Number.isSafeInteger(partyId)) continue;
    byUser.set(Number(row.userId), [...(byUser.get(Number(row.userId)) ?? []), partyId]);
  }
  for (const [userId, partyIds] of byUser) {
    for (let from = 0; from < partyIds.length; from += 1000) {
      await qi.sequelize.query('UPDATE parties SET registeredByUserId = ? WHERE id IN (?)', {
        replacements: [userId, partyIds.slice(from, from + 1000)],
      });
    }
  }
};

export const down: MigrationFn<QueryInterface> = async ({ context: qi }) => {
  await qi.removeIndex('parties', 'parties_registered_by');
  await qi.sequelize.query('ALTER TABLE parties DROP COLUMN registeredByUserId');
};
