/**
 * `npm run bench:fanout` — realtime fan-out (issue 5): how long after a placement commits do
 * 1,000 dashboards have its `site.occupancy`, next to the floor measured in the same run.
 *
 * Processes, all on this machine (so one clock):
 *   driver   this file: places the parties over HTTP, collects the times, prints the table;
 *   clients  bench/fanoutClients.ts: 1,000 socket.io-client WebSocket connections, signed in as
 *            an official (room `overview`), noting when each copy of a message arrives;
 *   Haven    bench/havenServer.ts --realtime: the app with Socket.IO as `npm start` serves it,
 *            noting when each placement's `stay.created` is heard after COMMIT;
 *   floor    bench/fanoutFloor.ts: a bare Socket.IO server that broadcasts a message of the same
 *            shape and size to the same 1,000 clients when told, noting when it was told.
 *
 * Haven runs first: `--warm-up` (10) placements, not counted, then `--placements` (100), one
 * every `--pace-ms` (100 ms, start to start; the next waits if one takes longer), each
 * `POST /api/parties` (one close contact) then `POST /api/parties/:id/placement` into a room of
 * its own site, so each placement makes exactly one `site.occupancy` (siteId, version); the
 * sites (4 single rooms each) are made over the API before the clients connect. Then the floor,
 * with the same clients process, broadcasts as many messages on the schedule Haven's commits
 * actually kept (on a loaded machine placements fall behind the pace, and a floor sent faster
 * would queue up in the clients and look slower than Haven). Latency of a copy = its arrival at
 * a client − its message's due time (commit, or the floor's order).
 *
 * Options: --db <url> (default a SQLite file under /tmp, made anew; a mysql:// URL must not name
 * the tests' `test` database, e.g. mysql://root@127.0.0.1:3306/test_fanout, whose tables are
 * dropped), --clients, --placements, --warm-up, --pace-ms, --flush-ms (Haven's coalescing
 * interval instead of its default, for experiments).
 */
import fs from 'node:fs';
import os from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import type { ChildProcess } from 'node:child_process';
import { openDatabase } from '../server/db/database';
import { dialectOf, sqliteStorage } from '../server/db/sequelize';
import { configureLogger } from '../server/logging/logger';
import { addDays } from '../shared/dates';
import { idNumberCheckDigit } from '../shared/idNumber';
import {
  STAMPS_PATH,
  type ClientsCommand,
  type ClientsReply,
  type Receipts,
  type Stamp,
} from './fanoutShared';
import {
  BENCH_OFFICIAL,
  BENCH_USER,
  ensureBenchUser,
  ensureMysqlDatabase,
  fmt,
  login,
  machine,
  NOW,
  percentile,
  spawnScript,
  startServer,
  stopChild,
  table,
  TODAY,
} from './lib';

const { values: options } = parseArgs({
  options: {
    db: { type: 'string', default: 'sqlite:/tmp/haven-bench-fanout.sqlite' },
    clients: { type: 'string', default: '1000' },
    placements: { type: 'string', default: '100' },
    'warm-up': { type: 'string', default: '10' },
    'pace-ms': { type: 'string', default: '100' },
    'flush-ms': { type: 'string' },
  },
});
const DATABASE_URL = options.db;
const CLIENTS = Number(options.clients);
const PLACEMENTS = Number(options.placements);
const WARM_UP = Number(options['warm-up']);
const PACE_MS = Number(options['pace-ms']);
const MESSAGES = WARM_UP + PLACEMENTS;
const TARGET_P99_MS = 250;
const TARGET_RATIO = 1.5;
/** Waiting for the last copies gives up after this long without a new one. */
const STALL_MS = 30_000;

/** The clients process, one command at a time. */
class Clients {
  readonly #child: ChildProcess;

  constructor() {
    this.#child = spawnScript('fanoutClients.ts', [], {
      logFile: '/tmp/haven-bench-fanout-clients.log',
      ipc: true,
    });
  }

  send<C extends ClientsCommand['cmd']>(
    command: Extract<ClientsCommand, { cmd: C }>,
  ): Promise<Extract<ClientsReply, { cmd: C }>> {
    return new Promise((resolve, reject) => {
      const onExit = (code: number | null) =>
        reject(new Error(`clients process exited with ${code}`));
      this.#child.once('exit', onExit);
      this.#child.once('message', (reply: Extract<ClientsReply, { cmd: C }>) => {
        this.#child.off('exit', onExit);
        resolve(reply);
      });
      this.#child.send(command);
    });
  }

  stop = () => stopChild(this.#child);
}

/** One side of the comparison: where the clients connect and how the k-th message is made due. */
interface Target {
  name: string;
  url: string;
  token: string | null;
  /** Makes message k due; resolves when the server has answered. Returns its site. */
  trigger(k: number): Promise<number>;
}

interface Measured {
  name: string;
  /** When each message (warm-up included) became due, in ms after the first. */
  schedule: number[];
  messages: number;
  /** Latency of every copy that arrived, ascending. */
  copies: number[];
  missing: number;
  /** Per message: its first and its last copy (the moment all clients had it). */
  first: number[];
  last: number[];
  disconnected: number;
}

/** Makes message k due `schedule[k]` ms after the first, waiting the next when one is late. */
async function measure(clients: Clients, target: Target, schedule: number[]): Promise<Measured> {
  const opened = await clients.send({
    cmd: 'connect',
    url: target.url,
    token: target.token,
    count: CLIENTS,
  });
  console.log(
    `${target.name}: ${opened.connected} clients connected in ${fmt(opened.ms / 1000, 1)} s` +
      (opened.failed.length ? `, ${opened.failed.length} failed (${opened.failed[0]})` : ''),
  );
  await sleep(1000); // let the connection burst (and Haven's snapshot.reload) settle
  await clients.send({ cmd: 'take' });

  const measuredSites = new Set<number>();
  const started = performance.now();
  for (let k = 0; k < MESSAGES; k++) {
    await sleep(Math.max(0, started + schedule[k] - performance.now()));
    const siteId = await target.trigger(k);
    if (k >= WARM_UP) measuredSites.add(siteId);
  }
  const took = performance.now() - started;
  let seen = -1;
  let lastProgress = performance.now();
  let disconnected: number;
  for (;;) {
    const { copies, disconnected: gone } = await clients.send({ cmd: 'count' });
    disconnected = gone;
    if (copies >= MESSAGES * (CLIENTS - gone)) break;
    if (copies !== seen) [seen, lastProgress] = [copies, performance.now()];
    else if (performance.now() - lastProgress > STALL_MS) break;
    await sleep(100);
  }
  const { receipts } = await clients.send({ cmd: 'take' });
  await clients.send({ cmd: 'disconnect' });
  const stamps = (await (await fetch(`${target.url}${STAMPS_PATH}`)).json()) as Stamp[];
  console.log(
    `${target.name}: ${MESSAGES} messages made due in ${fmt(took / 1000, 2)} s; ` +
      `load average ${os.loadavg()[0].toFixed(2)}`,
  );
  const due = stamps.map((s) => s.at).sort((a, b) => a - b);
  return {
    ...latencies(
      target.name,
      stamps.filter((s) => measuredSites.has(s.siteId)),
      receipts,
      disconnected,
    ),
    schedule: due.map((at) => at - due[0]),
  };
}

function latencies(
  name: string,
  stamps: Stamp[],
  receipts: Receipts[],
  disconnected: number,
): Omit<Measured, 'schedule'> {
  const arrived = new Map(receipts.map((r) => [`${r.siteId}:${r.version}`, r.at]));
  const copies: number[] = [];
  const first: number[] = [];
  const last: number[] = [];
  let missing = 0;
  for (const stamp of stamps) {
    const times = (arrived.get(`${stamp.siteId}:${stamp.version}`) ?? []).map((t) => t - stamp.at);
    missing += CLIENTS - times.length;
    if (times.length === 0) continue;
    copies.push(...times);
    first.push(Math.min(...times));
    last.push(Math.max(...times));
  }
  const ascending = (a: number, b: number) => a - b;
  return {
    name,
    messages: stamps.length,
    copies: copies.sort(ascending),
    missing,
    first: first.sort(ascending),
    last: last.sort(ascending),
    disconnected,
  };
}

/** The database Haven serves: made anew, migrated, with the bench admin and official. */
async function prepareDatabase(): Promise<void> {
  if (dialectOf(DATABASE_URL) === 'sqlite') {
    const file = sqliteStorage(DATABASE_URL);
    for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
  } else {
    await ensureMysqlDatabase(DATABASE_URL);
  }
  const db = await openDatabase(DATABASE_URL, { quietMigrations: true });
  if (dialectOf(DATABASE_URL) === 'mysql') await db.sequelize.getQueryInterface().dropAllTables();
  await db.migrate();
  await ensureBenchUser(db.sequelize, BENCH_USER);
  await ensureBenchUser(db.sequelize, BENCH_OFFICIAL);
  await db.close();
}

async function post<T>(base: string, token: string, path: string, body: object): Promise<T> {
  const res = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  const json = (await res.json()) as T;
  if (res.status >= 300) throw new Error(`POST ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

/** One active site of 4 single rooms per message, made over the API; returns each site's first room. */
async function seedSites(
  base: string,
  token: string,
): Promise<{ siteId: number; roomId: number }[]> {
  const sites: { siteId: number; roomId: number }[] = [];
  for (let k = 0; k < MESSAGES; k++) {
    const site = await post<{ id: number }>(base, token, '/api/sites', {
      code: `FANOUT-${String(k + 1).padStart(3, '0')}`,
      name: `Fan-out site ${k + 1}`,
      district: '410105',
      address: `Fan-out road ${k + 1}`,
      latitude: 34.8 + k * 0.001,
      longitude: 113.66,
      kind: 'hotel',
      status: 'active',
    });
    const rooms = await post<{ data: { id: number }[] }>(
      base,
      token,
      `/api/sites/${site.id}/rooms`,
      { floors: { from: 1, to: 1 }, roomsPerFloor: 4, beds: 1 },
    );
    sites.push({ siteId: site.id, roomId: rooms.data[0].id });
  }
  return sites;
}

function havenTarget(
  base: string,
  admin: string,
  official: string,
  sites: { siteId: number; roomId: number }[],
): Target {
  return {
    name: 'Haven',
    url: base,
    token: official,
    async trigger(k) {
      const body = `41010519850315${String(k % 1000).padStart(3, '0')}`;
      const party = await post<{ id: number }>(base, admin, '/api/parties', {
        category: 'close_contact',
        members: [
          {
            fullName: `Fan-out person ${k + 1}`,
            idNumber: body + idNumberCheckDigit(body),
            exposureDate: addDays(TODAY, -1),
          },
        ],
      });
      const placed = await post<{ outcome: string; siteId: number }>(
        base,
        admin,
        `/api/parties/${party.id}/placement`,
        { roomIds: [sites[k].roomId] },
      );
      if (placed.outcome !== 'placed' || placed.siteId !== sites[k].siteId) {
        throw new Error(`placement ${k}: ${JSON.stringify(placed)}`);
      }
      return placed.siteId;
    },
  };
}

function floorTarget(base: string): Target {
  return {
    name: 'floor',
    url: base,
    token: null,
    async trigger(k) {
      const res = await fetch(`${base}/broadcast?siteId=${k + 1}&version=1`, { method: 'POST' });
      if (res.status !== 204) throw new Error(`floor broadcast ${k}: ${res.status}`);
      return k + 1;
    },
  };
}

function report(results: Measured[]): void {
  console.log('');
  console.log(
    table(
      [
        'target',
        'messages',
        'copies',
        'missing',
        'p50 ms',
        'p99 ms',
        'max ms',
        'first copy p50 ms',
        'last copy p50 ms',
        'last copy p99 ms',
      ],
      results.map((r) => [
        r.name,
        r.messages,
        r.copies.length.toLocaleString('en-US'),
        r.missing,
        fmt(percentile(r.copies, 50)),
        fmt(percentile(r.copies, 99)),
        fmt(r.copies.at(-1) ?? NaN),
        fmt(percentile(r.first, 50)),
        fmt(percentile(r.last, 50)),
        fmt(percentile(r.last, 99)),
      ]),
      [false, true, true, true, true, true, true, true, true, true],
    ),
  );
  const [floor, haven] = results;
  const p99 = percentile(haven.copies, 99);
  const ratio = p99 / percentile(floor.copies, 99);
  console.log('');
  console.log(
    `Haven p99 ${fmt(p99)} ms (target < ${TARGET_P99_MS} ms): ${p99 < TARGET_P99_MS ? 'MET' : 'MISSED'}`,
  );
  console.log(
    `Haven p99 / floor p99 = ${ratio.toFixed(2)}× (target ≤ ${TARGET_RATIO}×): ${ratio <= TARGET_RATIO ? 'MET' : 'MISSED'}`,
  );
  const lost = results.filter((r) => r.missing > 0 || r.disconnected > 0);
  for (const r of lost) {
    console.log(`${r.name}: ${r.missing} copies missing, ${r.disconnected} clients disconnected`);
  }
  if (lost.length) process.exitCode = 1;
}

async function main(): Promise<void> {
  configureLogger({ level: 'error', json: false });
  const started = Date.now();
  console.log(
    `bench:fanout on ${DATABASE_URL}: ${CLIENTS} clients, ${WARM_UP} + ${PLACEMENTS} messages ` +
      `${PACE_MS} ms apart; ${machine()}, ${os.cpus().length} CPUs; ` +
      `load average ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
  );
  await prepareDatabase();
  const clients = new Clients();
  let haven: Measured;
  let floor: Measured;
  try {
    const flush = options['flush-ms'];
    const havenServer = await startServer(
      'havenServer.ts',
      [DATABASE_URL, NOW.toISOString(), '--realtime', ...(flush ? ['--flush-ms', flush] : [])],
      { logFile: '/tmp/haven-bench-fanout-haven.log' },
    );
    try {
      const { base } = havenServer;
      const admin = await login(base, BENCH_USER);
      const official = await login(base, BENCH_OFFICIAL);
      const sites = await seedSites(base, admin);
      const paced = Array.from({ length: MESSAGES }, (_, k) => k * PACE_MS);
      haven = await measure(clients, havenTarget(base, admin, official, sites), paced);
    } finally {
      await havenServer.stop();
    }
    const floorServer = await startServer('fanoutFloor.ts', [TODAY], {
      logFile: '/tmp/haven-bench-fanout-floor.log',
    });
    try {
      floor = await measure(clients, floorTarget(floorServer.base), haven.schedule);
    } finally {
      await floorServer.stop();
    }
  } finally {
    await clients.stop();
  }
  report([floor, haven]);
  console.log(`\n${((Date.now() - started) / 1000).toFixed(0)} s in all`);
}

await main();
