/**
 * The storm (issue 3): 200 concurrent placements of parties of 1–3 people against a small site
 * with fewer beds than people, with releases, cancellations and moves mixed in. On MySQL/MariaDB
 * the requests go to 3 separate server processes on one database; on SQLite to one in-process
 * server. Each process drains the waiting list in the background when capacity frees up or a
 * party is queued behind others (issue 15), claimed in the database. Afterwards the invariant
 * checker finds nothing, every party is either placed or waiting, and none was placed twice.
 */
import { CURRENT_STAY_STATUSES } from '../../shared/enums';
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import { expect } from 'chai';
import { Op } from 'sequelize';
import { createApp } from '../../server/app';
import { loadConfig } from '../../server/config';
import { dialectOf } from '../../server/db/sequelize';
import { checkInvariants } from '../../server/invariants/check';
import { AuditEvent, Stay, WaitingEntry } from '../../server/models';
import { buildParty, buildRoom, buildSite } from '../factories';
import { TEST_NOW } from '../setup/app';
import { signIn } from '../setup/auth';
import { drained } from '../setup/drain';
import { testDatabaseUrl, testDb, useTestDatabase } from '../setup/db';

const PARTIES = 200;
const PROCESSES = 3;

/** A tiny deterministic PRNG, so a failing storm can be replayed. */
function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function startProcess(url: string): Promise<{ child: ChildProcess; base: string }> {
  const script = path.join(import.meta.dirname, 'stormServer.ts');
  const child = spawn(process.execPath, ['--import', 'tsx', script, url, TEST_NOW.toISOString()], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /PORT (\d+)/.exec(out);
      if (match) resolve({ child, base: `http://127.0.0.1:${match[1]}` });
    });
    child.on('exit', (code) => reject(new Error(`storm server exited with ${code}`)));
  });
}

let auth: Record<string, string> = {};

async function post(base: string, path: string, body: object): Promise<number> {
  // A 503 says "retry after": a client that gives up would leave the party neither placed nor
  // queued, so the storm's clients retry like a real one would.
  for (let attempt = 0; ; attempt++) {
    const res = await fetch(`${base}${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...auth },
      body: JSON.stringify(body),
    });
    await res.arrayBuffer();
    if (res.status !== 503 || attempt >= 20) return res.status;
    await new Promise((r) => setTimeout(r, 50 + Math.random() * 200));
  }
}

describe('placement storm', function () {
  this.timeout(180_000);
  useTestDatabase();

  let bases: string[] = [];
  let stop: () => Promise<void> = async () => {};

  beforeEach(async () => {
    const url = testDatabaseUrl();
    if (dialectOf(url) === 'mysql') {
      const started = await Promise.all(Array.from({ length: PROCESSES }, () => startProcess(url)));
      bases = started.map((s) => s.base);
      stop = async () => {
        await Promise.all(
          started.map(
            ({ child }) =>
              new Promise<void>((resolve) => {
                child.once('exit', () => resolve());
                child.kill('SIGTERM');
              }),
          ),
        );
      };
    } else {
      const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: url });
      const app = createApp({ config, db: testDb(), now: () => TEST_NOW }, { clientDist: null });
      const server = http.createServer(app);
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const address = server.address();
      bases = [`http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`];
      stop = () => new Promise((resolve) => server.close(() => resolve()));
    }
  });

  /** Stops the servers, once; on SQLite waits for the in-process drainer instead. */
  async function stopServers() {
    const stopping = stop;
    stop = async () => {};
    await stopping();
    if (dialectOf(testDatabaseUrl()) === 'sqlite') await drained();
  }

  afterEach(async () => {
    await stopServers();
  });

  it('never overbooks, and places or queues every party', async () => {
    auth = (await signIn('admin')).auth;
    const random = prng(20261129);
    const site = await buildSite({ code: 'STORM' });
    // 3 floors, 16 rooms, 26 beds: far fewer than the ~400 people who ask.
    for (let floor = 1; floor <= 3; floor++) {
      for (let i = 1; i <= (floor === 3 ? 4 : 6); i++) {
        await buildRoom({
          site,
          floor,
          number: `${floor}${String(i).padStart(2, '0')}`,
          beds: 1 + (i % 3),
        });
      }
    }
    const categories = ['close_contact', 'secondary_contact', 'inbound_traveller'] as const;
    const parties = [];
    for (let i = 0; i < PARTIES; i++) {
      const size = 1 + Math.floor(random() * 3);
      parties.push(
        await buildParty({
          size,
          shareRoom: random() < 0.7,
          category: categories[Math.floor(random() * categories.length)],
        }),
      );
    }

    const placements = parties.map((p, i) =>
      post(bases[i % bases.length], `/api/parties/${p.party.id}/placement`, {}),
    );
    // Releases, cancellations, check-ins and moves of whatever got placed, racing the placements.
    const churn = (async () => {
      for (let round = 0; round < 15; round++) {
        await new Promise((r) => setTimeout(r, 20));
        const stays = await Stay.findAll({
          where: { status: { [Op.in]: ['reserved', 'checked_in'] } },
          limit: 3,
        });
        await Promise.all(
          stays.map(async (stay, k) => {
            const base = bases[(round + k) % bases.length];
            if (stay.status === 'reserved' && (round + k) % 3 === 0) {
              // Frees its nights at once: the drains of every process compete for them.
              await post(base, `/api/stays/${stay.id}/cancel`, { reason: 'storm cancel' });
            } else if (stay.status === 'reserved') {
              await post(base, `/api/stays/${stay.id}/check-in`, {});
            } else if (k % 2 === 0) {
              await post(base, `/api/stays/${stay.id}/release`, { reason: 'storm release' });
            } else {
              await post(base, `/api/parties/${stay.partyId}/move`, { reason: 'storm move' });
            }
          }),
        );
      }
    })();
    const statuses = await Promise.all(placements);
    await churn;
    // Drains the requests asked for may still run, in any process: they stop (at a party's end,
    // letting go of the claim) or finish before anything is counted.
    await stopServers();

    expect(statuses.filter((s) => s !== 201 && s !== 202)).to.deep.equal([]);
    const findings = await checkInvariants(testDb().sequelize, { cleaningNights: 1 });
    expect(findings).to.deep.equal([]);

    const placed = new Set((await Stay.findAll({ attributes: ['partyId'] })).map((s) => s.partyId));
    const waiting = new Set(
      (await WaitingEntry.findAll({ where: { status: 'waiting' } })).map((w) => w.partyId),
    );
    for (const id of placed)
      expect(waiting.has(id), `party ${id} both placed and waiting`).to.equal(false);
    expect(placed.size + waiting.size).to.equal(PARTIES);
    expect(placed.size).to.be.greaterThan(5);
    expect(waiting.size).to.be.greaterThan(100);
    // Drains in several processes never placed one party twice.
    const placeAudits = await AuditEvent.findAll({ where: { entity: 'party', action: 'place' } });
    const placedTwice = placeAudits
      .map((e) => e.entityId)
      .filter((id, i, all) => all.indexOf(id) !== i);
    expect(placedTwice).to.deep.equal([]);
    expect(placeAudits.length).to.be.at.least(placed.size);
  });

  it('places one party once when requests to place and to queue it race, and never leaves it waiting', async () => {
    auth = (await signIn('admin')).auth;
    // In a standby site: a request that may open it places the party, one that may not queues it.
    for (let round = 0; round < 5; round++) {
      const room = await buildRoom({ site: await buildSite({ status: 'standby' }) });
      const { party } = await buildParty();
      const statuses = await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          post(
            bases[i % bases.length],
            `/api/parties/${party.id}/placement`,
            i % 2 ? { roomIds: [room.id], allowStandby: true } : {},
          ),
        ),
      );
      expect(
        statuses.filter((s) => s === 201),
        `round ${round}: ${statuses}`,
      ).to.have.length(1);
      expect(statuses.filter((s) => ![201, 202, 409].includes(s))).to.deep.equal([]);
      expect(await Stay.count({ where: { partyId: party.id } })).to.equal(1);
      expect(
        await WaitingEntry.count({ where: { partyId: party.id, status: 'waiting' } }),
        `round ${round}: placed and still waiting`,
      ).to.equal(0);
    }
  });

  it('moves one party once at a time when moves of it race, never leaving a person two stays', async () => {
    auth = (await signIn('admin')).auth;
    const site = await buildSite();
    for (let floor = 1; floor <= 3; floor++) {
      for (let i = 0; i < 4; i++) await buildRoom({ site, floor, beds: 2 });
    }
    const { party, people } = await buildParty({ size: 2, shareRoom: true });
    expect(await post(bases[0], `/api/parties/${party.id}/placement`, {})).to.equal(201);
    const statuses = await Promise.all(
      Array.from({ length: 9 }, (_, i) =>
        post(bases[i % bases.length], `/api/parties/${party.id}/move`, { reason: 'race' }),
      ),
    );
    expect(
      statuses.filter((s) => ![200, 409].includes(s)),
      String(statuses),
    ).to.deep.equal([]);
    expect(statuses.filter((s) => s === 200).length, String(statuses)).to.be.greaterThan(0);
    const current = await Stay.findAll({
      where: { partyId: party.id, status: { [Op.in]: [...CURRENT_STAY_STATUSES] } },
    });
    expect(current.map((s) => s.personId).sort()).to.deep.equal(people.map((p) => p.id).sort());
    expect(new Set(current.map((s) => s.roomId)).size).to.equal(1);
    expect(await checkInvariants(testDb().sequelize, { cleaningNights: 1 })).to.deep.equal([]);
  });
});
