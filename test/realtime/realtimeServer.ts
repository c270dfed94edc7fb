/**
 * One Haven server process with Socket.IO for the multi-process test:
 * `tsx realtimeServer.ts <databaseUrl> <nowIso> <redisUrl> <streamName>`.
 * Prints `PORT <n>` once listening; stops on SIGTERM. Sessions stay in the database (the test
 * signs in there); Redis carries only the Socket.IO adapter.
 */
import http from 'node:http';
import { createApp } from '../../server/app';
import { loadConfig } from '../../server/config';
import { openDatabase } from '../../server/db/database';
import { configureLogger } from '../../server/logging/logger';
import { attachRealtime } from '../../server/realtime/server';

const [url, nowIso, redisUrl, streamName] = process.argv.slice(2);
configureLogger({ level: 'error', json: false, silent: process.env.TEST_LOGS !== '1' });
const db = await openDatabase(url);
const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: url });
const ctx = { config, db, now: () => new Date(nowIso) };
const server = http.createServer(createApp(ctx, { clientDist: null }));
const realtime = attachRealtime(server, ctx, { redisUrl, streamName, flushIntervalMs: 100 });
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`PORT ${typeof address === 'object' && address ? address.port : 0}\n`);
});
process.on('SIGTERM', () => {
  void realtime.close().finally(() => {
    server.close(() => void db.close().then(() => process.exit(0)));
    server.closeAllConnections();
    setTimeout(() => process.exit(0), 3000).unref();
  });
});
