/**
 * Text on MySQL / MariaDB is utf8mb4, whatever the server's or the database's default: a latin1
 * default would refuse (or turn into `?`) a Chinese site name, and MySQL's `utf8` is utf8mb3,
 * which has no room for characters outside the BMP. utf8mb4_unicode_ci is the collation both
 * MySQL 8 and MariaDB 10.11+ have. SQLite always stores UTF-8 and ignores all of this.
 *
 * The connection says so too (`sequelize.ts`), and every table a migration creates goes through
 * `createTable` below; tables made before 20261216000000-tables-in-utf8mb4 were converted by it.
 */
import type { ModelAttributes, QueryInterface, QueryInterfaceCreateTableOptions } from 'sequelize';

export const CHARSET = 'utf8mb4';
export const COLLATION = 'utf8mb4_unicode_ci';

/** `qi.createTable` with the table's character set and collation spelled out. */
export function createTable(
  qi: QueryInterface,
  table: string,
  attributes: ModelAttributes,
  options: QueryInterfaceCreateTableOptions = {},
): Promise<void> {
  return qi.createTable(table, attributes, { charset: CHARSET, collate: COLLATION, ...options });
}
