import { expect } from 'chai';
import { addDays } from '../../shared/dates';
import { type DEFAULT_POLICY } from '../../shared/policy';
import type { PlacementDto, QueuedDto, SuggestionListDto } from '../../shared/placementDto';
import { AuditEvent, Room, Site, Stay, StayTest, WaitingEntry } from '../../server/models';
import { buildParty, buildPerson, buildRoom, buildSite, buildStays } from '../factories';
import { TEST_TODAY } from '../setup/app';
import { useTestDatabase } from '../setup/db';
import { apiAs } from '../setup/api';
import { expectProblem } from './problem';

const exposed2DaysAgo = addDays(TEST_TODAY, -2);

describe('placement API', () => {
  useTestDatabase();

  describe('POST /api/parties/:partyId/placement', () => {
    it('places a person in the best room, reserved from today to exposure + 14 days, with tests', async () => {
      const site = await buildSite();
      await buildRoom({ site, beds: 4, family: true });
      const single = await buildRoom({ site, beds: 1 });
      const { party, people } = await buildParty({ category: 'close_contact' });
      const res = await (
        await apiAs()
      )
        .post(`/api/parties/${party.id}/placement`)
        .send({})
        .expect(201);
      const body = res.body as PlacementDto;
      expect(body.siteId).to.equal(site.id);
      expect(body.stays).to.have.length(1);
      expect(body.stays[0]).to.include({
        personId: people[0].id,
        roomId: single.id,
        status: 'reserved',
        entryDate: TEST_TODAY,
        plannedReleaseDate: addDays(exposed2DaysAgo, 14),
      });
      const tests = await StayTest.findAll({ order: [['day', 'ASC']] });
      expect(tests.map((t) => t.day)).to.deep.equal([1, 4, 7, 14]);
      const [stay] = await Stay.findAll();
      expect(body.stays[0].id).to.equal(stay.id);
      expect(tests.every((t) => t.stayId === stay.id)).to.equal(true);
      expect(tests[0].dueDate).to.equal(TEST_TODAY); // day 1 had passed: tested on arrival
      // The contention write (DESIGN §6): the site's occupancy version, which every change writes.
      expect((await site.reload()).occupancyVersion).to.equal(1);
      expect(await AuditEvent.count({ where: { entity: 'party', action: 'place' } })).to.equal(1);
    });

    it("files each placement's tests under its own stay, one placement after another", async () => {
      const site = await buildSite();
      for (let i = 0; i < 3; i++) await buildRoom({ site, beds: 1 });
      const api = await apiAs();
      for (let i = 0; i < 3; i++) {
        const { party } = await buildParty({ category: 'close_contact' });
        await api.post(`/api/parties/${party.id}/placement`).send({}).expect(201);
      }
      const stays = await Stay.findAll();
      expect(stays).to.have.length(3);
      for (const stay of stays) {
        const tests = await StayTest.findAll({ where: { stayId: stay.id } });
        expect(tests.map((t) => t.day).sort((a, b) => a - b)).to.deep.equal([1, 4, 7, 14]);
      }
      expect(await StayTest.count()).to.equal(12);
    });

    it('places a room-sharing household in one room with enough beds', async () => {
      const site = await buildSite();
      await buildRoom({ site, beds: 1 });
      const family = await buildRoom({ site, beds: 3, family: true });
      const { party } = await buildParty({ size: 3, shareRoom: true });
      const res = await (await apiAs()).post(`/api/parties/${party.id}/placement`).send({});
      expect(res.status).to.equal(201);
      expect((res.body as PlacementDto).stays.every((s) => s.roomId === family.id)).to.equal(true);
    });

    it('places in the room the caller chose, and refuses with 409 a room another party holds', async () => {
      const site = await buildSite();
      const room = await buildRoom({ site, beds: 2 });
      const first = await buildParty();
      await (
        await apiAs()
      )
        .post(`/api/parties/${first.party.id}/placement`)
        .send({ roomIds: [room.id] })
        .expect(201);
      const second = await buildParty();
      const res = await (
        await apiAs()
      )
        .post(`/api/parties/${second.party.id}/placement`)
        .send({ roomIds: [room.id] });
      const problem = expectProblem(res, 409, ['roomIds.0']);
      expect(problem.errors![0].type).to.equal('placement.nights');
      expect(await Stay.count({ where: { partyId: second.party.id } })).to.equal(0);
    });

    it('refuses a chosen room in a suspended site or one that does not take the category', async () => {
      const suspended = await buildRoom({ site: await buildSite({ status: 'suspended' }) });
      const travellersOnly = await buildRoom({
        site: await buildSite({ acceptedCategories: ['inbound_traveller'] }),
      });
      const { party } = await buildParty({ category: 'close_contact' });
      const api = await apiAs();
      for (const [room, type] of [
        [suspended, 'placement.siteStatus'],
        [travellersOnly, 'placement.siteCategory'],
      ] as const) {
        const res = await api
          .post(`/api/parties/${party.id}/placement`)
          .send({ roomIds: [room.id] });
        expect(expectProblem(res, 409, ['roomIds.0']).errors![0].type).to.equal(type);
      }
      expect(await Stay.count()).to.equal(0);
      const open = await buildRoom({ site: await buildSite() });
      await api
        .post(`/api/parties/${party.id}/placement`)
        .send({ roomIds: [open.id] })
        .expect(201);
    });

    it("refuses a household's chosen rooms on different floors or sites, naming the room off the floor", async () => {
      const site = await buildSite();
      const other = await buildSite();
      const first = await buildRoom({ site, floor: 1 });
      const upstairs = await buildRoom({ site, floor: 2 });
      const elsewhere = await buildRoom({ site: other, floor: 1 });
      const { party } = await buildParty({ size: 2, shareRoom: false });
      const api = await apiAs();
      for (const [off, index] of [
        [upstairs, 1],
        [elsewhere, 1],
      ] as const) {
        const res = await api
          .post(`/api/parties/${party.id}/placement`)
          .send({ roomIds: [first.id, off.id] });
        const problem = expectProblem(res, 409, [`roomIds.${index}`]);
        expect(problem.errors![0].type).to.equal('placement.householdFloor');
        expect(problem.errors![0].message).to.equal(
          `room ${off.id}: not on the floor of room ${first.id} (a household's rooms are on one floor)`,
        );
      }
      expect(await Stay.count()).to.equal(0);
      const beside = await buildRoom({ site, floor: 1 });
      await api
        .post(`/api/parties/${party.id}/placement`)
        .send({ roomIds: [first.id, beside.id] })
        .expect(201);
    });

    it('places under the policy in force, not under one it read before', async () => {
      const site = await buildSite();
      for (let i = 0; i < 3; i++) await buildRoom({ site });
      const admin = await apiAs('admin');
      const policy = (await admin.get('/api/policy').expect(200)).body as typeof DEFAULT_POLICY;
      for (const days of [10, 12, 10]) {
        await admin
          .put('/api/policy')
          .send({
            ...policy,
            categories: {
              ...policy.categories,
              close_contact: {
                ...policy.categories.close_contact,
                quarantineDays: days,
                testDays: [1, days],
              },
            },
          })
          .expect(200);
        const { party } = await buildParty({ category: 'close_contact' });
        const res = await admin.post(`/api/parties/${party.id}/placement`).send({}).expect(201);
        expect((res.body as PlacementDto).stays[0].plannedReleaseDate).to.equal(
          addDays(exposed2DaysAgo, days),
        );
      }
    });

    it('refuses a chosen room still in a cleaning buffer the policy has just lengthened', async () => {
      const site = await buildSite();
      const [warm, room] = [await buildRoom({ site }), await buildRoom({ site, floor: 2 })];
      const admin = await apiAs('admin');
      // A first placement, so this process has seen the default buffer (one night).
      await admin
        .post(`/api/parties/${(await buildParty()).party.id}/placement`)
        .send({ roomIds: [warm.id] })
        .expect(201);
      // Released two days ago: clean under the default 24 h, not under 72 h.
      const [left] = await buildStays({
        room,
        status: 'released',
        entryDate: addDays(TEST_TODAY, -9),
      });
      await left.update({ releaseDate: addDays(TEST_TODAY, -2) });
      const policy = (await admin.get('/api/policy').expect(200)).body as typeof DEFAULT_POLICY;
      await admin
        .put('/api/policy')
        .send({ ...policy, cleaningHours: 72 })
        .expect(200);
      const { party } = await buildParty();
      const res = await admin
        .post(`/api/parties/${party.id}/placement`)
        .send({ roomIds: [room.id] });
      const problem = expectProblem(res, 409, ['roomIds.0']);
      expect(problem.errors![0].type).to.equal('placement.nights');
    });

    it('queues a party nothing fits, with its position and the constraint that failed most', async () => {
      const site = await buildSite();
      await buildRoom({ site, beds: 1 });
      const household = await buildParty({ size: 2, shareRoom: true });
      const res = await (
        await apiAs()
      )
        .post(`/api/parties/${household.party.id}/placement`)
        .send({});
      expect(res.status).to.equal(202);
      const body = res.body as QueuedDto;
      expect(body).to.include({ outcome: 'queued', position: 1, constraint: 'beds' });
      expect(body.reason).to.match(/too few beds/);
      const entry = await WaitingEntry.findOne({ where: { partyId: household.party.id } });
      expect(entry).to.include({ status: 'waiting', priority: 1 });
      expect(await Stay.count()).to.equal(0);
    });

    it('opens a standby site only when the request allows it', async () => {
      const standby = await buildSite({ status: 'standby', activationLeadHours: 6 });
      await buildRoom({ site: standby });
      const { party } = await buildParty();
      const refused = await (await apiAs()).post(`/api/parties/${party.id}/placement`).send({});
      expect(refused.status).to.equal(202);
      const placed = await (
        await apiAs()
      )
        .post(`/api/parties/${party.id}/placement`)
        .send({ allowStandby: true });
      expect(placed.status).to.equal(201);
      expect((await standby.reload()).status).to.equal('active');
      expect((await WaitingEntry.findOne({ where: { partyId: party.id } }))!.status).to.equal(
        'placed',
      );
    });

    it('refuses a party with a member already in quarantine', async () => {
      const site = await buildSite();
      await buildRoom({ site });
      const person = await buildPerson();
      await buildStays({ party: await buildParty({ people: [person] }) });
      const again = await buildParty({ people: [person] });
      const res = await (await apiAs()).post(`/api/parties/${again.party.id}/placement`).send({});
      expectProblem(res, 409, ['members.0']);
    });

    it('refuses bad input: unknown party, wrong number of rooms, past or malformed entry date', async () => {
      const app = await apiAs();
      const site = await buildSite();
      const rooms = [await buildRoom({ site }), await buildRoom({ site })];
      const { party } = await buildParty({ size: 2, shareRoom: false });
      expectProblem(await app.post('/api/parties/987654/placement').send({}), 404, ['partyId']);
      expectProblem(
        await app.post(`/api/parties/${party.id}/placement`).send({ roomIds: [rooms[0].id] }),
        400,
        ['roomIds'],
      );
      expectProblem(
        await app
          .post(`/api/parties/${party.id}/placement`)
          .send({ entryDate: addDays(TEST_TODAY, -1) }),
        400,
        ['entryDate'],
      );
      expectProblem(
        await app
          .post(`/api/parties/${party.id}/placement`)
          .send({ entryDate: '2026-02-30', roomIds: ['a'] }),
        400,
        ['entryDate', 'roomIds.0'],
      );
      expect(await Stay.count()).to.equal(0);
      expect(await AuditEvent.count()).to.equal(0);
    });

    it('refuses a party whose quarantine is already over', async () => {
      await buildRoom();
      const person = await buildPerson({
        category: 'secondary_contact',
        exposureDate: addDays(TEST_TODAY, -9),
      });
      const { party } = await buildParty({ category: 'secondary_contact', people: [person] });
      const res = await (await apiAs()).post(`/api/parties/${party.id}/placement`).send({});
      expectProblem(res, 400, ['entryDate']);
    });
  });

  describe('GET /api/parties/:partyId/suggestions', () => {
    it('lists the best rooms with their score terms and reasons in words', async () => {
      const site = await buildSite({ code: 'NEAR' });
      await buildRoom({ site, beds: 1, number: '101' });
      await buildRoom({ site, beds: 2, number: '102' });
      const { party } = await buildParty();
      const res = await (
        await apiAs()
      )
        .get(`/api/parties/${party.id}/suggestions?limit=5`)
        .expect(200);
      const body = res.body as SuggestionListDto;
      expect(body.data).to.have.length(2);
      expect(body.data[0]).to.include({ siteCode: 'NEAR', opensStandbySite: false });
      expect(body.data[0].rooms[0].number).to.equal('101');
      expect(body.data[0].reasons).to.have.length(6);
      expect(body.data[0].score).to.be.greaterThan(body.data[1].score);
      expect(body.reason).to.equal(null);
      expect(await Room.count()).to.equal(2);
    });

    it('says why nothing fits', async () => {
      await buildSite({ status: 'suspended' });
      const { party } = await buildParty();
      const res = await (await apiAs()).get(`/api/parties/${party.id}/suggestions`).expect(200);
      expect((res.body as SuggestionListDto).data).to.deep.equal([]);
    });

    it('refuses a bad limit', async () => {
      const { party } = await buildParty();
      expectProblem(
        await (await apiAs()).get(`/api/parties/${party.id}/suggestions?limit=0`),
        400,
        ['query.limit'],
      );
    });
  });

  it('leaves a standby site closed, and writes nothing, when a placement opening it fails midway', async () => {
    const site = await buildSite({ status: 'standby', activationLeadHours: 4 });
    await buildRoom({ site });
    const { party } = await buildParty();
    // Fail the transaction after the site was opened and before the stays are written.
    Stay.addHook('beforeBulkCreate', 'failMidway', () => {
      throw new Error('failed midway');
    });
    let res;
    try {
      res = await (
        await apiAs()
      )
        .post(`/api/parties/${party.id}/placement`)
        .send({ allowStandby: true });
    } finally {
      Stay.removeHook('beforeBulkCreate', 'failMidway');
    }
    expectProblem(res, 500);
    expect((await Site.findByPk(site.id))!.status).to.equal('standby');
    expect(await Stay.count()).to.equal(0);
    expect(await AuditEvent.count({ where: { action: ['activate', 'place'] } })).to.equal(0);
    // The same request afterwards opens the site and places the party.
    await (
      await apiAs()
    )
      .post(`/api/parties/${party.id}/placement`)
      .send({ allowStandby: true })
      .expect(201);
    expect((await Site.findByPk(site.id))!.status).to.equal('active');
  });
});
