/**
 * `npm start`: validate the environment, migrate, seed the demo city into an empty database,
 * build the dashboard if it is not built, then serve API and dashboard on one port.
 * Shuts down cleanly on SIGTERM / SIGINT.
 */
import 'dotenv/config';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { createApp, CLIENT_DIST } from './app';
import { closeAuthStores } from './auth/stores';
import { ConfigError, loadConfig, type Config } from './config';
import { openDatabase, type Database } from './db/database';
import { configureLogger, getLogger } from './logging/logger';
import { keysFromConfig } from './personalData/keys';
import { attachRealtime } from './realtime/server';
import { attachDrainer } from './waitingList/drainer';
import { dateInZone } from '../shared/dates';

const log = getLogger('app');

function readConfig(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}

async function seedIfEmpty(db: Database, config: Config): Promise<boolean> {
  const { isDatabaseEmpty, seedDemoCity } = await import('../seeders/demoCity');
  if (!(await isDatabaseEmpty(db))) return false;
  log.info('Empty database: seeding the demo city');
  const now = new Date();
  const summary = await seedDemoCity(db, {
    today: dateInZone(now, config.appTimezone),
    now,
    secret: config.sessionSecret,
    keys: keysFromConfig(config),
  });
  log.info(`Demo city seeded in ${Math.round(summary.milliseconds)} ms`);
  return true;
}

async function buildClientIfMissing(): Promise<void> {
  if (fs.existsSync(path.join(CLIENT_DIST, 'index.html'))) return;
  log.info('Dashboard not built yet: building it once (vite build)');
  const { build } = await import('vite');
  await build({ configFile: path.resolve('vite.config.ts'), logLevel: 'warn' });
}

async function main() {
  const config = readConfig();
  configureLogger({ level: config.logLevel, json: config.nodeEnv === 'production' });
  if (config.dataKey.isDefault) {
    log.warn(
      '!!! DATA_ENCRYPTION_KEY is not set: personal data is encrypted with a key derived from ' +
        'the session secret. Production refuses to start without it.',
    );
  }
  if (config.sessionSecretIsDefault) {
    log.warn(
      '!!! SESSION_SECRET is not set: using the built-in development secret. ' +
        'Never run like this with real data; production refuses to start without it.',
    );
  }
  const db = await openDatabase(config.databaseUrl);
  const applied = await db.migrate();
  if (applied.length) log.info(`Applied migrations: ${applied.join(', ')}`);
  const seeded = await seedIfEmpty(db, config);
  await buildClientIfMissing();

  const ctx = { config, db, now: () => new Date() };
  const app = createApp(ctx);
  const server = http.createServer(app);
  // Socket.IO on the same port: live occupancy (REDIS_URL: shared with every other process).
  const realtime = attachRealtime(server, ctx);
  await new Promise<void>((resolve) => server.listen(config.port, resolve));
  // Drains the waiting list now (resuming a drain a stopped process left) and then periodically.
  const drainer = attachDrainer(ctx);
  drainer.start(config.waitingListDrainIntervalMs);
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const { DEMO_LOGINS } = await import('../seeders/demoCity');
  console.log(
    [
      '',
      `Haven is running at http://localhost:${port}/`,
      `  API docs: http://localhost:${port}/api/docs`,
      `  Database: ${db.sequelize.getDialect()}${seeded ? ' (demo city seeded just now)' : ''}`,
      '  Demo logins (username / password / role):',
      ...DEMO_LOGINS.map((l) => `    ${l.username.padEnd(14)} ${l.password.padEnd(20)} ${l.role}`),
      '',
    ].join('\n'),
  );

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info(`${signal} received: closing`);
    // Stop accepting, let in-flight requests and the drain's current placement finish (a pass
    // stops at the next party; the next process to drain carries on), then release the database.
    void realtime.close();
    const drainStopped = drainer.stop();
    server.close(() => {
      drainStopped
        .then(() => Promise.all([db.close(), closeAuthStores()]))
        .then(
          () => process.exit(0),
          () => process.exit(1),
        );
    });
    server.closeIdleConnections();
    setTimeout(() => process.exit(1), 10_000).unref();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((error: unknown) => {
  log.error('Start-up failed', { error });
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
