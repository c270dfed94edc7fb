/**
 * `npm run keys:rotate`: after setting DATA_ENCRYPTION_KEY (new) with a new
 * DATA_ENCRYPTION_KEY_ID, and the old one in DATA_ENCRYPTION_PREVIOUS_KEYS, re-encrypts all
 * personal data with the new key. See README, "Rotating the data key".
 */
import 'dotenv/config';
import { loadConfig } from '../config';
import { openDatabase } from '../db/database';
import { configureLogger } from '../logging/logger';
import { keysFromConfig } from './keys';
import { rotatePersonalDataKeys } from './rotateKeys';

async function main() {
  const config = loadConfig();
  configureLogger({ level: 'warn', json: config.nodeEnv === 'production' });
  const db = await openDatabase(config.databaseUrl);
  try {
    const started = Date.now();
    const { rotated } = await rotatePersonalDataKeys(db.sequelize, keysFromConfig(config), {
      onProgress: (done) => process.stdout.write(`\rre-sealed ${done} people…`),
    });
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(`\nRe-sealed ${rotated} people with key "${config.dataKey.id}" in ${seconds} s.`);
  } finally {
    await db.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
