/**
 * Fast inserts for the seeders: raw multi-row `INSERT INTO t (cols) VALUES (…),(…)` in chunks,
 * the same on SQLite and MariaDB/MySQL. Values are written as SQL literals (strings escaped by
 * Sequelize for the dialect), so a chunk binds no variables at all; it is still kept under
 * SQLite's 32,766 bound-variable limit (rows × columns) and far under MySQL's max_allowed_packet
 * (16 MiB by default on MariaDB 10.11, 4 MiB on old servers) by a 2 MiB statement size.
 *
 * Ids are not read back: callers insert explicit ids from an `IdSequence` that starts after the
 * table's MAX(id), so child rows can reference their parents in the same batch.
 */
import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';

export type SqlValue = string | number | boolean | Date | null;
export type Row = Readonly<Record<string, SqlValue>>;

const SQLITE_MAX_VARIABLES = 32_766;
const MAX_STATEMENT_CHARS = 2 * 1024 * 1024;

/**
 * A DATETIME(3) literal both dialects read back as the same UTC instant: Sequelize's own SQLite
 * format carries the offset, MySQL runs with timezone +00:00 and takes the bare UTC time.
 */
function dateLiteral(date: Date, dialect: string): string {
  const iso = date.toISOString();
  const text = `${iso.slice(0, 10)} ${iso.slice(11, 23)}`;
  return dialect === 'sqlite' ? `'${text} +00:00'` : `'${text}'`;
}

function literal(sequelize: Sequelize, value: SqlValue): string {
  if (value === null) return 'NULL';
  switch (typeof value) {
    case 'number':
      if (!Number.isFinite(value)) throw new RangeError(`Cannot insert ${value}`);
      return String(value);
    case 'boolean':
      return value ? '1' : '0';
    case 'string':
      return sequelize.escape(value);
    default:
      return dateLiteral(value, sequelize.getDialect());
  }
}

/** Inserts `rows` (all with the keys of the first row) into `table`; nothing for no rows. */
export async function bulkInsert(
  sequelize: Sequelize,
  table: string,
  rows: readonly Row[],
  options: { transaction?: Transaction } = {},
): Promise<void> {
  if (rows.length === 0) return;
  const qi = sequelize.getQueryInterface();
  const columns = Object.keys(rows[0]);
  const head = `INSERT INTO ${qi.quoteIdentifier(table)} (${columns
    .map((c) => qi.quoteIdentifier(c))
    .join(', ')}) VALUES `;
  const maxRows = Math.floor(SQLITE_MAX_VARIABLES / columns.length);
  let tuples: string[] = [];
  let size = head.length;
  const flush = async () => {
    if (tuples.length === 0) return;
    await sequelize.query(head + tuples.join(','), {
      type: QueryTypes.INSERT,
      transaction: options.transaction,
    });
    tuples = [];
    size = head.length;
  };
  for (const row of rows) {
    const tuple = `(${columns.map((c) => literal(sequelize, row[c] ?? null)).join(',')})`;
    if (tuples.length >= maxRows || size + tuple.length + 1 > MAX_STATEMENT_CHARS) await flush();
    tuples.push(tuple);
    size += tuple.length + 1;
  }
  await flush();
}

/** Explicit ids for one table, continuing after the largest id already there. */
export class IdSequence {
  private constructor(private last: number) {}

  static async after(
    sequelize: Sequelize,
    table: string,
    transaction?: Transaction,
  ): Promise<IdSequence> {
    const [row] = await sequelize.query<{ maxId: number | string | null }>(
      `SELECT MAX(id) AS maxId FROM ${sequelize.getQueryInterface().quoteIdentifier(table)}`,
      { type: QueryTypes.SELECT, transaction },
    );
    return new IdSequence(Number(row?.maxId ?? 0));
  }

  next(): number {
    this.last += 1;
    return this.last;
  }
}
