/**
 * Builds the Sequelize instance for a DATABASE_URL. SQLite is the embedded default; mysql:// and
 * mariadb:// select MySQL 8 / MariaDB 10.11+ through mysql2.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Sequelize, type Options } from 'sequelize';
import { getLogger } from '../logging/logger';
import { CHARSET, COLLATION } from './charset';

const log = getLogger('db');

export type Dialect = 'sqlite' | 'mysql';

export function dialectOf(url: string): Dialect {
  return url.startsWith('sqlite:') ? 'sqlite' : 'mysql';
}

/** `sqlite:data/haven.sqlite`, `sqlite::memory:` or `sqlite:/abs/path.sqlite` → storage path. */
export function sqliteStorage(url: string): string {
  const rest = url.slice('sqlite:'.length).replace(/^\/\//, '');
  return rest === '' ? ':memory:' : rest;
}

export function createSequelize(url: string, options: { logSql?: boolean } = {}): Sequelize {
  const logging = options.logSql ? (sql: string) => log.debug(sql) : false;
  const common: Options = {
    logging,
    define: { underscored: false, freezeTableName: false },
  };
  if (dialectOf(url) === 'sqlite') {
    const storage = sqliteStorage(url);
    if (storage !== ':memory:')
      fs.mkdirSync(path.dirname(path.resolve(storage)), { recursive: true });
    // Sequelize's SQLite dialect opens one connection per transaction and turns foreign keys on
    // for each; there is no pool to size.
    return new Sequelize({ ...common, dialect: 'sqlite', storage });
  }
  const sequelize = new Sequelize(url.replace(/^mariadb:/, 'mysql:'), {
    ...common,
    dialect: 'mysql',
    timezone: '+00:00',
    pool: { max: 20, min: 0, idle: 10_000, acquire: 30_000 },
    dialectOptions: {
      dateStrings: false,
      supportBigNumbers: true,
      decimalNumbers: true,
      // mysql2's default too, said here so it never depends on the library (see prepareMysql).
      charset: COLLATION.toUpperCase(),
    },
  });
  sequelize.addHook('afterConnect', async (connection) => {
    await prepareMysql(connection as RawConnection);
  });
  return sequelize;
}

interface RawConnection {
  query(sql: string, callback: (error: Error | null, rows: unknown) => void): void;
}

const rawQuery = (connection: RawConnection, sql: string) =>
  new Promise<unknown>((resolve, reject) =>
    connection.query(sql, (error, rows) => (error ? reject(error) : resolve(rows))),
  );

/**
 * Every connection runs READ COMMITTED (inTransaction relies on it: a check made after taking a
 * row lock must read what the previous lock holder committed), set once here rather than by a
 * `SET TRANSACTION` before each transaction, a round trip per placement.
 *
 * MariaDB's `split_materialized` optimisation turns the per-site occupancy aggregate (a derived
 * table joined to sites) into a correlated plan that did not finish in 60 s on the province seed;
 * without it the query takes ~120 ms (BENCHMARKS.md). MySQL has no such switch.
 *
 * Text travels as utf8mb4 (`charset.ts`): the handshake asks for it, but a server started with
 * `character-set-client-handshake = OFF` ignores that and uses its own default, so it is set
 * again here.
 */
async function prepareMysql(connection: RawConnection): Promise<void> {
  await rawQuery(connection, `SET NAMES ${CHARSET} COLLATE ${COLLATION}`);
  await rawQuery(connection, 'SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED');
  const rows = (await rawQuery(connection, 'SELECT VERSION() AS version')) as { version: string }[];
  if (/mariadb/i.test(rows[0]?.version ?? '')) {
    await rawQuery(connection, "SET SESSION optimizer_switch = 'split_materialized=off'");
  }
}

/** Pragmas that make the embedded database safe for a server: WAL, foreign keys, busy wait. */
export async function prepareConnection(sequelize: Sequelize): Promise<void> {
  if (sequelize.getDialect() !== 'sqlite') return;
  await sequelize.query('PRAGMA foreign_keys = ON');
  await sequelize.query('PRAGMA busy_timeout = 5000');
  if (sequelize.getDatabaseName() !== ':memory:') {
    await sequelize.query('PRAGMA journal_mode = WAL');
  }
}
