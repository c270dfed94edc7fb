/**
 * Haven in its own process for the benchmarks: `node --import tsx bench/havenServer.ts <url>
 * <nowIso> [--realtime] [--flush-ms <n>]`. The whole app (auth, validation, audit, presenters) as
 * `npm start` serves it, minus the dashboard, with the clock pinned. Prints `PORT <n>` once
 * listening; stops on SIGTERM.
 *
 * `--realtime` (bench:fanout) attaches Socket.IO as `npm start` does (this process only: no
 * Redis; `--flush-ms` overrides the coalescing interval, for experiments), and notes when each
 * placement's `stay.created` is heard on the domain event bus — one macrotask after its COMMIT
 * succeeded — served as (siteId, version, time) at GET /bench/stamps.
 */
import http from 'node:http';
import { parseArgs } from 'node:util';
import { createApp } from '../server/app';
import { loadConfig } from '../server/config';
import { openDatabase } from '../server/db/database';
import { domainEvents } from '../server/events/bus';
import { configureLogger } from '../server/logging/logger';
import { attachRealtime, type Realtime } from '../server/realtime/server';
import { wallClock, withStamps, type Stamp } from './fanoutShared';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { realtime: { type: 'boolean', default: false }, 'flush-ms': { type: 'string' } },
});
const [url, nowIso] = positionals;
configureLogger({ level: 'warn', json: true });
const db = await openDatabase(url);
const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: url });
const ctx = { config, db, now: () => new Date(nowIso) };
const app = createApp(ctx, { clientDist: null });

const stamps: Stamp[] = [];
const server = http.createServer(values.realtime ? withStamps(stamps, app) : app);
let realtime: Realtime | null = null;
if (values.realtime) {
  // The bus calls listeners of the event's name before catch-all ones such as the realtime layer.
  domainEvents.on('stay.created', ({ sites }) => {
    const at = wallClock();
    for (const { siteId, version } of sites) stamps.push({ siteId, version, at });
  });
  const flush = values['flush-ms'];
  realtime = attachRealtime(server, ctx, {
    redisUrl: null,
    ...(flush === undefined ? {} : { flushIntervalMs: Number(flush) }),
  });
}

server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`PORT ${typeof address === 'object' && address ? address.port : 0}\n`);
});
process.on('SIGTERM', () => {
  void (realtime?.close() ?? Promise.resolve()).finally(() => {
    server.close(() => void db.close().then(() => process.exit(0)));
    server.closeAllConnections();
  });
});
