/**
 * `npm run check:invariants`: reports any night of any room over its beds, any room with two
 * parties on one night, any stay inside a room's cleaning buffer, any person with two current
 * stays. Exits 1 on any finding, 2 if it could not run.
 */
import 'dotenv/config';
import { loadConfig } from '../config';
import { openDatabase } from '../db/database';
import { configureLogger } from '../logging/logger';
import { cleaningNights, currentPolicy } from '../services/policy';
import { checkInvariants } from './check';

async function main() {
  const config = loadConfig();
  configureLogger({ level: 'warn', json: config.nodeEnv === 'production' });
  const db = await openDatabase(config.databaseUrl);
  try {
    const started = Date.now();
    const findings = await checkInvariants(db.sequelize, {
      cleaningNights: cleaningNights(await currentPolicy()),
    });
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    if (findings.length === 0) {
      console.log(`No invariant broken (checked in ${seconds} s).`);
      return;
    }
    for (const f of findings) console.log(`${f.rule}: ${f.detail}`);
    console.log(`${findings.length} finding(s) in ${seconds} s.`);
    process.exitCode = 1;
  } finally {
    await db.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(2);
});
