/**
 * `waiting_list_drains` (issue 15): the one row through which server processes take turns to
 * drain the waiting list, one at a time city-wide. A process holds it while `leaseUntil` is in the
 * future (renewed as it works); a process that finds it held sets `rerun`, so the holder runs one
 * more pass before it lets go. The row exists from the start: claiming is a conditional UPDATE.
 */
import { DataTypes, type QueryInterface } from 'sequelize';
import type { MigrationFn } from 'umzug';

export const up: MigrationFn<QueryInterface> = async ({ context: qi }) => {
  await qi.createTable('waiting_list_drains', {
    id: { type: DataTypes.INTEGER, primaryKey: true, allowNull: false },
    holder: { type: DataTypes.STRING(100), allowNull: true },
    leaseUntil: { type: DataTypes.DATE(3), allowNull: true },
    rerun: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
    updatedAt: { type: DataTypes.DATE(3), allowNull: false },
  });
  await qi.bulkInsert('waiting_list_drains', [
    { id: 1, holder: null, leaseUntil: null, rerun: false, updatedAt: new Date() },
  ]);
};

export const down: MigrationFn<QueryInterface> = async ({ context: qi }) => {
  await qi.dropTable('waiting_list_drains');
};
