/**
 * One Haven server process for the storm test: `tsx stormServer.ts <databaseUrl> <nowIso>`.
 * Prints `PORT <n>` once listening; stops on SIGTERM. Its requests ask its own drainer to drain
 * the waiting list, so drains run in every process, claimed in the database.
 */
import { createApp } from '../../server/app';
import { loadConfig } from '../../server/config';
import { openDatabase } from '../../server/db/database';
import { configureLogger } from '../../server/logging/logger';
import { drainerOf } from '../../server/waitingList/drainer';

const [url, nowIso] = process.argv.slice(2);
configureLogger({ level: 'error', json: false, silent: process.env.TEST_LOGS !== '1' });
const db = await openDatabase(url);
const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: url });
const app = createApp({ config, db, now: () => new Date(nowIso) }, { clientDist: null });
const server = app.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`PORT ${typeof address === 'object' && address ? address.port : 0}\n`);
});
process.on('SIGTERM', () => {
  // The drain stops at its next party and lets go of the claim before the database closes.
  const drainStopped = drainerOf(db.sequelize)?.stop();
  server.close(
    () => void Promise.resolve(drainStopped).then(() => db.close().then(() => process.exit(0))),
  );
  server.closeAllConnections();
});
