/**
 * Domain events are heard after their transaction commits, never for one that rolled back
 * (DESIGN §4 rule 5), and carry each touched site's new occupancy version.
 */
import { expect } from 'chai';
import type { DomainEvent } from '../../shared/events';
import { inTransaction, RetryableConflict } from '../../server/db/transaction';
import { domainEvents, emitAfterCommit } from '../../server/events/bus';
import { Site, Stay } from '../../server/models';
import { buildParty, buildRoom, buildSite, buildStays } from '../factories';
import { apiAs } from '../setup/api';
import { testDb, useTestDatabase } from '../setup/db';

const settle = () => new Promise((r) => setTimeout(r, 50));

function record() {
  const heard: DomainEvent[] = [];
  const stop = domainEvents.onAny((e) => heard.push(e));
  return { heard, stop };
}

async function until<T>(check: () => T | undefined, ms = 2000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
}

const probe = (jobId: string): DomainEvent => ({
  name: 'job.progress',
  payload: { jobId, kind: 'test', done: 1, total: 1 },
});

describe('domain events after commit', () => {
  useTestDatabase();
  let rec: ReturnType<typeof record>;
  beforeEach(() => {
    rec = record();
  });
  afterEach(() => rec.stop());

  it('hears stay.created once the placement has committed, with the site version grown', async () => {
    const room = await buildRoom({ beds: 2 });
    const { party } = await buildParty();
    let committedWhenHeard: number | null = null;
    const stop = domainEvents.on('stay.created', (p) => {
      // The listener runs after COMMIT: another connection already sees the stays.
      void Stay.count({ where: { partyId: p.partyId } }).then((n) => (committedWhenHeard = n));
    });
    try {
      const res = await (await apiAs()).post(`/api/parties/${party.id}/placement`).send({});
      expect(res.status, JSON.stringify(res.body)).to.equal(201);
      const event = await until(() => rec.heard.find((e) => e.name === 'stay.created'));
      expect(event.payload).to.deep.include({
        partyId: party.id,
        roomIds: [room.id],
        sites: [{ siteId: room.siteId, version: 1 }],
      });
      await until(() => committedWhenHeard ?? undefined);
      expect(committedWhenHeard).to.equal(1);
      expect((await Site.findByPk(room.siteId))!.occupancyVersion).to.equal(1);
    } finally {
      stop();
    }
  });

  it('gives every later change of the site a higher version', async () => {
    const site = await buildSite();
    await buildRoom({ site });
    await buildRoom({ site });
    const api = await apiAs();
    for (let i = 0; i < 2; i++) {
      const { party } = await buildParty();
      await api.post(`/api/parties/${party.id}/placement`).send({}).expect(201);
    }
    const [stay] = await Stay.findAll({ order: [['id', 'ASC']], limit: 1 });
    await api.post(`/api/stays/${stay.id}/check-in`).expect(200);
    await until(() => (rec.heard.length >= 3 ? true : undefined));
    const versions = rec.heard
      .filter((e) => e.name === 'stay.created' || e.name === 'stay.changed')
      .flatMap((e) => ('sites' in e.payload ? e.payload.sites : []))
      .map((s) => s.version);
    expect(versions).to.deep.equal([1, 2, 3]);
  });

  it('hears nothing for a placement refused with 409, and the version stays', async () => {
    const room = await buildRoom({ beds: 1 });
    await buildStays({ room });
    const { party } = await buildParty();
    const res = await (
      await apiAs()
    )
      .post(`/api/parties/${party.id}/placement`)
      .send({ roomIds: [room.id] });
    expect(res.status).to.equal(409);
    await settle();
    expect(rec.heard).to.deep.equal([]);
    expect((await Site.findByPk(room.siteId))!.occupancyVersion).to.equal(0);
  });

  it('hears nothing when the work throws after queueing an event', async () => {
    let failed = false;
    await inTransaction(testDb().sequelize, async (t) => {
      emitAfterCommit(t, probe('rolled-back'));
      throw new Error('boom');
    }).catch(() => (failed = true));
    expect(failed).to.equal(true);
    await settle();
    expect(rec.heard).to.deep.equal([]);
  });

  it('hears only the attempt that committed when a transaction is retried', async () => {
    let attempt = 0;
    await inTransaction(testDb().sequelize, async (t) => {
      attempt++;
      emitAfterCommit(t, probe(`attempt-${attempt}`));
      if (attempt === 1) throw new RetryableConflict('again');
    });
    await settle();
    expect(rec.heard.map((e) => (e.payload as { jobId: string }).jobId)).to.deep.equal([
      'attempt-2',
    ]);
  });

  it('hears nothing when COMMIT itself fails (Sequelize runs afterCommit hooks even then)', async () => {
    const qi = testDb().sequelize.getQueryInterface();
    const original = qi.commitTransaction.bind(qi);
    // The COMMIT really runs (so no lock is left behind), then the driver reports a failure:
    // what a connection lost before the reply looks like.
    qi.commitTransaction = async (...args: Parameters<typeof original>) => {
      await original(...args);
      throw new Error('connection lost during COMMIT');
    };
    // Sequelize warns on the console when a COMMIT fails: expected here.
    const warn = console.warn;
    console.warn = () => undefined;
    let failed = false;
    try {
      await inTransaction(testDb().sequelize, async (t) => {
        emitAfterCommit(t, probe('commit-failed'));
      }).catch(() => (failed = true));
    } finally {
      qi.commitTransaction = original;
      console.warn = warn;
    }
    expect(failed).to.equal(true);
    await settle();
    expect(rec.heard).to.deep.equal([]);
  });
});
