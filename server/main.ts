/**
 * `npm start`: validate the environment, check the port is free, migrate, seed the demo city into
 * an empty database (never with NODE_ENV=production: there the first administrator comes from
 * `npm run users:create-admin`), build the dashboard if it is not built, then serve API and
 * dashboard on one port. Shuts down cleanly on SIGTERM / SIGINT.
 *
 * `npm start` runs `exec node --import tsx server/main.ts`: npm passes SIGTERM only to the shell
 * it started, and dash (Debian's /bin/sh) does not exec a lone command, so without `exec` the
 * shell dies and this process lives on, still listening (with the `tsx` command there was one
 * more process, tsx itself, in between). With `exec` and tsx as an import hook this process is
 * npm's child and gets the signal.
 */
import 'dotenv/config';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { createApp, CLIENT_DIST } from './app';
import { closeAuthStores } from './auth/stores';
import { ConfigError, loadConfig, type Config } from './config';
import { openDatabase, type Database } from './db/database';
import { User } from './models';
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

/** The one line for a port the server cannot listen on, or null for any other error. */
function portProblem(error: unknown, port: number): string | null {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === 'EADDRINUSE') return `Port ${port} is in use: set PORT to a free port`;
  if (code === 'EACCES') return `Port ${port} needs privileges: set PORT to a port above 1023`;
  return null;
}

/**
 * Stops with one line when the port cannot be listened on, before the database is opened: a
 * second `npm start` must not migrate or seed anything. The port is tried by listening on it the
 * way the server will (all interfaces) and closing at once; listening first and answering 503
 * while migrating would need an app without its database. Another process may still take the
 * port meanwhile: `listen` below reports that with the same line.
 */
async function checkPort(port: number): Promise<void> {
  if (port === 0) return;
  const probe = net.createServer();
  try {
    await new Promise<void>((resolve, reject) => {
      probe.once('error', reject);
      probe.listen(port, resolve);
    });
  } catch (error) {
    failOnPort(error, port);
  }
  await new Promise((resolve) => probe.close(resolve));
}

function failOnPort(error: unknown, port: number): never {
  const line = portProblem(error, port);
  if (line === null) throw error;
  console.error(line);
  process.exit(1);
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
  await checkPort(config.port);
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
  // Production never ships the demo city or its published passwords: its first administrator
  // comes from `npm run users:create-admin`.
  const production = config.nodeEnv === 'production';
  const seeded = production ? false : await seedIfEmpty(db, config);
  const noAdmin =
    production && (await User.count({ where: { role: 'admin', disabledAt: null } })) === 0;
  await buildClientIfMissing();

  const ctx = { config, db, now: () => new Date() };
  const app = createApp(ctx);
  const server = http.createServer(app);
  // Socket.IO on the same port: live occupancy (REDIS_URL: shared with every other process).
  const realtime = attachRealtime(server, ctx);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, () => {
      server.off('error', reject);
      resolve();
    });
  }).catch((error: unknown) => failOnPort(error, config.port));
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
      ...(production
        ? noAdmin
          ? ['  No administrator yet: create the first one with `npm run users:create-admin`.']
          : []
        : [
            '  Demo logins (username / password / role):',
            ...DEMO_LOGINS.map(
              (l) => `    ${l.username.padEnd(14)} ${l.password.padEnd(20)} ${l.role}`,
            ),
          ]),
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
