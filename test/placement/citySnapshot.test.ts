/**
 * The per-process city snapshot behind suggestions and automatic placement: it must read again
 * exactly the sites that changed (through any process: the version lives in the database) and
 * give the engine what reading everything afresh gives.
 */
import { expect } from 'chai';
import { addDays } from '../../shared/dates';
import { suggest } from '../../server/allocation/suggest';
import type { PartyRequest, SiteSnapshot } from '../../server/allocation/types';
import { bumpOccupancyVersions } from '../../server/placement/occupancyVersion';
import { forgetCity, loadCity, type CityOptions } from '../../server/placement/citySnapshot';
import { listSitesWithOccupancy } from '../../server/queries/sites';
import { allocationPolicy } from '../../server/services/policy';
import { DEFAULT_POLICY } from '../../shared/policy';
import { type Room, Site, Stay } from '../../server/models';
import { buildParty, buildRoom, buildSite, buildStays } from '../factories';
import { TEST_TODAY } from '../setup/app';
import { testDb, useTestDatabase } from '../setup/db';
import { apiAs } from '../setup/api';
import type { PlacementDto } from '../../shared/placementDto';

const rules = allocationPolicy(DEFAULT_POLICY);
const options = (entryDate = TEST_TODAY): CityOptions => ({
  today: TEST_TODAY,
  cleaningNights: rules.cleaningNights,
  entryDate,
  allowStandby: false,
});

const request = (entryDate: string, size = 1): PartyRequest => ({
  category: 'close_contact',
  shareRoom: false,
  members: Array.from({ length: size }, () => ({ needs: [] })),
  origin: { latitude: 34.8, longitude: 113.66 },
  entryDate,
  releaseDate: addDays(entryDate, 12),
  allowStandby: false,
});

/** Two active sites and a standby one, with every kind of booking the engine must respect. */
async function buildCity() {
  const [a, b] = [await buildSite(), await buildSite({ latitude: 34.9 })];
  await buildSite({ status: 'standby' });
  const rooms: Room[] = [];
  for (const site of [a, b]) {
    for (let floor = 1; floor <= 2; floor++) {
      for (let i = 0; i < 4; i++) rooms.push(await buildRoom({ site, floor, beds: 1 + (i % 2) }));
    }
  }
  await rooms[1].update({ status: 'out_of_service' });
  await rooms[2].update({ status: 'cleaning' });
  // In now; checked in past its planned release (holds the room); arriving in 3 days;
  // released yesterday (cleaning buffer); released long ago (irrelevant).
  await buildStays({ room: rooms[0] });
  await buildStays({
    room: rooms[3],
    entryDate: addDays(TEST_TODAY, -15),
    plannedReleaseDate: addDays(TEST_TODAY, -1),
  });
  await buildStays({
    room: rooms[8],
    status: 'reserved',
    entryDate: addDays(TEST_TODAY, 3),
    party: await buildParty({ category: 'inbound_traveller' }),
  });
  const released = await buildStays({ room: rooms[9], status: 'released' });
  await Stay.update({ releaseDate: addDays(TEST_TODAY, -1) }, { where: { id: released[0].id } });
  const old = await buildStays({ room: rooms[10], status: 'released' });
  await Stay.update({ releaseDate: addDays(TEST_TODAY, -30) }, { where: { id: old[0].id } });
  return { a, b, rooms };
}

/** Every booking the city holds, as comparable text. */
const held = (city: Awaited<ReturnType<typeof loadCity>>) =>
  city.floors
    .flatMap((site) => site.floors.flatMap((f) => f.bookings))
    .map((x) => `${x.roomId}:${x.partyId}:${x.category}:${x.start}:${x.end}:${x.people}`)
    .sort();

describe('city snapshot', () => {
  useTestDatabase();

  it('suggests exactly what a fresh read of every site suggests, for several entry dates', async () => {
    const { a, rooms } = await buildCity();
    const { sequelize } = testDb();
    await loadCity(sequelize, undefined, options());
    // A change after the city was kept: a booking in site A, with its version bumped.
    const free = rooms.find((r) => r.siteId === a.id && r.floor === 2)!;
    await buildStays({ room: free, status: 'reserved', entryDate: addDays(TEST_TODAY, 1) });
    await sequelize.transaction((transaction) => bumpOccupancyVersions(transaction, [a.id]));
    for (const entryDate of [TEST_TODAY, addDays(TEST_TODAY, 2), addDays(TEST_TODAY, 20)]) {
      for (const size of [1, 2]) {
        const party = request(entryDate, size);
        const kept = await loadCity(sequelize, undefined, options(entryDate));
        forgetCity(sequelize);
        const fresh = await loadCity(sequelize, undefined, options(entryDate));
        expect(fresh.reloadedSites).to.equal(2);
        expect(held(kept)).to.deep.equal(held(fresh));
        expect(suggest({ ...kept, party, policy: rules, limit: 50 })).to.deep.equal(
          suggest({ ...fresh, party, policy: rules, limit: 50 }),
        );
        // Beds and people in them as the occupancy SQL counts them (listings, dashboards).
        const listed = await listSitesWithOccupancy(sequelize, entryDate, { status: ['active'] });
        const facts = (list: readonly SiteSnapshot[]) =>
          list.map((s) => [s.id, s.beds, s.occupied]).sort((x, y) => x[0] - y[0]);
        expect(facts(kept.sites)).to.deep.equal(
          listed
            .map(({ site, occupancy }) => [site.id, occupancy.beds, occupancy.occupied])
            .sort((x, y) => x[0] - y[0]),
        );
      }
    }
  });

  it('holds nights by the bed-holding rule: overdue check-ins until tomorrow, ended stays for their cleaning', async () => {
    const { rooms } = await buildCity();
    // Released today: its cleaning buffer (one night) still holds the room tonight.
    await Stay.update({ releaseDate: TEST_TODAY }, { where: { roomId: rooms[9].id } });
    const city = await loadCity(testDb().sequelize, undefined, options());
    const byRoom = (room: Room) =>
      city.floors
        .flatMap((site) => site.floors.flatMap((f) => f.bookings))
        .filter((b) => b.roomId === room.id)
        .map((b) => [b.start, b.end]);
    expect(byRoom(rooms[3])).to.deep.equal([[addDays(TEST_TODAY, -15), addDays(TEST_TODAY, 1)]]);
    expect(byRoom(rooms[9])).to.deep.equal([[addDays(TEST_TODAY, -1), TEST_TODAY]]);
    expect(byRoom(rooms[10])).to.deep.equal([]);
  });

  it('reads again only the sites whose version moved, and then sees their new bookings', async () => {
    const { a, rooms } = await buildCity();
    const { sequelize } = testDb();
    expect((await loadCity(sequelize, undefined, options())).reloadedSites).to.equal(2);
    expect((await loadCity(sequelize, undefined, options())).reloadedSites).to.equal(0);

    // A placement in site A, as another process would commit it: the stay and the version bump.
    const free = rooms.find((r) => r.siteId === a.id && r.floor === 2)!;
    const [stay] = await buildStays({ room: free, status: 'reserved', entryDate: TEST_TODAY });
    await sequelize.transaction((transaction) => bumpOccupancyVersions(transaction, [a.id]));

    const city = await loadCity(sequelize, undefined, options());
    expect(city.reloadedSites).to.equal(1);
    const bookings = city.floors.flatMap((site) => site.floors.flatMap((f) => f.bookings));
    expect(bookings.some((b) => b.roomId === free.id && b.partyId === stay.partyId)).to.equal(true);
    expect(city.sites.find((s) => s.id === a.id)!.occupied).to.equal(3);
  });

  it("files this process's own placement without reading its site again, unless another change came between", async () => {
    await buildCity();
    const { sequelize } = testDb();
    await loadCity(sequelize, undefined, options());
    const api = await apiAs('admin');
    const first = await buildParty();
    const placed = await api.post(`/api/parties/${first.party.id}/placement`).send({}).expect(201);
    const siteId = (placed.body as PlacementDto).siteId;
    const kept = await loadCity(sequelize, undefined, options());
    expect(kept.reloadedSites).to.equal(0);
    forgetCity(sequelize);
    expect(held(kept)).to.deep.equal(held(await loadCity(sequelize, undefined, options())));

    // A change elsewhere (another process) between the read and this process's next placement (a
    // chosen room: no city read of its own): its version is two past the kept one, so the site is
    // read again instead.
    const room = await buildRoom({ site: (await Site.findByPk(siteId))!, floor: 9 });
    await sequelize.transaction((transaction) => bumpOccupancyVersions(transaction, [siteId]));
    const second = await buildParty();
    await api
      .post(`/api/parties/${second.party.id}/placement`)
      .send({ roomIds: [room.id] })
      .expect(201);
    const after = await loadCity(sequelize, undefined, options());
    expect(after.reloadedSites).to.equal(1);
    expect(held(after).filter((b) => b.includes(`:${second.party.id}:`))).to.have.length(1);
  });

  it('reads the same bookings for a few changed sites (from their rooms) as for many (by status)', async () => {
    const { a, b } = await buildCity();
    // More sites than FEW_SITES, so the first read finds current stays by status.
    const more: Awaited<ReturnType<typeof buildSite>>[] = [];
    for (let i = 0; i < 10; i++) {
      const site = await buildSite();
      const room = await buildRoom({ site, floor: 1, beds: 2 });
      await buildStays({ room, status: i % 2 ? 'checked_in' : 'reserved' });
      more.push(site);
    }
    const { sequelize } = testDb();
    const byStatus = await loadCity(sequelize, undefined, options());
    expect(byStatus.reloadedSites).to.equal(12);
    await sequelize.transaction((transaction) =>
      bumpOccupancyVersions(transaction, [a.id, b.id, more[0].id, more[1].id]),
    );
    const fromRooms = await loadCity(sequelize, undefined, options());
    expect(fromRooms.reloadedSites).to.equal(4);
    expect(held(fromRooms)).to.deep.equal(held(byStatus));
    expect(held(fromRooms)).to.have.length.greaterThan(12);
  });

  it('keeps site rows themselves fresh: a suspended site drops out without a version change', async () => {
    const { b } = await buildCity();
    const { sequelize } = testDb();
    await loadCity(sequelize, undefined, options());
    await b.update({ status: 'suspended' });
    const city = await loadCity(sequelize, undefined, options());
    expect(city.sites.map((s) => s.id)).not.to.include(b.id);
    expect(city.floors.some((site) => site.siteId === b.id)).to.equal(false);
  });
});
