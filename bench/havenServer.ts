/**
 * Haven in its own process for the benchmarks: `node --import tsx bench/havenServer.ts <url>
 * <nowIso>`. The whole app (auth, validation, audit, presenters) as `npm start` serves it, minus
 * the dashboard, with the clock pinned. Prints `PORT <n>` once listening; stops on SIGTERM.
 */
import { createApp } from '../server/app';
import { loadConfig } from '../server/config';
import { openDatabase } from '../server/db/database';
import { configureLogger } from '../server/logging/logger';

const [url, nowIso] = process.argv.slice(2);
configureLogger({ level: 'warn', json: true });
const db = await openDatabase(url);
const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: url });
const app = createApp({ config, db, now: () => new Date(nowIso) }, { clientDist: null });
const server = app.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`PORT ${typeof address === 'object' && address ? address.port : 0}\n`);
});
process.on('SIGTERM', () => {
  server.close(() => void db.close().then(() => process.exit(0)));
  server.closeAllConnections();
});
