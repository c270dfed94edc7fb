/**
 * The drain claim across processes (server/waitingList/claim.ts, drainer.ts): one drain at a time
 * city-wide, a rerun for whoever asked meanwhile, a lapsed lease taken over, a drain resumed at
 * start-up, and never one party placed twice, even by passes that ignore the claim.
 */
import { expect } from 'chai';
import { dateInZone } from '../../shared/dates';
import { AuditEvent, Site, Stay, WaitingEntry, WaitingListDrain } from '../../server/models';
import { drainPass, type PassContext, type PassMemory } from '../../server/waitingList/drainPass';
import {
  askForRerun,
  claimDrain,
  claimState,
  letGoOfDrain,
  renewDrain,
} from '../../server/waitingList/claim';
import { Drainer } from '../../server/waitingList/drainer';
import { readWaitingParties, WAITING_PAGE } from '../../server/waitingList/waitingParties';
import { buildRoom, buildSite, buildStays, buildWaitingParties } from '../factories';
import { TEST_NOW, TEST_TODAY } from '../setup/app';
import { testDb, useTestDatabase } from '../setup/db';

const LEASE = 30_000;

function drainer(holder: string, options: { pass?: typeof drainPass } = {}) {
  return new Drainer({
    sequelize: testDb().sequelize,
    now: () => TEST_NOW,
    timezone: 'Asia/Shanghai',
    holder,
    ...options,
  });
}

function passContext(): PassContext {
  return {
    sequelize: testDb().sequelize,
    now: () => TEST_NOW,
    today: () => dateInZone(TEST_NOW, 'Asia/Shanghai'),
    goOn: () => true,
  };
}

async function eventually(check: () => Promise<boolean>, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** A party waiting and a free room that fits it: what any drain would place at once. */
async function oneThatFits() {
  const room = await buildRoom({ site: await buildSite() });
  const [party] = await buildWaitingParties([{}]);
  return { room, party };
}

describe('waiting list drain claim', function () {
  this.timeout(30_000);
  useTestDatabase();

  it('lets one process claim at a time, and the holder let go only once nobody asked for a rerun', async () => {
    expect(await claimDrain('a', LEASE)).to.equal(true);
    expect(await claimDrain('b', LEASE)).to.equal(false);
    expect(await renewDrain('a', LEASE)).to.equal(true);
    expect((await askForRerun())?.holder).to.equal('a');
    // Asked twice: one rerun serves both.
    expect((await askForRerun())?.holder).to.equal('a');
    expect(await letGoOfDrain('a', LEASE)).to.equal('rerun');
    expect(await claimDrain('b', LEASE)).to.equal(false);
    expect(await letGoOfDrain('a', LEASE)).to.equal('released');
    expect(await askForRerun()).to.equal(null);
    expect(await claimDrain('b', LEASE)).to.equal(true);
    expect(await letGoOfDrain('a', LEASE)).to.equal('lost');
  });

  it('takes over a claim whose lease has lapsed, and the old holder learns it lost it', async () => {
    const longAgo = new Date(Date.now() - 2 * LEASE);
    expect(await claimDrain('dead', LEASE, longAgo)).to.equal(true);
    expect(await claimDrain('alive', LEASE)).to.equal(true);
    expect(await renewDrain('dead', LEASE)).to.equal(false);
    expect((await claimState()).holder).to.equal('alive');
  });

  it('runs one more pass for a process that asked while the holder was draining', async () => {
    let open: () => void = () => {};
    const gate = new Promise<void>((resolve) => (open = resolve));
    const passes: string[] = [];
    const holder = drainer('holder', {
      pass: async (ctx) => {
        passes.push(passes.length === 0 ? 'first' : 'rerun');
        if (passes.length === 1) await gate;
        return drainPass(ctx);
      },
    });
    const asker = drainer('asker', {
      pass: async () => {
        throw new Error('the asker must not drain while the holder does');
      },
    });
    holder.request();
    await eventually(async () => passes.length === 1);
    // Capacity and a party appear while the holder's first pass runs (it read the list before).
    const { room, party } = await oneThatFits();
    asker.request();
    await asker.idle();
    expect((await claimState()).rerun).to.equal(true);

    open();
    await holder.idle();
    expect(passes).to.deep.equal(['first', 'rerun']);
    expect(await Stay.count({ where: { partyId: party.id, roomId: room.id } })).to.equal(1);
    expect(await claimState()).to.deep.equal({ holder: null, leaseUntil: null, rerun: false });
    await Promise.all([holder.stop(), asker.stop()]);
  });

  it('resumes at start-up a drain that a process left when it died', async () => {
    const { party } = await oneThatFits();
    // It held the claim, was asked for a rerun, and died: its lease lapsed a minute ago.
    await WaitingListDrain.update(
      { holder: 'died-mid-drain', leaseUntil: new Date(Date.now() - 60_000), rerun: true },
      { where: { id: 1 } },
    );
    const restarted = drainer('restarted');
    restarted.start(0);
    await restarted.idle();
    expect(await Stay.count({ where: { partyId: party.id } })).to.equal(1);
    expect((await claimState()).holder).to.equal(null);
    await restarted.stop();
  });

  it('drains once the lease of a holder that died just before the restart lapses', async () => {
    const { party } = await oneThatFits();
    await WaitingListDrain.update(
      { holder: 'died-just-now', leaseUntil: new Date(Date.now() + 300), rerun: false },
      { where: { id: 1 } },
    );
    const restarted = drainer('restarted');
    restarted.start(0);
    await restarted.idle();
    expect(await Stay.count({ where: { partyId: party.id } })).to.equal(0);
    // It watches the holder's lease, and claims once it has lapsed.
    await eventually(async () => (await Stay.count({ where: { partyId: party.id } })) === 1);
    await restarted.idle();
    await restarted.stop();
  });

  it('makes the claim row again if it was deleted, and drains', async () => {
    const { party } = await oneThatFits();
    await WaitingListDrain.destroy({ where: {} });
    const lone = drainer('lone');
    lone.request();
    await lone.idle();
    expect(await Stay.count({ where: { partyId: party.id } })).to.equal(1);
    expect(await WaitingListDrain.count()).to.equal(1);
    await lone.stop();
  });

  it('reads the whole list in placement order, page after page, each party with its members', async () => {
    const specs = Array.from({ length: WAITING_PAGE + 5 }, (_, i) => ({
      category: i % 3 === 0 ? ('secondary_contact' as const) : ('close_contact' as const),
      size: 1 + (i % 2),
    }));
    const parties = await buildWaitingParties(specs);
    const read = await readWaitingParties(testDb().sequelize);
    // Close contacts (priority 1) first, each category in the order it was queued.
    const expected = [
      ...parties.filter((p) => p.category === 'close_contact'),
      ...parties.filter((p) => p.category === 'secondary_contact'),
    ].map((p) => p.id);
    expect(read.map((p) => p.party.id)).to.deep.equal(expected);
    const sizes = new Map(parties.map((p, i) => [p.id, specs[i].size]));
    expect(read.every((p) => p.members.length === sizes.get(p.party.id))).to.equal(true);
  });

  describe('what a pass leaves the next', () => {
    const memory: { last: PassMemory | null } = { last: null };
    const pass = () => drainPass({ ...passContext(), memory });

    beforeEach(() => {
      memory.last = null;
    });

    it('looks again where rooms or bookings changed, and in sites opened since', async () => {
      const site = await buildSite();
      const room = await buildRoom({ site });
      const [stay] = await buildStays({ room, status: 'reserved', entryDate: TEST_TODAY });
      const [party] = await buildWaitingParties([{}]);
      expect((await pass()).skipped).to.equal(1);
      expect((await pass()).skipped).to.equal(1);

      // The reservation goes, as a service would record it: the site's version moves.
      await stay.destroy();
      await Site.increment('occupancyVersion', { where: { id: site.id } });
      expect((await pass()).placed).to.equal(1);
      expect(await Stay.count({ where: { partyId: party.id, roomId: room.id } })).to.equal(1);

      const [next] = await buildWaitingParties([{}]);
      expect((await pass()).skipped).to.equal(1);
      const opened = await buildRoom({ site: await buildSite() });
      expect((await pass()).placed).to.equal(1);
      expect(await Stay.count({ where: { partyId: next.id, roomId: opened.id } })).to.equal(1);
    });

    it('looks again at a site whose categories changed, though its version did not move', async () => {
      const site = await buildSite({ acceptedCategories: ['secondary_contact'] });
      const room = await buildRoom({ site });
      const [party] = await buildWaitingParties([{ category: 'close_contact' }]);
      expect((await pass()).skipped).to.equal(1);
      await Site.update(
        { acceptedCategories: ['secondary_contact', 'close_contact'] },
        { where: { id: site.id } },
      );
      expect((await pass()).placed).to.equal(1);
      expect(await Stay.count({ where: { partyId: party.id, roomId: room.id } })).to.equal(1);
    });
  });

  it('never places a party twice, even when two passes run at once without the claim', async () => {
    const site = await buildSite();
    for (let i = 0; i < 6; i++) await buildRoom({ site, floor: 1 + (i % 2) });
    const parties = await buildWaitingParties(Array.from({ length: 10 }, () => ({})));
    const [a, b] = await Promise.all([drainPass(passContext()), drainPass(passContext())]);
    expect(a.placed + b.placed).to.equal(6);
    const stays = await Stay.findAll();
    expect(new Set(stays.map((s) => s.partyId)).size).to.equal(6);
    expect(new Set(stays.map((s) => s.roomId)).size).to.equal(6);
    const places = await AuditEvent.count({ where: { entity: 'party', action: 'place' } });
    expect(places).to.equal(6);
    const waiting = await WaitingEntry.findAll({ where: { status: 'waiting' } });
    expect(waiting.map((w) => w.partyId)).to.deep.equal(parties.slice(6).map((p) => p.id));
  });
});
