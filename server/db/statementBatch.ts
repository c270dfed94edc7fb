/**
 * Several SQL statements sent in one round trip, inside a transaction, without the ORM.
 *
 * The hot paths (placement) read and write a dozen small things per request; sent one by one
 * through Sequelize, each costs a socket write that wakes the database plus the ORM's statement
 * and model building — most of a placement's time (BENCHMARKS.md, bench:place). A batch is
 * formatted once with Sequelize's own escaping (the dialect's literals for dates, strings and
 * lists), then:
 *
 * - MySQL/MariaDB: sent as one multi-statement query on the transaction's own connection
 *   (`multipleStatements` is on for Haven's pool: every statement Haven sends is built from
 *   placeholders escaped here or by Sequelize, never from raw input). The server runs them in
 *   order and stops at the first error, which rejects the batch (the transaction then rolls back).
 * - SQLite: run one after another on the transaction's connection (in process: no round trips).
 *
 * Without a transaction the statements go through `sequelize.query` one by one (reads only).
 */
import {
  DatabaseError,
  ForeignKeyConstraintError,
  QueryTypes,
  UniqueConstraintError,
  type Sequelize,
  type Transaction,
} from 'sequelize';
import { committedAhead } from './packedTransaction';

type SqlRow = Record<string, unknown>;

export interface WriteOutcome {
  affectedRows: number;
  /**
   * The id the statement generated: of the row an INSERT of one row wrote (MySQL's insert id,
   * SQLite's last row id), or on MySQL the value given to LAST_INSERT_ID(expr). Only meaningful
   * for those statements.
   */
  insertId: number;
}

interface PendingStatement {
  sql: string;
  kind: 'select' | 'write';
  settle(result: unknown): void;
}

/** What a statement of the batch returned, readable once the batch has run. */
export class StatementResult<T> {
  #value: T | undefined;
  #settled = false;

  /** @internal */
  settle(value: T): void {
    this.#value = value;
    this.#settled = true;
  }

  get value(): T {
    if (!this.#settled) throw new Error('StatementBatch: read a result before the batch ran');
    return this.#value as T;
  }
}

/** `?` placeholders replaced by escaped literals; an array becomes a comma-separated list. */
function formatSql(sequelize: Sequelize, sql: string, params: readonly unknown[]): string {
  let i = 0;
  const text = sql.replace(/\?/g, () => {
    if (i >= params.length) throw new Error(`Too few parameters for: ${sql}`);
    const value = params[i++];
    if (Array.isArray(value)) {
      if (value.length === 0) throw new Error(`Empty list parameter for: ${sql}`);
      return value.map((v) => escapeValue(sequelize, v)).join(', ');
    }
    return escapeValue(sequelize, value);
  });
  if (i !== params.length) throw new Error(`Too many parameters for: ${sql}`);
  return text;
}

/**
 * Sequelize's literal, except a date on MySQL: its escape drops the milliseconds that Haven's
 * DATETIME(3) columns keep. Haven's MySQL connections run in UTC (db/sequelize.ts).
 */
function escapeValue(sequelize: Sequelize, value: unknown): string {
  if (value instanceof Date && sequelize.getDialect() !== 'sqlite') {
    return `'${value.toISOString().slice(0, 23).replace('T', ' ')}'`;
  }
  return sequelize.escape(value as string);
}

interface MysqlConnection {
  query(sql: string, callback: (error: Error | null, results: unknown) => void): void;
}

interface SqliteConnection {
  all(sql: string, callback: (error: Error | null, rows: SqlRow[]) => void): void;
  run(
    sql: string,
    callback: (this: { changes: number; lastID: number }, error: Error | null) => void,
  ): void;
}

export class StatementBatch {
  readonly #sequelize: Sequelize;
  readonly #statements: PendingStatement[] = [];

  constructor(sequelize: Sequelize) {
    this.#sequelize = sequelize;
  }

  /** The database's SQL dialect, for the few statements that differ. */
  get dialect(): string {
    return this.#sequelize.getDialect();
  }

  /** A statement that returns rows. */
  select<T extends object>(sql: string, params: readonly unknown[] = []): StatementResult<T[]> {
    const result = new StatementResult<T[]>();
    this.#statements.push({
      sql: formatSql(this.#sequelize, sql, params),
      kind: 'select',
      settle: (rows) => result.settle(rows as T[]),
    });
    return result;
  }

  /** An INSERT, UPDATE or DELETE: how many rows it changed. */
  write(sql: string, params: readonly unknown[] = []): StatementResult<WriteOutcome> {
    const result = new StatementResult<WriteOutcome>();
    this.#statements.push({
      sql: formatSql(this.#sequelize, sql, params),
      kind: 'write',
      settle: (outcome) => result.settle(outcome as WriteOutcome),
    });
    return result;
  }

  /**
   * Runs every statement added so far, in order, and empties the batch. `commit: true` ends the
   * transaction with the batch (MySQL: COMMIT as its last statement, one round trip less; SQLite:
   * Sequelize commits as usual): nothing may fail in the use case after it.
   */
  async run(
    transaction: Transaction | undefined,
    options: { commit?: boolean } = {},
  ): Promise<void> {
    const statements = this.#statements.splice(0);
    if (statements.length === 0) return;
    const connection = (transaction as unknown as { connection?: unknown } | undefined)?.connection;
    if (!transaction && this.dialect !== 'sqlite' && statements.every((s) => s.kind === 'select')) {
      return this.#onPooledConnection(statements);
    }
    if (!transaction || !connection) {
      for (const s of statements) s.settle(await this.#viaSequelize(s, transaction));
      return;
    }
    try {
      if (this.#sequelize.getDialect() === 'sqlite') {
        for (const s of statements) s.settle(await runOnSqlite(connection as SqliteConnection, s));
      } else {
        const results = await runOnMysql(connection as MysqlConnection, statements, options);
        statements.forEach((s, i) => s.settle(results[i]));
        if (options.commit) committedAhead(connection);
      }
    } catch (error) {
      throw asSequelizeError(error, statements);
    }
  }

  /**
   * Reads outside a transaction (MySQL): one round trip on a connection of Sequelize's pool,
   * without its per-query machinery (an authenticated request's session read is one).
   */
  async #onPooledConnection(statements: readonly PendingStatement[]): Promise<void> {
    const manager = this.#sequelize.connectionManager;
    const connection = await manager.getConnection({ type: 'read' });
    try {
      const results = await runOnMysql(connection as unknown as MysqlConnection, statements, {});
      statements.forEach((s, i) => s.settle(results[i]));
    } catch (error) {
      throw asSequelizeError(error, statements);
    } finally {
      manager.releaseConnection(connection);
    }
  }

  async #viaSequelize(s: PendingStatement, transaction: Transaction | undefined): Promise<unknown> {
    if (s.kind === 'select') {
      return this.#sequelize.query(s.sql, { type: QueryTypes.SELECT, transaction });
    }
    throw new Error('StatementBatch: writes need a transaction');
  }
}

function runOnSqlite(connection: SqliteConnection, s: PendingStatement): Promise<unknown> {
  return new Promise((resolve, reject) => {
    if (s.kind === 'select') {
      connection.all(s.sql, (error, rows) => (error ? reject(error) : resolve(rows)));
    } else {
      connection.run(s.sql, function (error) {
        if (error) reject(error);
        else resolve({ affectedRows: this.changes, insertId: this.lastID });
      });
    }
  });
}

function runOnMysql(
  connection: MysqlConnection,
  statements: readonly PendingStatement[],
  options: { commit?: boolean },
): Promise<unknown[]> {
  const sql = [...statements.map((s) => s.sql), ...(options.commit ? ['COMMIT'] : [])].join(';\n');
  const sent = statements.length + (options.commit ? 1 : 0);
  return new Promise((resolve, reject) =>
    connection.query(sql, (error, results) => {
      if (error) return reject(error);
      // One statement: its result alone; several: one result per statement (COMMIT's last).
      const list = (sent === 1 ? [results] : (results as unknown[])).slice(0, statements.length);
      resolve(
        list.map((r, i) =>
          statements[i].kind === 'select'
            ? r
            : {
                affectedRows: (r as WriteOutcome).affectedRows,
                insertId: Number((r as WriteOutcome).insertId),
              },
        ),
      );
    }),
  );
}

interface DriverError extends Error {
  errno?: number;
  code?: string;
  sql?: string;
}

/**
 * The driver's error as Sequelize would have thrown it, so callers keep one vocabulary: a
 * duplicate key is a UniqueConstraintError (→ 409), everything else a DatabaseError whose
 * `parent` is the driver error (deadlock and lock time-out retries read its errno).
 */
function asSequelizeError(error: unknown, statements: readonly PendingStatement[]): Error {
  const driver = error as DriverError;
  if (!(driver instanceof Error)) return new Error(String(error));
  driver.sql ??= statements.map((s) => s.sql).join(';\n');
  const message = driver.message;
  if (driver.errno === 1062 || /UNIQUE constraint failed/.test(message)) {
    const column =
      /UNIQUE constraint failed: \w+\.(\w+)/.exec(message)?.[1] ?? uniqueKeyColumn(message);
    return new UniqueConstraintError({
      message,
      parent: driver,
      fields: column ? { [column]: null } : {},
    } as ConstructorParameters<typeof UniqueConstraintError>[0]);
  }
  if (
    driver.errno === 1451 ||
    driver.errno === 1452 ||
    /FOREIGN KEY constraint failed/.test(message)
  ) {
    return new ForeignKeyConstraintError({ parent: driver } as ConstructorParameters<
      typeof ForeignKeyConstraintError
    >[0]);
  }
  return new DatabaseError(driver as ConstructorParameters<typeof DatabaseError>[0]);
}

/** MySQL names the key, not the column: Haven's unique keys are named table_column(s). */
function uniqueKeyColumn(message: string): string | null {
  const key = /for key '(?:\w+\.)?(\w+)'/.exec(message)?.[1];
  return key ? (key.split('_').at(-1) ?? null) : null;
}
