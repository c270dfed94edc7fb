/**
 * `waiting_entries.status` may be `expired` (issue 15): a party whose quarantine ended before a
 * room was found leaves the list with that status, for home follow-up. The database's CHECK is
 * widened in place: MariaDB replaces a column's CHECK with the column (MODIFY); MySQL 8 keeps it
 * as a named table constraint, dropped first; SQLite cannot alter a CHECK, so the table is built
 * again from its own definition with the new list, rows and indexes copied (nothing references
 * the table). Down turns `expired` entries into `cancelled` (they left the list without a room;
 * their reason still says why) and narrows the CHECK again.
 */
import { QueryTypes, type QueryInterface, type Transaction } from 'sequelize';
import type { MigrationFn } from 'umzug';
import { enumColumn } from '../columns';

const BEFORE = ['waiting', 'placed', 'cancelled'];
const AFTER = [...BEFORE, 'expired'];

const statusColumn = (values: string[]) =>
  String(enumColumn('status', values, { defaultValue: 'waiting' }).type);

async function setStatuses(qi: QueryInterface, from: string[], to: string[]): Promise<void> {
  const { sequelize } = qi;
  if (sequelize.getDialect() === 'sqlite') {
    await sequelize.transaction((transaction) => rebuildSqlite(qi, transaction, from, to));
    return;
  }
  const select = <T extends object>(sql: string) =>
    sequelize.query<T>(sql, { type: QueryTypes.SELECT });
  const [{ version }] = await select<{ version: string }>('SELECT VERSION() AS version');
  if (!/mariadb/i.test(version)) {
    const checks = await select<{ name: string }>(
      `SELECT tc.CONSTRAINT_NAME AS name
       FROM information_schema.TABLE_CONSTRAINTS tc
       JOIN information_schema.CHECK_CONSTRAINTS cc
         ON cc.CONSTRAINT_SCHEMA = tc.CONSTRAINT_SCHEMA AND cc.CONSTRAINT_NAME = tc.CONSTRAINT_NAME
       WHERE tc.TABLE_SCHEMA = DATABASE() AND tc.TABLE_NAME = 'waiting_entries'
         AND tc.CONSTRAINT_TYPE = 'CHECK' AND cc.CHECK_CLAUSE LIKE '%status%'`,
    );
    for (const { name } of checks) {
      await sequelize.query(`ALTER TABLE waiting_entries DROP CHECK \`${name}\``);
    }
  }
  await sequelize.query(`ALTER TABLE waiting_entries MODIFY \`status\` ${statusColumn(to)}`);
}

async function rebuildSqlite(
  qi: QueryInterface,
  transaction: Transaction,
  from: string[],
  to: string[],
): Promise<void> {
  const run = (sql: string) => qi.sequelize.query(sql, { transaction });
  const schema = await qi.sequelize.query<{ type: string; sql: string }>(
    "SELECT type, sql FROM sqlite_master WHERE tbl_name = 'waiting_entries' AND sql IS NOT NULL",
    { type: QueryTypes.SELECT, transaction },
  );
  const table = schema.find((s) => s.type === 'table')!.sql;
  const next = table
    .replace(statusColumn(from), statusColumn(to))
    // The name is quoted with backticks as created, with double quotes once a rebuild renamed it.
    .replace(/^CREATE TABLE [`"]waiting_entries[`"]/, 'CREATE TABLE `waiting_entries_next`');
  if (!next.includes(statusColumn(to)) || !next.includes('waiting_entries_next')) {
    throw new Error(`waiting_entries is not as expected: ${table}`);
  }
  await run(next);
  await run('INSERT INTO waiting_entries_next SELECT * FROM waiting_entries');
  await run('DROP TABLE waiting_entries');
  await run('ALTER TABLE waiting_entries_next RENAME TO waiting_entries');
  for (const index of schema.filter((s) => s.type === 'index')) await run(index.sql);
}

export const up: MigrationFn<QueryInterface> = async ({ context: qi }) => {
  await setStatuses(qi, BEFORE, AFTER);
};

export const down: MigrationFn<QueryInterface> = async ({ context: qi }) => {
  await qi.sequelize.query(
    "UPDATE waiting_entries SET status = 'cancelled' WHERE status = 'expired'",
  );
  await setStatuses(qi, AFTER, BEFORE);
};
