/**
 * `npm run db:seed [-- --scale demo|province] [--seed N] [--reset]`: migrates the database of
 * DATABASE_URL and fills it with the demo city (default) or the province-scale data set.
 * Refuses a database that already has sites unless --reset, which empties every table first.
 */
import 'dotenv/config';
import { parseArgs } from 'node:util';
import { authStoresFor, closeAuthStores } from '../server/auth/stores';
import { keysFromConfig } from '../server/personalData/keys';
import { loadConfig } from '../server/config';
import { openDatabase, type Database } from '../server/db/database';
import { dateInZone } from '../shared/dates';
import { DEFAULT_SEED, SEEDED_TABLES, type SeedSummary } from './city';
import { DEMO_LOGINS, isDatabaseEmpty, seedDemoCity } from './demoCity';
import { seedProvince } from './provinceScale';

/** Every table of the schema, children first. */
const ALL_TABLES = [
  // Sessions name users by id: a reset that kept them would hand old tokens to new users.
  'sessions',
  'login_failures',
  'audit_events',
  'transfer_manifests',
  'transfers',
  ...[...SEEDED_TABLES].reverse(),
];

/**
 * Sessions and lockouts kept in Redis (REDIS_URL) outlive the tables: forget them too, or an old
 * token would resolve to whichever new user got its user id.
 */
async function forgetSignIns(config: ReturnType<typeof loadConfig>): Promise<void> {
  if (!config.redisUrl) return;
  const { sessions, throttle } = authStoresFor(config);
  try {
    await sessions.store.forgetAll();
    await throttle.store.forgetAll();
  } finally {
    await closeAuthStores();
  }
}

function parse(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    options: {
      scale: { type: 'string', default: 'demo' },
      seed: { type: 'string', default: String(DEFAULT_SEED) },
      reset: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.scale !== 'demo' && values.scale !== 'province') {
    throw new Error(`--scale must be demo or province, not "${values.scale}"`);
  }
  const seed = Number(values.seed);
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    throw new Error(`--seed must be an integer from 0 to 4294967295, not "${values.seed}"`);
  }
  return { scale: values.scale, seed, reset: values.reset };
}

/** Empties every table; on MySQL with TRUNCATE (fast for millions of rows), on SQLite DELETE. */
async function emptyAllTables(db: Database): Promise<void> {
  const { sequelize } = db;
  const qi = sequelize.getQueryInterface();
  if (sequelize.getDialect() === 'sqlite') {
    await sequelize.transaction(async (transaction) => {
      for (const t of ALL_TABLES)
        await sequelize.query(`DELETE FROM ${qi.quoteIdentifier(t)}`, { transaction });
    });
    await sequelize.query('VACUUM');
    return;
  }
  // TRUNCATE needs foreign key checks off, on the one connection that runs it.
  await sequelize.transaction(async (transaction) => {
    await sequelize.query('SET FOREIGN_KEY_CHECKS = 0', { transaction });
    try {
      for (const t of ALL_TABLES)
        await sequelize.query(`TRUNCATE TABLE ${qi.quoteIdentifier(t)}`, { transaction });
    } finally {
      await sequelize.query('SET FOREIGN_KEY_CHECKS = 1', { transaction });
    }
  });
}

function describe(scale: string, summary: SeedSummary): string {
  const c = summary.counts;
  return (
    `Seeded ${scale}: ${c.sites} sites, ${c.rooms} rooms, ${c.persons} persons, ${c.parties} parties, ` +
    `${c.stays} stays, ${c.tests} tests, ${c.waiting_entries} waiting, ${c.users} users ` +
    `in ${(summary.milliseconds / 1000).toFixed(1)} s`
  );
}

async function main(): Promise<void> {
  const args = parse(process.argv.slice(2));
  const config = loadConfig();
  const db = await openDatabase(config.databaseUrl, { quietMigrations: true });
  try {
    await db.migrate();
    if (args.reset) {
      await emptyAllTables(db);
      await forgetSignIns(config);
    } else if (!(await isDatabaseEmpty(db))) {
      throw new Error('The database already has sites; run with --reset to empty it first');
    }
    const now = new Date();
    const options = {
      seed: args.seed,
      today: dateInZone(now, config.appTimezone),
      now,
      secret: config.sessionSecret,
      keys: keysFromConfig(config),
    };
    if (args.scale === 'demo') {
      console.log(describe('demo', await seedDemoCity(db, options)));
      console.log('Demo logins:');
      for (const login of DEMO_LOGINS) {
        const sites = login.siteCodes ? ` (sites ${login.siteCodes.join(', ')})` : '';
        console.log(`  ${login.role.padEnd(12)} ${login.username} / ${login.password}${sites}`);
      }
    } else {
      const summary = await seedProvince(db, {
        ...options,
        onProgress: (line) => console.log(line),
      });
      console.log(describe('province', summary));
    }
  } finally {
    await db.close();
  }
}

main().catch((error: unknown) => {
  console.error(`db:seed failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
