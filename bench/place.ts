/**
 * `npm run bench:place` — placements per second and latency on MariaDB (issue 3, "Speed").
 *
 * One load generator (autocannon, in this process) drives three targets over HTTP, each in its
 * own server process, at concurrency 1, 16 and 64:
 *   floor   bench/floorServer.ts: a bare Express route, one mysql2 transaction (lock the room
 *           row, count overlapping stays, insert the stay), nothing else;
 *   design  (only when BENCH_TARGETS names it) the same server, a bare route sending Haven's
 *           statements for a chosen room in Haven's round trips (bench/designFloorRoute.ts):
 *           what the design's rules cost without Haven's layers;
 *   chosen  Haven (bench/havenServer.ts): POST /api/parties/:id/placement { roomIds: [room] };
 *   auto    Haven: POST /api/parties/:id/placement {} (the engine picks the room).
 * Every request places a different single-person party (and, for floor and chosen, into a
 * different room). Before each target × concurrency the database is put back to the same state:
 * the city (20 active sites × 10 floors × 25 single rooms, AMOUNT + 500 one-person parties)
 * stays, every stay, test, waiting entry and audit event goes. After each run the invariant
 * checker runs. At concurrency 16, where the targets are set, the three targets run in turn
 * BENCH_ROUNDS times and the median of the rounds' ratios is the figure: one run of the floor
 * lasts a few seconds, and on a shared 2-core machine single runs move by ±10 %.
 * Each run also reports the CPU time per request of the target's server, of the database server
 * (when it runs on this machine) and of the load generator, read from /proc.
 *
 * Environment: BENCH_DATABASE_URL (default mysql://root@127.0.0.1:3306/haven_bench; MariaDB or
 * MySQL only), BENCH_AMOUNT (requests per run, default 3000, at most 5000), BENCH_ROUNDS
 * (default 3), BENCH_LEVELS (default 1,16,64), BENCH_TARGETS (default floor,chosen,auto; design
 * may be added), BENCH_WARM_UP (requests per target before the recorded runs, default 2000),
 * BENCH_CPU_PROF=1 (each server writes a .cpuprofile into /tmp/haven-bench-prof/{haven,floor}
 * when it stops), BENCH_STATEMENTS=1 (a local database only: what each statement of the
 * concurrency-1 runs cost it, from its slow query log — see statementLog.ts).
 */
import fs from 'node:fs';
import os from 'node:os';
import autocannon from 'autocannon';
import type { Sequelize } from 'sequelize';
import { openDatabase } from '../server/db/database';
import { dialectOf } from '../server/db/sequelize';
import { checkInvariants } from '../server/invariants/check';
import { configureLogger } from '../server/logging/logger';
import { bulkInsert, IdSequence, type Row } from '../seeders/bulkInsert';
import { addDays } from '../shared/dates';
import { DEFAULT_POLICY } from '../shared/policy';
import {
  benchPerson,
  ensureBenchUser,
  ensureMysqlDatabase,
  fmt,
  killQueries,
  login,
  NOW,
  percentile,
  startServer,
  table,
  TODAY,
  type Server,
  waitForPurge,
} from './lib';
import { localDatabasePid, startCpuMeter } from './cpuMeter';
import {
  prepareStatementLog,
  statementTable,
  type StatementCost,
  type StatementLog,
} from './statementLog';

const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'mysql://root@127.0.0.1:3306/haven_bench';
const AMOUNT = Number(process.env.BENCH_AMOUNT ?? 3000);
const LEVELS = (process.env.BENCH_LEVELS ?? '1,16,64').split(',').map(Number);
/** The concurrency the issue's targets are set at: measured ROUNDS times. */
const TARGET_LEVEL = 16;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
/** A run still going after this long is stopped, and reported as cut short (bench ≲ 10 min). */
const MAX_SECONDS = Number(process.env.BENCH_MAX_SECONDS ?? 90);
/**
 * Requests per target before anything is recorded, at the target concurrency: both servers'
 * CPU per request still fell by 15–30 % from a first to a second 3,000-request round after a
 * 200-request warm-up (V8 optimizing the whole request path), which measured warm-up, not Haven.
 */
const WARM_UP = Number(process.env.BENCH_WARM_UP ?? 2000);
const SITES = 20;
const FLOORS = 10;
const ROOMS_PER_FLOOR = 25;
const PARTIES = AMOUNT + 500;
/** Close contacts exposed yesterday: in quarantine from today for 14 nights. */
const EXPOSURE = addDays(TODAY, -1);
const RELEASE = addDays(EXPOSURE, DEFAULT_POLICY.categories.close_contact.quarantineDays);

type Target = 'floor' | 'design' | 'chosen' | 'auto';
const TARGETS = (process.env.BENCH_TARGETS ?? 'floor,chosen,auto').split(',') as Target[];
const STATEMENTS = process.env.BENCH_STATEMENTS === '1';

interface City {
  /** Room ids in the order requests take them: round-robin over sites, then over floors. */
  roomOrder: number[];
  parties: { partyId: number; personId: number }[];
}

interface RunResult {
  target: Target;
  connections: number;
  /** 1-based; several only at TARGET_LEVEL. */
  round: number;
  requests: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p99: number;
  statuses: Map<number, number>;
  errors: number;
  /** Stopped after MAX_SECONDS before `amount` responses. */
  cut: boolean;
  findings: number;
  stays: number;
  waiting: number;
  /** CPU ms of the target's server, the database server and the load generator during the run. */
  cpu: Map<string, number | null>;
  /** BENCH_STATEMENTS=1, concurrency 1: the database's time per statement shape. */
  statements?: StatementCost[];
}

const DISTRICTS = JSON.parse(
  fs.readFileSync(new URL('../seeders/data/zhengzhou-districts.json', import.meta.url), 'utf8'),
) as { districts: { code: string; lat: number; lng: number }[] };

/** The bench city: written once per run of the bench, in a few multi-row inserts. */
async function seedCity(sequelize: Sequelize): Promise<City> {
  const districts = DISTRICTS.districts;
  const ids = {
    sites: await IdSequence.after(sequelize, 'sites'),
    rooms: await IdSequence.after(sequelize, 'rooms'),
    persons: await IdSequence.after(sequelize, 'persons'),
    parties: await IdSequence.after(sequelize, 'parties'),
  };
  const sites: Row[] = [];
  const rooms: Row[] = [];
  const grid: number[][][] = [];
  for (let s = 0; s < SITES; s++) {
    const d = districts[s % districts.length];
    const siteId = ids.sites.next();
    sites.push({
      id: siteId,
      code: `BENCH-${String(s + 1).padStart(2, '0')}`,
      name: `Bench site ${s + 1}`,
      district: d.code,
      address: `Bench road ${s + 1}`,
      latitude: d.lat + 0.01 * Math.floor(s / districts.length),
      longitude: d.lng + 0.01 * Math.floor(s / districts.length),
      kind: 'hotel',
      status: 'active',
      acceptedCategories: JSON.stringify([
        'close_contact',
        'secondary_contact',
        'inbound_traveller',
        'high_risk_arrival',
      ]),
      contactName: null,
      contactPhone: null,
      activationLeadHours: null,
      createdAt: NOW,
      updatedAt: NOW,
    });
    grid.push([]);
    for (let f = 1; f <= FLOORS; f++) {
      grid[s].push([]);
      for (let r = 1; r <= ROOMS_PER_FLOOR; r++) {
        const id = ids.rooms.next();
        grid[s][f - 1].push(id);
        rooms.push({
          id,
          siteId,
          number: `${f}${String(r).padStart(2, '0')}`,
          floor: f,
          beds: 1,
          accessible: false,
          family: false,
          status: 'available',
          statusChangedAt: NOW,
          version: 0,
          createdAt: NOW,
          updatedAt: NOW,
        });
      }
    }
  }
  const persons: Row[] = [];
  const parties: Row[] = [];
  const members: Row[] = [];
  const city: City = { roomOrder: [], parties: [] };
  for (let k = 0; k < PARTIES; k++) {
    const d = districts[k % districts.length];
    const personId = ids.persons.next();
    const partyId = ids.parties.next();
    persons.push(
      benchPerson({
        id: personId,
        fullName: `Bench person ${k + 1}`,
        sex: k % 2 ? 'male' : 'female',
        birthYear: 1960 + (k % 50),
        category: 'close_contact',
        exposureDate: EXPOSURE,
        origin: {
          district: d.code,
          latitude: d.lat + ((k % 7) - 3) * 0.005,
          longitude: d.lng + ((k % 5) - 2) * 0.005,
        },
      }),
    );
    parties.push({
      id: partyId,
      category: 'close_contact',
      shareRoom: false,
      createdAt: NOW,
      updatedAt: NOW,
    });
    members.push({ partyId, personId });
    city.parties.push({ partyId, personId });
    // Consecutive requests go to different sites and floors (a chosen placement locks its floor).
    const j = Math.floor(k / SITES);
    city.roomOrder.push(grid[k % SITES][j % FLOORS][Math.floor(j / FLOORS) % ROOMS_PER_FLOOR]);
  }
  await bulkInsert(sequelize, 'sites', sites);
  await bulkInsert(sequelize, 'rooms', rooms);
  await bulkInsert(sequelize, 'persons', persons);
  await bulkInsert(sequelize, 'parties', parties);
  await bulkInsert(sequelize, 'party_members', members);
  return city;
}

/** The same starting state for every run: the city with nobody placed or waiting. */
async function resetState(sequelize: Sequelize): Promise<void> {
  for (const sql of [
    'DELETE FROM tests',
    'DELETE FROM stays',
    'DELETE FROM waiting_entries',
    'DELETE FROM audit_events',
    'UPDATE rooms SET version = 0',
    // Haven's servers keep a snapshot of each site until its version moves (citySnapshot.ts).
    'UPDATE sites SET occupancyVersion = occupancyVersion + 1',
  ]) {
    await sequelize.query(sql);
  }
  await waitForPurge(sequelize);
}

async function count(sequelize: Sequelize, sql: string): Promise<number> {
  const [rows] = await sequelize.query(sql);
  return Number((rows as { n: number | string }[])[0].n);
}

/** One autocannon run: `amount` requests, each built for the next party by `request(k)`. */
async function load(
  base: string,
  connections: number,
  amount: number,
  headers: Record<string, string>,
  request: (k: number) => { path: string; body: object },
): Promise<{
  seconds: number;
  latencies: number[];
  statuses: Map<number, number>;
  errors: number;
  cut: boolean;
}> {
  let next = 0;
  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  // autocannon reports its end on a 1-second tick: time the run to its last response instead.
  const started = process.hrtime.bigint();
  let last = started;
  let cut = false;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: base,
        connections,
        amount,
        timeout: 120,
        headers: { 'content-type': 'application/json', ...headers },
        requests: [
          {
            method: 'POST',
            setupRequest: (req) => {
              const { path, body } = request(next++);
              return { ...req, path, body: JSON.stringify(body) };
            },
          },
        ],
      },
      (error, res) => {
        clearTimeout(timer);
        if (error) reject(error);
        else resolve(res);
      },
    );
    const timer = setTimeout(() => {
      // autocannon notices its end on a 1-second tick: a run whose last response is in is done.
      cut = latencies.length < amount;
      instance.stop();
    }, MAX_SECONDS * 1000);
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      last = process.hrtime.bigint();
      latencies.push(responseTime);
      statuses.set(statusCode, (statuses.get(statusCode) ?? 0) + 1);
    });
  });
  const seconds = Number(last - started) / 1e9;
  latencies.sort((a, b) => a - b);
  // A stopped run's cut connections count as errors in autocannon; they are not the server's.
  const errors = cut ? 0 : result.errors + result.timeouts;
  return { seconds: cut ? MAX_SECONDS : seconds, latencies, statuses, errors, cut };
}

interface Bench {
  sequelize: Sequelize;
  servers: { floor: Server; haven: Server };
  /** The local database server's pid, when /proc shows one. */
  databasePid: number | null;
  token: string;
  city: City;
  /** Set with BENCH_STATEMENTS=1: the concurrency-1 runs log their statements. */
  statementLog: StatementLog | null;
}

async function run(
  { sequelize, servers, databasePid, token, city, statementLog }: Bench,
  target: Target,
  connections: number,
  amount: number,
  round = 1,
): Promise<RunResult> {
  await resetState(sequelize);
  const bearer = { authorization: `Bearer ${token}` };
  const requestOf = (k: number) => {
    const { partyId, personId } = city.parties[k];
    const roomId = city.roomOrder[k];
    if (target === 'floor')
      return { path: '/floor/placement', body: { partyId, personId, roomId } };
    if (target === 'design') return { path: '/floor/design-placement', body: { partyId, roomId } };
    return {
      path: `/api/parties/${partyId}/placement`,
      body: target === 'chosen' ? { roomIds: [roomId] } : {},
    };
  };
  const onFloorServer = target === 'floor' || target === 'design';
  const server = onFloorServer ? servers.floor : servers.haven;
  const stopMeter = startCpuMeter([
    { name: 'server', pid: server.child.pid! },
    ...(databasePid === null ? [] : [{ name: 'database', pid: databasePid }]),
    { name: 'load', self: true },
  ]);
  const loadRun = () =>
    load(server.base, connections, amount, target === 'floor' ? {} : bearer, requestOf);
  const logged = statementLog && connections === 1 ? await statementLog.measure(loadRun) : null;
  const out = logged ? logged.result : await loadRun();
  const statements = logged?.costs;
  const cpu = stopMeter();
  // Requests of a cut run are still in the server: end their queries before checking.
  if (out.cut) await killQueries(sequelize);
  const findings = await checkInvariants(sequelize, { cleaningNights: 1 });
  for (const f of findings.slice(0, 5)) console.log(`    finding: ${f.rule}: ${f.detail}`);
  const done = out.latencies.length;
  return {
    target,
    connections,
    round,
    requests: done,
    seconds: out.seconds,
    perSecond: done / out.seconds,
    p50: percentile(out.latencies, 50),
    p99: percentile(out.latencies, 99),
    statuses: out.statuses,
    errors: out.errors,
    cut: out.cut,
    findings: findings.length,
    stays: await count(sequelize, 'SELECT COUNT(*) AS n FROM stays'),
    waiting: await count(
      sequelize,
      "SELECT COUNT(*) AS n FROM waiting_entries WHERE status = 'waiting'",
    ),
    cpu,
    ...(statements ? { statements } : {}),
  };
}

/** CPU ms per response of one metered process, or '–'. */
function cpuPerRequest(r: RunResult, name: string): string {
  const ms = r.cpu.get(name);
  return ms === undefined || ms === null || r.requests === 0 ? '–' : fmt(ms / r.requests, 2);
}

function statusText(statuses: Map<number, number>): string {
  return [...statuses.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([code, n]) => `${code}×${n}`)
    .join(' ');
}

const non2xx = (r: RunResult) =>
  [...r.statuses.entries()]
    .filter(([code]) => code < 200 || code > 299)
    .reduce((n, [, c]) => n + c, 0);

async function main(): Promise<void> {
  if (dialectOf(DATABASE_URL) !== 'mysql')
    throw new Error('bench:place measures MariaDB/MySQL only');
  if (AMOUNT > SITES * FLOORS * ROOMS_PER_FLOOR)
    throw new Error(`BENCH_AMOUNT is at most ${SITES * FLOORS * ROOMS_PER_FLOOR}: one room each`);
  configureLogger({ level: 'error', json: false });
  const started = Date.now();
  await ensureMysqlDatabase(DATABASE_URL);
  const db = await openDatabase(DATABASE_URL, { quietMigrations: true });
  await db.sequelize.getQueryInterface().dropAllTables();
  await db.migrate();
  const city = await seedCity(db.sequelize);
  await ensureBenchUser(db.sequelize);
  console.log(
    `bench:place on ${DATABASE_URL.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@')}: ${SITES} sites × ${FLOORS} floors × ` +
      `${ROOMS_PER_FLOOR} single rooms, ${PARTIES} one-person parties, ${AMOUNT} requests per run, ` +
      `${ROUNDS} rounds at concurrency ${TARGET_LEVEL}`,
  );
  const databasePid = localDatabasePid(DATABASE_URL);
  if (databasePid === null)
    console.log('The database server is not a local process: its CPU is not reported.');
  if (STATEMENTS && databasePid === null)
    console.log('BENCH_STATEMENTS=1 needs the database on this machine (its log file): ignored.');
  // Before the servers connect: MariaDB logs only connections opened while its log was on.
  const statementLog =
    STATEMENTS && databasePid !== null ? await prepareStatementLog(db.sequelize) : null;

  console.log(
    `load average before: ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  const profile = (server: string) =>
    process.env.BENCH_CPU_PROF === '1'
      ? ['--cpu-prof', `--cpu-prof-dir=/tmp/haven-bench-prof/${server}`]
      : [];
  const haven = await startServer('havenServer.ts', [DATABASE_URL, NOW.toISOString()], {
    logFile: '/tmp/haven-bench-haven.log',
    nodeFlags: profile('haven'),
  });
  const floor = await startServer('floorServer.ts', [DATABASE_URL, TODAY, RELEASE], {
    logFile: '/tmp/haven-bench-floor.log',
    nodeFlags: profile('floor'),
  });
  const servers = { floor, haven };
  const results: RunResult[] = [];
  try {
    const bench: Bench = {
      sequelize: db.sequelize,
      servers,
      databasePid,
      token: await login(haven.base),
      city,
      statementLog,
    };
    // Warm-up (JIT, connection pools, buffer pool), not recorded.
    for (const target of TARGETS) {
      await run(bench, target, TARGET_LEVEL, WARM_UP);
    }
    await statementLog?.connected();
    for (const connections of LEVELS) {
      const rounds = connections === TARGET_LEVEL ? ROUNDS : 1;
      for (let round = 1; round <= rounds; round++) {
        for (const target of TARGETS) {
          const r = await run(bench, target, connections, AMOUNT, round);
          results.push(r);
          console.log(
            `${target.padEnd(6)} c=${String(connections).padStart(2)}${rounds > 1 ? ` round ${round}` : ''}: ` +
              `${fmt(r.perSecond)} req/s, p50 ${fmt(r.p50)} ms, p99 ${fmt(r.p99)} ms, ` +
              `${r.requests} responses in ${fmt(r.seconds, 2)} s${r.cut ? ' (cut)' : ''}: ` +
              `${statusText(r.statuses)}${r.errors ? `, ${r.errors} errors/timeouts` : ''}; ` +
              `stays ${r.stays}, waiting ${r.waiting}, invariant findings ${r.findings}; ` +
              `CPU ms/request server ${cpuPerRequest(r, 'server')}, database ${cpuPerRequest(r, 'database')}, ` +
              `load ${cpuPerRequest(r, 'load')}; load average ${os.loadavg()[0].toFixed(2)}`,
          );
        }
      }
    }
  } finally {
    await haven.stop();
    await floor.stop();
    await statementLog?.restore();
    await db.close();
  }

  console.log('');
  console.log(
    table(
      [
        'target',
        'concurrency',
        'round',
        'responses',
        'req/s',
        'p50 ms',
        'p99 ms',
        '201',
        '202',
        '409',
        '5xx',
        'non-2xx',
        'invariant findings',
        'CPU ms/req server',
        'database',
        'load generator',
      ],
      results.map((r) => {
        const five = [...r.statuses.entries()]
          .filter(([c]) => c >= 500)
          .reduce((n, [, c]) => n + c, 0);
        return [
          r.target,
          r.connections,
          r.round,
          r.cut ? `${r.requests} (cut at ${MAX_SECONDS} s)` : r.requests,
          fmt(r.perSecond),
          fmt(r.p50),
          fmt(r.p99),
          r.statuses.get(201) ?? 0,
          r.statuses.get(202) ?? 0,
          r.statuses.get(409) ?? 0,
          five,
          non2xx(r) + r.errors,
          r.findings,
          cpuPerRequest(r, 'server'),
          cpuPerRequest(r, 'database'),
          cpuPerRequest(r, 'load'),
        ];
      }),
      [false, ...Array<boolean>(15).fill(true)],
    ),
  );
  for (const r of results.filter((x) => x.statements)) {
    console.log(
      `\nStatements of ${r.target} at concurrency ${r.connections} (the database's time per response, from its slow query log; COMMIT's is mostly the wait for its log flush, not CPU):\n`,
    );
    console.log(statementTable(r.statements!, r.requests));
  }
  // Each round's ratio is taken within the round (its floor ran minutes apart from the others').
  const at = (t: Target, round: number) =>
    results.find((r) => r.target === t && r.connections === TARGET_LEVEL && r.round === round);
  const ratio = (t: Target, goal: number | null, base: Target = 'floor') => {
    const values: number[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      const value = (at(t, round)?.perSecond ?? NaN) / (at(base, round)?.perSecond ?? NaN);
      if (Number.isFinite(value)) values.push(value);
    }
    const label = `${t}/${base} at concurrency ${TARGET_LEVEL}`;
    if (values.length === 0) return `${label}: not measured in this run`;
    const figure = percentile(
      [...values].sort((a, b) => a - b),
      50,
    );
    const rounds = values.map((v) => `${v.toFixed(2)}×`).join(', ');
    if (goal === null) return `${label}: ${figure.toFixed(2)}× (median of ${rounds})`;
    return (
      `${label}: ${figure.toFixed(2)}× (median of ${rounds}; ` +
      `target ≥ ${goal}×): ${figure >= goal ? 'MET' : 'MISSED'}`
    );
  };
  console.log('');
  console.log(ratio('chosen', 0.5));
  console.log(ratio('auto', 0.25));
  if (TARGETS.includes('design')) {
    // What the design's statements cost against the floor, and Haven's layers against them.
    console.log(ratio('design', null));
    console.log(ratio('chosen', null, 'design'));
  }
  const bad = results.filter(
    (r) => r.findings > 0 || r.errors > 0 || (r.statuses.get(500) ?? 0) > 0,
  );
  console.log(
    `\n${bad.length ? `${bad.length} run(s) had findings or errors` : 'No invariant findings, no errors'}; ${((Date.now() - started) / 1000).toFixed(0)} s in all`,
  );
  if (bad.length) process.exitCode = 1;
}

await main();
