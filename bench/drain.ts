/**
 * `npm run bench:drain` — the waiting list drained off the request path (issue 15, "Speed"):
 * with 10,000 parties waiting on the province seed and 1,000 beds freed at once, every party that
 * fits is placed within 10 s on MariaDB, while releases sent during the drain still answer in
 * under 100 ms at p99.
 *
 * The city: the province of DESIGN §7 (seeded once into BENCH_DATABASE_URL, reused afterwards),
 * its free rooms filled by filler reservations (once), so that nothing fits the waiting parties
 * (BENCH_WAITING, default 10,000, of every category, households and wheelchair users among them,
 * plus the seed's own). Each run first puts the database back (the previous run's placements,
 * releases and activations undone), lets one drain place in-process whatever fits already (the
 * filler leaves a few gaps), then starts Haven in its own process (bench/havenServer.ts) and:
 *
 *   0. warm-up: one suggestion, so the server's city snapshot is read, as in a server in service;
 *   1. baseline: BENCH_RELEASES releases of checked-in stays (BENCH_RELEASE_CONCURRENCY at a
 *      time) with the waiting list set aside, i.e. each asks for a drain that finds nothing;
 *   2. the drain: reserve sites activated at once (as officials do, over HTTP) until their beds
 *      reach BENCH_BEDS (1,000), and as many releases again, sent while the drain runs. The time
 *      is from the activations being sent to the commit of the drain's last placement (its audit
 *      record's time);
 *   3. checks: no waiting party fits anywhere any more (the engine, for each of them, over the
 *      city read afresh), and the invariant checker finds nothing.
 */
import fs from 'node:fs';
import os from 'node:os';
import { QueryTypes, type Sequelize } from 'sequelize';
import { suggest } from '../server/allocation/suggest';
import { loadConfig } from '../server/config';
import { openDatabase } from '../server/db/database';
import { checkInvariants } from '../server/invariants/check';
import { configureLogger } from '../server/logging/logger';
import { loadCity } from '../server/placement/citySnapshot';
import { partyRequest } from '../server/placement/partyLoader';
import { allocationPolicy, currentPolicy } from '../server/services/policy';
import { drainPass } from '../server/waitingList/drainPass';
import { quarantineEnd } from '../server/waitingList/expiry';
import { readWaitingParties } from '../server/waitingList/waitingParties';
import { bulkInsert, IdSequence, type Row } from '../seeders/bulkInsert';
import { Random } from '../seeders/random';
import { addDays } from '../shared/dates';
import { CURRENT_STAY_STATUSES, type Category, type PersonNeed } from '../shared/enums';
import { DEFAULT_POLICY } from '../shared/policy';
import {
  BENCH_USER,
  benchPerson,
  ensureBenchUser,
  ensureMysqlDatabase,
  ensureProvince,
  fmt,
  login,
  NOW,
  percentile,
  startServer,
  table,
  TODAY,
} from './lib';

const DATABASE_URL =
  process.env.BENCH_DATABASE_URL ?? 'mysql://root@127.0.0.1:3306/haven_drain_bench';
const WAITING = Number(process.env.BENCH_WAITING ?? 10_000);
const BEDS = Number(process.env.BENCH_BEDS ?? 1_000);
const RELEASES = Number(process.env.BENCH_RELEASES ?? 300);
const RELEASE_CONCURRENCY = Number(process.env.BENCH_RELEASE_CONCURRENCY ?? 2);
/** A drain still going after this long is reported as such (the bench stays under 10 min). */
const MAX_WAIT_S = Number(process.env.BENCH_MAX_SECONDS ?? 120);
const TARGET_DRAIN_S = 10;
const TARGET_RELEASE_P99_MS = 100;

const WAITING_NAME = 'Bench drain waiting';
const FILLER_NAME = 'Bench drain filler';
const RELEASE_REASON = 'bench:drain release';
/** Waiting entries set aside for the baseline carry this resolvedAt, to be put back exactly. */
const ASIDE = new Date('1970-01-02T00:00:00Z');
/** The province's reserve: the seed makes its last sites standby (seeders/city.ts buildSites). */
const RESERVE_SITES = 50;
const CURRENT = `(${CURRENT_STAY_STATUSES.map((s) => `'${s}'`).join(', ')})`;

const DISTRICTS = (
  JSON.parse(
    fs.readFileSync(new URL('../seeders/data/zhengzhou-districts.json', import.meta.url), 'utf8'),
  ) as { districts: { code: string; lat: number; lng: number }[] }
).districts;

type Select = <T extends object>(
  sql: string,
  replacements?: Record<string, unknown>,
) => Promise<T[]>;

function selecter(sequelize: Sequelize): Select {
  return (sql, replacements = {}) =>
    sequelize.query(sql, { type: QueryTypes.SELECT, replacements });
}

async function count(select: Select, sql: string, replacements = {}): Promise<number> {
  const [row] = await select<{ n: number | string }>(sql, replacements);
  return Number(row?.n ?? 0);
}

/** A person, a one-person or household party and its members, as rows to insert. */
function partyRows(
  ids: { persons: IdSequence; parties: IdSequence },
  spec: {
    name: string;
    category: Category;
    exposure: string;
    needs: PersonNeed[][];
    share: boolean;
    district: number;
  },
) {
  const partyId = ids.parties.next();
  const d = DISTRICTS[spec.district % DISTRICTS.length];
  const persons = spec.needs.map((needs, m) =>
    benchPerson({
      id: ids.persons.next(),
      fullName: `${spec.name} ${partyId}.${m + 1}`,
      sex: (partyId + m) % 2 ? 'male' : 'female',
      category: spec.category,
      exposureDate: spec.exposure,
      origin: {
        district: d.code,
        latitude: d.lat + ((partyId % 7) - 3) * 0.005,
        longitude: d.lng + ((partyId % 5) - 2) * 0.005,
      },
      needs,
    }),
  );
  return {
    partyId,
    persons,
    party: {
      id: partyId,
      category: spec.category,
      shareRoom: spec.share,
      createdAt: NOW,
      updatedAt: NOW,
    },
    members: persons.map((p) => ({ partyId, personId: p.id })),
  };
}

async function insertParties(sequelize: Sequelize, built: ReturnType<typeof partyRows>[]) {
  await bulkInsert(
    sequelize,
    'persons',
    built.flatMap((b) => b.persons),
  );
  await bulkInsert(
    sequelize,
    'parties',
    built.map((b) => b.party),
  );
  await bulkInsert(
    sequelize,
    'party_members',
    built.flatMap((b) => b.members),
  );
}

/**
 * Fills every room of an active site that nobody holds with a reservation from today for three
 * weeks (once per database), so the waiting parties find the city full. Its category is the
 * floor's (one category per floor), close contacts on an empty floor.
 */
async function ensureFiller(sequelize: Sequelize, select: Select): Promise<void> {
  const existing = await count(
    select,
    'SELECT COUNT(*) AS n FROM persons WHERE fullName LIKE :name',
    { name: `${FILLER_NAME} %` },
  );
  if (existing > 0) return;
  const free = await select<{ id: number; siteId: number; floor: number }>(
    `SELECT r.id, r.siteId, r.floor FROM rooms r JOIN sites s ON s.id = r.siteId
     WHERE s.status = 'active' AND r.status = 'available'
       AND NOT EXISTS (SELECT 1 FROM stays st WHERE st.roomId = r.id
         AND (st.status IN ${CURRENT} OR (st.status IN ('released', 'transferred') AND st.releaseDate >= :yesterday)))`,
    { yesterday: addDays(TODAY, -1) },
  );
  const floors = await select<{ siteId: number; floor: number; category: Category }>(
    `SELECT r.siteId, r.floor, MIN(p.category) AS category FROM stays st
     JOIN rooms r ON r.id = st.roomId JOIN parties p ON p.id = st.partyId
     WHERE st.status IN ${CURRENT} GROUP BY r.siteId, r.floor`,
  );
  const categoryOf = new Map(floors.map((f) => [`${f.siteId}/${f.floor}`, f.category]));
  const ids = {
    persons: await IdSequence.after(sequelize, 'persons'),
    parties: await IdSequence.after(sequelize, 'parties'),
    stays: await IdSequence.after(sequelize, 'stays'),
  };
  const built = free.map((room, i) =>
    partyRows(ids, {
      name: FILLER_NAME,
      category: categoryOf.get(`${room.siteId}/${room.floor}`) ?? 'close_contact',
      exposure: addDays(TODAY, -1),
      needs: [[]],
      share: false,
      district: i,
    }),
  );
  await insertParties(sequelize, built);
  const stays: Row[] = built.map((b, i) => ({
    id: ids.stays.next(),
    personId: b.persons[0].id,
    partyId: b.partyId,
    roomId: free[i].id,
    entryDate: TODAY,
    plannedReleaseDate: addDays(TODAY, 21),
    status: 'reserved',
    activePersonId: b.persons[0].id,
    createdAt: NOW,
    updatedAt: NOW,
  }));
  await bulkInsert(sequelize, 'stays', stays);
  console.log(`  filler: ${stays.length} free rooms of active sites reserved from ${TODAY}`);
}

/** The waiting parties (once per database): every category, households, wheelchair users. */
async function ensureWaitingParties(sequelize: Sequelize, select: Select): Promise<void> {
  const existing = await count(
    select,
    'SELECT COUNT(DISTINCT pm.partyId) AS n FROM persons p JOIN party_members pm ON pm.personId = p.id WHERE p.fullName LIKE :name',
    { name: `${WAITING_NAME} %` },
  );
  if (existing === WAITING) return;
  if (existing > 0) throw new Error(`${existing} waiting bench parties, not ${WAITING}: reseed`);
  const random = new Random(20261210);
  const ids = {
    persons: await IdSequence.after(sequelize, 'persons'),
    parties: await IdSequence.after(sequelize, 'parties'),
  };
  const built = Array.from({ length: WAITING }, (_, k) => {
    const category = random.weighted<Category>([
      ['close_contact', 60],
      ['secondary_contact', 20],
      ['inbound_traveller', 12],
      ['high_risk_arrival', 8],
    ]);
    const size = random.weighted([
      [1, 65],
      [2, 25],
      [3, 10],
    ] as const);
    const needs = Array.from({ length: size }, (_m, m): PersonNeed[] =>
      m === 0 && random.chance(0.04) ? ['wheelchair'] : [],
    );
    return partyRows(ids, {
      name: WAITING_NAME,
      category,
      // Exposed in the last three days: a stay of most of the quarantine is left to book.
      exposure: addDays(TODAY, -random.int(0, 3)),
      needs,
      share: size > 1 && random.chance(0.75),
      district: k,
    });
  });
  await insertParties(sequelize, built);
  // Queued over the last three days, one after another in party order.
  const step = (3 * 86_400_000) / WAITING;
  await bulkInsert(
    sequelize,
    'waiting_entries',
    built.map((b, k) => ({
      partyId: b.partyId,
      category: b.party.category,
      priority: DEFAULT_POLICY.categories[b.party.category].priority,
      status: 'waiting',
      reason: 'No room fits: there are no rooms in any open site.',
      queuedAt: new Date(NOW.getTime() - 3 * 86_400_000 + k * step),
      resolvedAt: null,
      createdAt: NOW,
      updatedAt: NOW,
    })),
  );
  console.log(`  waiting list: ${WAITING} parties queued over the last three days`);
}

/** Puts the database back as the previous run found it (its placements, releases, activations). */
async function reset(sequelize: Sequelize, reserve: number[], benchUserId: number): Promise<void> {
  const run = (sql: string, replacements: Record<string, unknown> = {}) =>
    sequelize.query(sql, { replacements });
  const placed = `SELECT partyId FROM waiting_entries WHERE status = 'placed'`;
  await run(
    `DELETE FROM tests WHERE stayId IN (SELECT id FROM stays WHERE partyId IN (${placed}))`,
  );
  await run(`DELETE FROM stays WHERE partyId IN (${placed})`);
  await run(
    "UPDATE waiting_entries SET status = 'waiting', resolvedAt = NULL WHERE status <> 'waiting'",
  );
  const released = 'SELECT roomId FROM stays WHERE endReason = :reason';
  await run(
    `UPDATE rooms SET status = 'available' WHERE status = 'cleaning' AND id IN (${released})`,
    { reason: RELEASE_REASON },
  );
  await run(
    `UPDATE stays SET status = 'checked_in', releaseDate = NULL, endedAt = NULL, endReason = NULL,
       activePersonId = personId WHERE endReason = :reason`,
    { reason: RELEASE_REASON },
  );
  await run("UPDATE sites SET status = 'standby' WHERE id IN (:reserve)", { reserve });
  await run("DELETE FROM audit_events WHERE requestId = 'drain' OR actorUserId = :user", {
    user: benchUserId,
  });
  await run('UPDATE waiting_list_drains SET holder = NULL, leaseUntil = NULL, rerun = 0');
  // Everything above bypassed the services: every site's kept snapshot must be read again.
  await run('UPDATE sites SET occupancyVersion = occupancyVersion + 1');
}

/** Releases the stays, `concurrency` at a time; each latency in ms. */
async function releases(base: string, token: string, stayIds: number[], concurrency: number) {
  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  let next = 0;
  const worker = async () => {
    while (next < stayIds.length) {
      const id = stayIds[next++];
      const started = performance.now();
      const res = await fetch(`${base}/api/stays/${id}/release`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ reason: RELEASE_REASON }),
      });
      await res.arrayBuffer();
      latencies.push(performance.now() - started);
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { latencies: latencies.sort((a, b) => a - b), statuses };
}

/** Waits until no process holds the drain claim nor owes a rerun, three polls in a row. */
async function drainIdle(select: Select, maxSeconds: number): Promise<boolean> {
  const until = Date.now() + maxSeconds * 1000;
  for (let quiet = 0; quiet < 3;) {
    if (Date.now() > until) return false;
    await new Promise((resolve) => setTimeout(resolve, 100));
    const idle = await count(
      select,
      'SELECT COUNT(*) AS n FROM waiting_list_drains WHERE holder IS NULL AND rerun = 0',
    );
    quiet = idle === 1 ? quiet + 1 : 0;
  }
  return true;
}

/** Waiting parties that some room fits now: the engine over the city read afresh, for each. */
async function stillFitting(sequelize: Sequelize): Promise<number> {
  const policy = await currentPolicy();
  const rules = allocationPolicy(policy);
  const city = await loadCity(sequelize, undefined, {
    today: TODAY,
    cleaningNights: rules.cleaningNights,
    entryDate: TODAY,
    allowStandby: false,
  });
  let fitting = 0;
  for (const party of await readWaitingParties(sequelize)) {
    const release = quarantineEnd(policy, party);
    if (release <= TODAY) continue;
    const request = partyRequest(party, { entryDate: TODAY, releaseDate: release }, false);
    const found = suggest({ ...city, party: request, policy: rules, limit: 1 });
    if (found.suggestions.length) fitting++;
  }
  return fitting;
}

const latencyCells = (l: number[]) => [
  l.length,
  fmt(percentile(l, 50)),
  fmt(percentile(l, 99)),
  fmt(l.at(-1) ?? NaN),
];

async function main(): Promise<void> {
  configureLogger({ level: 'error', json: false });
  const started = Date.now();
  await ensureMysqlDatabase(DATABASE_URL);
  const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL });
  const db = await openDatabase(DATABASE_URL, { quietMigrations: true });
  const { sequelize } = db;
  const select = selecter(sequelize);
  await db.migrate();
  await ensureProvince(db, config, DATABASE_URL);
  await ensureBenchUser(sequelize);
  const benchUserId = await count(select, 'SELECT id AS n FROM users WHERE username = :u', {
    u: BENCH_USER.username,
  });
  const reserve = (
    await select<{ id: number }>(`SELECT id FROM sites ORDER BY id DESC LIMIT ${RESERVE_SITES}`)
  )
    .map((r) => Number(r.id))
    .reverse();
  await reset(sequelize, reserve, benchUserId);
  await ensureFiller(sequelize, select);
  await ensureWaitingParties(sequelize, select);

  // Whatever fits already (the filler leaves a few gaps) is placed before anything is measured.
  const settled = await drainPass({
    sequelize,
    now: () => NOW,
    today: () => TODAY,
    goOn: () => true,
  });
  const waiting = await select<{ parties: number; people: number }>(
    `SELECT COUNT(DISTINCT w.id) AS parties, COUNT(*) AS people FROM waiting_entries w
     JOIN party_members m ON m.partyId = w.partyId WHERE w.status = 'waiting'`,
  );
  console.log(
    `Settled in-process: ${settled.placed} placed, ${settled.expired} expired, ` +
      `${settled.skipped} skipped in ${fmt(settled.ms / 1000)} s; ` +
      `${waiting[0].parties} parties (${waiting[0].people} people) waiting`,
  );

  // The reserve sites opened: in id order until their beds reach BEDS.
  const reserveBeds = await select<{ id: number; beds: number | string }>(
    `SELECT siteId AS id, SUM(beds) AS beds FROM rooms
     WHERE siteId IN (:reserve) AND status <> 'out_of_service' GROUP BY siteId ORDER BY siteId`,
    { reserve },
  );
  const opened: number[] = [];
  let beds = 0;
  for (const site of reserveBeds) {
    if (beds >= BEDS) break;
    opened.push(Number(site.id));
    beds += Number(site.beds);
  }
  const releaseIds = (
    await select<{ id: number }>(
      `SELECT st.id FROM stays st JOIN rooms r ON r.id = st.roomId JOIN sites s ON s.id = r.siteId
       WHERE st.status = 'checked_in' AND st.entryDate <= :today AND s.status = 'active'
       ORDER BY st.id LIMIT ${2 * RELEASES}`,
      { today: TODAY },
    )
  ).map((r) => Number(r.id));

  const server = await startServer(
    process.env.BENCH_SERVER ?? 'havenServer.ts',
    [DATABASE_URL, NOW.toISOString()],
    {
      logFile: '/tmp/haven-bench-drain-server.log',
    },
  );
  try {
    const token = await login(server.base);
    // A server in service has read the city for suggestions and placements already; this one
    // just started: one suggestion reads its snapshot (a cold read holds the event loop ~150 ms).
    const [someone] = await select<{ partyId: number }>(
      "SELECT partyId FROM waiting_entries WHERE status = 'waiting' ORDER BY id LIMIT 1",
    );
    const warm = await fetch(`${server.base}/api/parties/${someone.partyId}/suggestions`, {
      headers: { authorization: `Bearer ${token}` },
    });
    if (warm.status !== 200) throw new Error(`warm-up suggestions: ${warm.status}`);

    // 1. Baseline: the same kind of releases, with nobody waiting.
    await sequelize.query(
      "UPDATE waiting_entries SET status = 'cancelled', resolvedAt = :aside WHERE status = 'waiting'",
      { replacements: { aside: ASIDE } },
    );
    const baseline = await releases(
      server.base,
      token,
      releaseIds.slice(0, RELEASES),
      RELEASE_CONCURRENCY,
    );
    await drainIdle(select, MAX_WAIT_S);
    await sequelize.query(
      "UPDATE waiting_entries SET status = 'waiting', resolvedAt = NULL WHERE status = 'cancelled' AND resolvedAt = :aside",
      { replacements: { aside: ASIDE } },
    );

    // 2. The drain: reserve sites opened at once, releases sent meanwhile.
    const auditBefore = await count(select, 'SELECT COALESCE(MAX(id), 0) AS n FROM audit_events');
    const sentAt = Date.now();
    const activations = Promise.all(
      opened.map(async (siteId) => {
        const res = await fetch(`${server.base}/api/sites/${siteId}/activate`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: '{}',
        });
        await res.arrayBuffer();
        return res.status;
      }),
    );
    const during = await releases(
      server.base,
      token,
      releaseIds.slice(RELEASES),
      RELEASE_CONCURRENCY,
    );
    const activated = await activations;
    const idle = await drainIdle(select, MAX_WAIT_S);
    const [drained] = await select<{ parties: number | string; last: Date | string | null }>(
      `SELECT COUNT(*) AS parties, MAX(occurredAt) AS last FROM audit_events
       WHERE id > :before AND action = 'place' AND requestId = 'drain'`,
      { before: auditBefore },
    );
    const people = await count(
      select,
      `SELECT COUNT(*) AS n FROM stays WHERE partyId IN (SELECT CAST(entityId AS UNSIGNED)
       FROM audit_events WHERE id > :before AND action = 'place' AND requestId = 'drain')`,
      { before: auditBefore },
    );
    const drainSeconds = drained.last ? (new Date(drained.last).getTime() - sentAt) / 1000 : NaN;

    // 3. Checks.
    const fitting = await stillFitting(sequelize);
    const findings = await checkInvariants(sequelize, { cleaningNights: 1 });
    for (const f of findings.slice(0, 5)) console.log(`    finding: ${f.rule}: ${f.detail}`);

    console.log('');
    console.log(
      `bench:drain on MariaDB/MySQL (${DATABASE_URL}), ${os.cpus().length} CPU ` +
        `(${os.cpus()[0]?.model ?? '?'}), ${process.version}; load average after ` +
        os
          .loadavg()
          .map((l) => l.toFixed(2))
          .join(' '),
    );
    console.log(
      table(
        ['what', 'value'],
        [
          [
            'parties (people) waiting when the beds were freed',
            `${waiting[0].parties} (${waiting[0].people})`,
          ],
          [
            'beds freed at once',
            `${beds} in ${opened.length} reserve sites (${activated.filter((s) => s === 200).length} activated, 200)`,
          ],
          ['placed by the drain', `${drained.parties} parties, ${people} people`],
          [
            'from the activations sent to the last placement',
            `${fmt(drainSeconds, 2)} s${idle ? '' : ` (still draining after ${MAX_WAIT_S} s)`}`,
          ],
          ['waiting parties some room fits afterwards', fitting],
          ['invariant findings', findings.length],
        ],
        [false, true],
      ),
    );
    console.log('');
    console.log(
      table(
        ['releases', 'n', 'p50 ms', 'p99 ms', 'max ms', 'statuses'],
        [
          [
            'baseline: nobody waiting',
            ...latencyCells(baseline.latencies),
            [...baseline.statuses].map(([s, n]) => `${s}×${n}`).join(' '),
          ],
          [
            'during the drain',
            ...latencyCells(during.latencies),
            [...during.statuses].map(([s, n]) => `${s}×${n}`).join(' '),
          ],
        ],
        [false, true, true, true, true, false],
      ),
    );
    const p99 = percentile(during.latencies, 99);
    console.log(
      `\nEvery party that fits placed in ${fmt(drainSeconds, 2)} s against ≤ ${TARGET_DRAIN_S} s: ` +
        `${drainSeconds <= TARGET_DRAIN_S && fitting === 0 ? 'MET' : 'MISSED'}; ` +
        `release p99 during the drain ${fmt(p99)} ms against < ${TARGET_RELEASE_P99_MS} ms: ` +
        `${p99 < TARGET_RELEASE_P99_MS ? 'MET' : 'MISSED'}; ` +
        `${((Date.now() - started) / 1000).toFixed(0)} s in all`,
    );
  } finally {
    await server.stop();
    await db.close();
  }
}

await main();
