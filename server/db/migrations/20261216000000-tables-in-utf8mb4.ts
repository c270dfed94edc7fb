/**
 * Every table in utf8mb4 (issue 16, point 10). The tables made by the earlier migrations took the
 * database's default character set, so on a latin1 server a Chinese site name could not be
 * stored. Each table that is not utf8mb4 already is converted, data included; one that is keeps
 * its collation. Tables created after this migration get the character set from `createTable`
 * (`../charset.ts`). MySQL's DDL commits by itself, so there is no transaction: a run stopped
 * half-way converts the rest when run again. A latin1 TEXT column becomes MEDIUMTEXT, MySQL's
 * way to keep the same number of characters in four-byte ones.
 *
 * Down changes nothing: the character set each table had is not recorded, and converting back
 * to latin1 would destroy the text that only utf8mb4 can hold. SQLite stores UTF-8 always.
 */
import { QueryTypes, type QueryInterface } from 'sequelize';
import type { MigrationFn } from 'umzug';
import { CHARSET, COLLATION } from '../charset';

export const up: MigrationFn<QueryInterface> = async ({ context: qi }) => {
  const { sequelize } = qi;
  if (sequelize.getDialect() === 'sqlite') return;
  const tables = await sequelize.query<{ name: string }>(
    `SELECT TABLE_NAME AS name FROM information_schema.TABLES
     WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'BASE TABLE'
       AND TABLE_COLLATION NOT LIKE 'utf8mb4%'
     ORDER BY TABLE_NAME`,
    { type: QueryTypes.SELECT },
  );
  for (const { name } of tables) {
    await sequelize.query(
      `ALTER TABLE ${qi.quoteIdentifier(name)} CONVERT TO CHARACTER SET ${CHARSET} COLLATE ${COLLATION}`,
    );
  }
};

export const down: MigrationFn<QueryInterface> = async () => {};
