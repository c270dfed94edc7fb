/**
 * The test database: SQLite in a temporary file by default, MariaDB/MySQL when TEST_DATABASE_URL
 * says so. Migrated once per run (never sync()), emptied before every test.
 */
import { forgetCity } from '../../server/placement/citySnapshot';
import { drainerOf } from '../../server/waitingList/drainer';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, type Database } from '../../server/db/database';
import { dialectOf } from '../../server/db/sequelize';

/** Child tables first, so deletes never trip a foreign key. */
const TABLES = [
  'sessions',
  'login_failures',
  'audit_events',
  'policies',
  'waiting_entries',
  'transfer_manifests',
  'transfers',
  'tests',
  'stays',
  'party_members',
  'parties',
  'persons',
  'user_sites',
  'users',
  'rooms',
  'sites',
];

let database: Database | null = null;
let unavailable: string | null = null;
let sqliteFile: string | null = null;

export function testDatabaseUrl(): string {
  if (process.env.TEST_DATABASE_URL) return process.env.TEST_DATABASE_URL;
  sqliteFile ??= path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'haven-test-')), 'test.sqlite');
  return `sqlite:${sqliteFile}`;
}

/** Opens and migrates the database once. With CI=true an unreachable database is an error. */
export async function startTestDatabase(): Promise<void> {
  const url = testDatabaseUrl();
  try {
    const db = await openDatabase(url, { quietMigrations: true });
    await db.sequelize.authenticate();
    if (dialectOf(url) === 'mysql') await db.sequelize.getQueryInterface().dropAllTables();
    await db.migrate();
    database = db;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    if (process.env.CI === 'true') {
      throw new Error(`Test database ${redact(url)} unreachable: ${reason}`, { cause: error });
    }
    unavailable = reason;
    console.warn(
      `\n!!! TEST DATABASE ${redact(url)} IS NOT REACHABLE (${reason}).\n` +
        '!!! Every database test is SKIPPED. Start the server, or run with CI=true to fail.\n',
    );
  }
}

export async function stopTestDatabase(): Promise<void> {
  if (database) await drainerOf(database.sequelize)?.stop();
  await database?.close();
  database = null;
  if (sqliteFile) fs.rmSync(path.dirname(sqliteFile), { recursive: true, force: true });
}

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}

/** The migrated test database; call from tests inside a suite that used `useTestDatabase()`. */
export function testDb(): Database {
  if (!database) throw new Error('Test database not started (or unavailable)');
  return database;
}

export async function emptyDatabase(db: Database): Promise<void> {
  // A drain the last test asked for finishes first: it must not place into the next test's city.
  const drainer = drainerOf(db.sequelize);
  drainer?.resume();
  await drainer?.idle();
  const qi = db.sequelize.getQueryInterface();
  for (const table of TABLES) await db.sequelize.query(`DELETE FROM ${qi.quoteIdentifier(table)}`);
  // The drain claim is one row the migration made: freed, not deleted.
  await db.sequelize.query(
    'UPDATE waiting_list_drains SET holder = NULL, leaseUntil = NULL, rerun = 0',
  );
  // Ids and versions start again, so what the process kept of the last test's city is wrong now.
  forgetCity(db.sequelize);
}

/**
 * Declares that a suite needs the database: skipped (loudly, once) when it is unreachable outside
 * CI; emptied before each of its tests so every test starts from a clean database.
 */
export function useTestDatabase(): void {
  before(function () {
    if (unavailable !== null) this.skip();
  });
  beforeEach(async () => {
    await emptyDatabase(testDb());
  });
}
