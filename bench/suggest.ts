/**
 * `npm run bench:suggest` — suggestions for one party on the province (issue 3, "Speed"):
 * p99 of `GET /api/parties/:id/suggestions?limit=5` under 50 ms.
 *
 * Seeds the province of DESIGN §7 (500 sites, 50,000 rooms, 40,000 current and 1,000,000 past
 * stays: seeders/provinceScale.ts) into BENCH_DATABASE_URL unless it already has its 500 sites
 * (default: a SQLite file under /tmp; a mysql:// URL for MariaDB), adds a few unplaced parties
 * (close contacts from different districts, singles and households), and times BENCH_N (200)
 * sequential requests over HTTP to Haven served in this process, the parties taken in turn.
 *
 * The same run also times, in-process and without HTTP, as a baseline:
 *   - bare SQL: the rooms of active sites and the bookings that hold them (current stays and
 *     stays still in their cleaning buffer), two plain SELECTs through the driver itself;
 *   - Haven's city reader from cold, every site read (server/placement/citySnapshot.ts);
 *   - the engine alone (server/allocation/suggest.ts) on what it returned;
 * so a reader sees how much of a request is the database and how much the engine.
 */
import http from 'node:http';
import os from 'node:os';
import mysql, { type RowDataPacket } from 'mysql2/promise';
import sqlite3 from 'sqlite3';
import { QueryTypes, type Sequelize } from 'sequelize';
import { suggest } from '../server/allocation/suggest';
import { createApp } from '../server/app';
import { loadConfig } from '../server/config';
import { openDatabase } from '../server/db/database';
import { dialectOf, sqliteStorage } from '../server/db/sequelize';
import { configureLogger } from '../server/logging/logger';
import { loadParty, partyRequest, stayWindow } from '../server/placement/partyLoader';
import { forgetCity, loadCity } from '../server/placement/citySnapshot';
import { allocationPolicy, currentPolicy } from '../server/services/policy';
import { bulkInsert, IdSequence, type Row } from '../seeders/bulkInsert';
import { addDays } from '../shared/dates';
import type { Category, PersonNeed } from '../shared/enums';
import {
  benchPerson,
  ensureBenchUser,
  ensureMysqlDatabase,
  ensureProvince,
  fmt,
  killQueries,
  login,
  NOW,
  percentile,
  table,
  TODAY,
} from './lib';

const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'sqlite:/tmp/haven-bench-province.sqlite';
const N = Number(process.env.BENCH_N ?? 200);
const BASELINE_N = Number(process.env.BENCH_BASELINE_N ?? 20);
const TARGET_P99_MS = 50;
/** A request (or query) still running after this long is cut: the bench stays under 10 min. */
const TIMEOUT_MS = Number(process.env.BENCH_TIMEOUT_S ?? 60) * 1000;
const NAME_PREFIX = 'Bench suggest';

interface PartySpec {
  label: string;
  category: Category;
  shareRoom: boolean;
  district: number;
  members: PersonNeed[][];
}

const DISTRICTS = [
  { code: '410102', lat: 34.748, lng: 113.612 },
  { code: '410103', lat: 34.724, lng: 113.64 },
  { code: '410104', lat: 34.754, lng: 113.677 },
  { code: '410105', lat: 34.8, lng: 113.66 },
  { code: '410106', lat: 34.803, lng: 113.309 },
  { code: '410108', lat: 34.867, lng: 113.617 },
  { code: '410122', lat: 34.719, lng: 113.976 },
  { code: '410181', lat: 34.748, lng: 113.022 },
  { code: '410183', lat: 34.54, lng: 113.391 },
  { code: '410184', lat: 34.396, lng: 113.741 },
  { code: '410185', lat: 34.454, lng: 113.05 },
];

/** Close contacts from every district (one person each), and households of 2 and 3. */
const PARTY_SPECS: PartySpec[] = [
  ...DISTRICTS.map((_, i) => ({
    label: `single close contact, district ${DISTRICTS[i].code}`,
    category: 'close_contact' as const,
    shareRoom: false,
    district: i,
    members: [[]],
  })),
  {
    label: 'household of 3 sharing a room (parent, 2 minors)',
    category: 'close_contact',
    shareRoom: true,
    district: 3,
    members: [[], ['minor'], ['minor']],
  },
  {
    label: 'household of 2 sharing a room (carer)',
    category: 'close_contact',
    shareRoom: true,
    district: 0,
    members: [[], ['carer']],
  },
  {
    label: 'household of 2 in separate rooms on one floor',
    category: 'close_contact',
    shareRoom: false,
    district: 6,
    members: [[], []],
  },
  {
    label: 'single close contact in a wheelchair',
    category: 'close_contact',
    shareRoom: false,
    district: 1,
    members: [['wheelchair']],
  },
  {
    label: 'single secondary contact',
    category: 'secondary_contact',
    shareRoom: false,
    district: 9,
    members: [[]],
  },
];

/** The bench's parties (made once per database, found again by their members' names). */
async function ensureParties(sequelize: Sequelize): Promise<number[]> {
  const existing = await sequelize.query<{ partyId: number }>(
    `SELECT DISTINCT pm.partyId AS partyId FROM persons p
     JOIN party_members pm ON pm.personId = p.id
     WHERE p.fullName LIKE :prefix ORDER BY pm.partyId`,
    { type: QueryTypes.SELECT, replacements: { prefix: `${NAME_PREFIX} %` } },
  );
  if (existing.length === PARTY_SPECS.length) return existing.map((r) => Number(r.partyId));
  if (existing.length > 0)
    throw new Error('Some bench parties exist, not all: reseed the database');
  const ids = {
    persons: await IdSequence.after(sequelize, 'persons'),
    parties: await IdSequence.after(sequelize, 'parties'),
  };
  const persons: Row[] = [];
  const parties: Row[] = [];
  const members: Row[] = [];
  const exposureDate = addDays(TODAY, -1);
  PARTY_SPECS.forEach((spec, k) => {
    const partyId = ids.parties.next();
    parties.push({
      id: partyId,
      category: spec.category,
      shareRoom: spec.shareRoom,
      createdAt: NOW,
      updatedAt: NOW,
    });
    const d = DISTRICTS[spec.district];
    spec.members.forEach((needs, m) => {
      const personId = ids.persons.next();
      persons.push(
        benchPerson({
          id: personId,
          fullName: `${NAME_PREFIX} ${k + 1}.${m + 1}`,
          sex: m % 2 ? 'male' : 'female',
          birthYear: needs.includes('minor') ? 2016 : 1980,
          category: spec.category,
          exposureDate,
          origin: { district: d.code, latitude: d.lat + 0.004, longitude: d.lng - 0.003 },
          needs,
        }),
      );
      members.push({ partyId, personId });
    });
  });
  await bulkInsert(sequelize, 'persons', persons);
  await bulkInsert(sequelize, 'parties', parties);
  await bulkInsert(sequelize, 'party_members', members);
  return parties.map((p) => Number(p.id));
}

async function timeMs(work: () => Promise<unknown>): Promise<number> {
  const started = process.hrtime.bigint();
  await work();
  return Number(process.hrtime.bigint() - started) / 1e6;
}

interface Stats {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

function stats(samples: number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    n: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1],
  };
}

const BARE_ROOMS = `SELECT r.id, r.siteId, r.floor, r.number, r.beds, r.accessible, r.family, r.status
  FROM rooms r JOIN sites s ON s.id = r.siteId WHERE s.status = 'active'`;
const BARE_BOOKINGS = `SELECT roomId, partyId, entryDate, plannedReleaseDate AS endDate, status FROM stays
  WHERE status IN ('reserved', 'in_transit', 'checked_in')
  UNION ALL
  SELECT roomId, partyId, entryDate, releaseDate AS endDate, status FROM stays
  WHERE status IN ('released', 'transferred') AND releaseDate > '${addDays(TODAY, -1)}'`;

/**
 * The least the engine must read, straight through the driver (mysql2 or sqlite3, no Sequelize):
 * the rooms of active sites and the bookings that hold them (current stays, and stays still in
 * their cleaning buffer).
 */
async function bareSqlRunner(url: string): Promise<{
  run: () => Promise<{ rooms: number; bookings: number }>;
  close: () => Promise<void>;
}> {
  if (dialectOf(url) === 'mysql') {
    const connection = await mysql.createConnection(url.replace(/^mariadb:/, 'mysql:'));
    return {
      run: async () => {
        const [rooms] = await connection.query<RowDataPacket[]>(BARE_ROOMS);
        const [bookings] = await connection.query<RowDataPacket[]>(BARE_BOOKINGS);
        return { rooms: rooms.length, bookings: bookings.length };
      },
      close: () => connection.end(),
    };
  }
  const database = new sqlite3.Database(sqliteStorage(url), sqlite3.OPEN_READONLY);
  const all = (sql: string) =>
    new Promise<unknown[]>((resolve, reject) =>
      database.all(sql, (error, rows) => (error ? reject(error) : resolve(rows))),
    );
  return {
    run: async () => {
      const rooms = await all(BARE_ROOMS);
      const bookings = await all(BARE_BOOKINGS);
      return { rooms: rooms.length, bookings: bookings.length };
    },
    close: () => new Promise<void>((resolve) => database.close(() => resolve())),
  };
}

async function main(): Promise<void> {
  configureLogger({ level: 'error', json: false });
  const started = Date.now();
  const dialect = dialectOf(DATABASE_URL);
  if (dialect === 'mysql') await ensureMysqlDatabase(DATABASE_URL);
  const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL });
  const db = await openDatabase(DATABASE_URL, { quietMigrations: true });
  const { sequelize } = db;
  await db.migrate();
  await ensureProvince(db, config, DATABASE_URL);
  await ensureBenchUser(sequelize);
  const partyIds = await ensureParties(sequelize);

  const app = createApp({ config, db, now: () => NOW }, { clientDist: null });
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

  try {
    const token = await login(base);
    const get = async (partyId: number) => {
      const res = await fetch(`${base}/api/parties/${partyId}/suggestions?limit=5`, {
        headers: { authorization: `Bearer ${token}` },
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      const body = (await res.json()) as { data?: unknown[]; feasibleRooms?: number };
      if (res.status !== 200 || !body.data?.length) {
        throw new Error(`suggestions for party ${partyId}: ${res.status} ${JSON.stringify(body)}`);
      }
      return body;
    };
    const rows: (string | number)[][] = [];
    const add = (label: string, samples: number[]) => {
      const s = stats(samples);
      rows.push([label, s.n, fmt(s.p50), fmt(s.p95), fmt(s.p99), fmt(s.max)]);
    };
    const addStalled = (label: string) =>
      rows.push([label, 1, `> ${fmt(TIMEOUT_MS, 0)}`, '–', '–', '(cut)']);

    // Warm-up (JIT, connection pool, page cache): one round over the parties, not recorded.
    // A request that does not answer within TIMEOUT_MS ends the HTTP part: the target is missed.
    const feasible = new Map<number, number>();
    const http200: number[] = [];
    let stalled = false;
    try {
      for (const id of partyIds) feasible.set(id, (await get(id)).feasibleRooms ?? 0);
      for (let i = 0; i < N; i++) {
        http200.push(await timeMs(() => get(partyIds[i % partyIds.length])));
      }
    } catch (error) {
      if (!(error instanceof DOMException && error.name === 'TimeoutError')) throw error;
      stalled = true;
      console.log(`A request did not answer within ${TIMEOUT_MS / 1000} s: HTTP timing stopped.`);
      if (dialect === 'mysql') await killQueries(sequelize);
    }
    if (stalled) addStalled('GET suggestions?limit=5 over HTTP (no answer)');
    else add('GET suggestions?limit=5 over HTTP', http200);

    let counts = { rooms: 0, bookings: 0 };
    const bare: number[] = [];
    const runner = await bareSqlRunner(DATABASE_URL);
    try {
      for (let i = 0; i < BASELINE_N; i++) {
        bare.push(
          await timeMs(async () => {
            counts = await runner.run();
          }),
        );
      }
    } finally {
      await runner.close();
    }
    add(`bare SQL (driver): ${counts.rooms} rooms + ${counts.bookings} bookings`, bare);

    // Haven's city reader from cold (every site read) and the engine, separately, for the first
    // single party.
    const policy = await currentPolicy();
    const rules = allocationPolicy(policy);
    const loaded = await loadParty(undefined, partyIds[0]);
    const request = partyRequest(loaded, stayWindow(policy, loaded, TODAY), false);
    const coldOptions = {
      today: TODAY,
      cleaningNights: rules.cleaningNights,
      entryDate: request.entryDate,
      allowStandby: false,
    };
    const cold: number[] = [];
    const engine: number[] = [];
    for (let i = 0; i < BASELINE_N; i++) {
      forgetCity(sequelize);
      let city: Awaited<ReturnType<typeof loadCity>> | null = null;
      cold.push(
        await timeMs(async () => {
          city = await loadCity(sequelize, undefined, coldOptions);
        }),
      );
      const t0 = process.hrtime.bigint();
      suggest({ ...city!, party: request, policy: rules, limit: 5 });
      engine.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
    add('Haven city reader, cold (every site)', cold);
    add('engine alone (suggest, single party)', engine);

    // What a request does now: the per-process city snapshot (server/placement/citySnapshot.ts),
    // warm as in a running server, with no site changed and with one site changed since.
    const cityOptions = {
      today: TODAY,
      cleaningNights: rules.cleaningNights,
      entryDate: request.entryDate,
      allowStandby: false,
    };
    await loadCity(sequelize, undefined, cityOptions);
    const kept = { unchanged: [] as number[], oneChanged: [] as number[], engine: [] as number[] };
    const [{ id: someSite }] = await sequelize.query<{ id: number }>(
      "SELECT id FROM sites WHERE status = 'active' ORDER BY id LIMIT 1",
      { type: QueryTypes.SELECT },
    );
    for (let i = 0; i < BASELINE_N; i++) {
      kept.unchanged.push(await timeMs(() => loadCity(sequelize, undefined, cityOptions)));
      await sequelize.query(
        'UPDATE sites SET occupancyVersion = occupancyVersion + 1 WHERE id = :id',
        { replacements: { id: someSite } },
      );
      let city: Awaited<ReturnType<typeof loadCity>> | null = null;
      kept.oneChanged.push(
        await timeMs(async () => {
          city = await loadCity(sequelize, undefined, cityOptions);
        }),
      );
      const t0 = process.hrtime.bigint();
      suggest({ ...city!, party: request, policy: rules, limit: 5 });
      kept.engine.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
    add('city snapshot kept: no site changed', kept.unchanged);
    add('city snapshot kept: one site changed', kept.oneChanged);
    add('engine on the kept snapshot', kept.engine);

    const feasibleText = feasible.size
      ? `; feasible rooms per party ${Math.min(...feasible.values())}–${Math.max(...feasible.values())}`
      : '';
    console.log('');
    console.log(
      `load average after: ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
    );
    console.log(
      `bench:suggest on ${dialect === 'sqlite' ? 'SQLite' : 'MariaDB/MySQL'} (${DATABASE_URL}): ` +
        `${partyIds.length} parties in turn, ${N} sequential requests${feasibleText}`,
    );
    console.log(
      table(['what', 'n', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms'], rows, [
        false,
        true,
        true,
        true,
        true,
        true,
      ]),
    );
    const p99 = stalled ? Infinity : stats(http200).p99;
    console.log(
      `\np99 ${stalled ? `> ${TIMEOUT_MS} ms (no answer)` : `${fmt(p99)} ms`} against the target of ` +
        `< ${TARGET_P99_MS} ms: ${p99 < TARGET_P99_MS ? 'MET' : 'MISSED'}` +
        `; ${((Date.now() - started) / 1000).toFixed(0)} s in all`,
    );
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await db.close();
  }
}

await main();
