/**
 * `npm run db:migrate` — apply pending migrations. `npm run db:migrate -- down` reverts the last
 * one, `-- down --all` reverts all, `-- status` lists applied and pending ones.
 */
import 'dotenv/config';
import { loadConfig } from '../config';
import { configureLogger } from '../logging/logger';
import { createMigrator } from './migrator';
import { openDatabase } from './database';

async function main() {
  const config = loadConfig();
  configureLogger({ level: config.logLevel, json: config.nodeEnv === 'production' });
  const [command = 'up', flag] = process.argv.slice(2);
  const db = await openDatabase(config.databaseUrl);
  const migrator = createMigrator(db.sequelize);
  try {
    if (command === 'up') {
      const done = await migrator.up();
      console.log(done.length ? `Applied ${done.length} migration(s).` : 'Database is up to date.');
    } else if (command === 'down') {
      const done = await migrator.down(flag === '--all' ? { to: 0 } : undefined);
      console.log(`Reverted ${done.length} migration(s).`);
    } else if (command === 'status') {
      for (const m of await migrator.executed()) console.log(`applied  ${m.name}`);
      for (const m of await migrator.pending()) console.log(`pending  ${m.name}`);
    } else {
      console.error(`Unknown command "${command}". Use up, down [--all] or status.`);
      process.exitCode = 2;
    }
  } finally {
    await db.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
