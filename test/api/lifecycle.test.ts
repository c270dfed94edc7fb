import { expect } from 'chai';
import { addDays } from '../../shared/dates';
import type { PlacementDto, StayDto, WaitingListDto } from '../../shared/placementDto';
import { DEFAULT_POLICY } from '../../shared/policy';
import { AuditEvent, Policy, type Room, Stay, StayTest, WaitingEntry } from '../../server/models';
import { buildParty, buildPerson, buildRoom, buildSite, buildStays } from '../factories';
import { TEST_NOW, TEST_TODAY } from '../setup/app';
import { useTestDatabase } from '../setup/db';
import { apiAs } from '../setup/api';
import { drained } from '../setup/drain';
import { expectProblem } from './problem';

const tomorrow = addDays(TEST_TODAY, 1);

async function place(partyId: number, body: object = {}): Promise<PlacementDto> {
  const res = await (await apiAs()).post(`/api/parties/${partyId}/placement`).send(body);
  expect(res.status, JSON.stringify(res.body)).to.equal(201);
  return res.body as PlacementDto;
}

async function placedAndCheckedIn(room?: Room) {
  const { party, people } = await buildParty();
  const placement = await place(party.id, room ? { roomIds: [room.id] } : {});
  const stay = placement.stays[0];
  await (await apiAs()).post(`/api/stays/${stay.id}/check-in`).expect(200);
  return { party, people, stay };
}

describe('stay lifecycle', () => {
  useTestDatabase();

  describe('check-in and release', () => {
    it('checks in on the entry day, not before', async () => {
      await buildRoom();
      const { party } = await buildParty();
      const [later] = (await place(party.id, { entryDate: tomorrow })).stays;
      const early = await (await apiAs()).post(`/api/stays/${later.id}/check-in`);
      expectProblem(early, 409, ['stayId']);
      const nextDay = new Date(TEST_NOW.getTime() + 86_400_000);
      const onTime = await (
        await apiAs('admin', { now: nextDay })
      )
        .post(`/api/stays/${later.id}/check-in`)
        .expect(200);
      expect((onTime.body as StayDto).status).to.equal('checked_in');
    });

    it('frees a room only after it is cleaned', async () => {
      const room = await buildRoom();
      const { stay } = await placedAndCheckedIn(room);
      const res = await (
        await apiAs()
      )
        .post(`/api/stays/${stay.id}/release`)
        .send({ reason: 'negative on day 7, released by the district' })
        .expect(200);
      expect(res.body).to.include({ status: 'released', releaseDate: TEST_TODAY });
      expect((await room.reload()).status).to.equal('cleaning');
      expect(await Stay.count({ where: { activePersonId: stay.personId } })).to.equal(0);

      const next = await buildParty();
      const queued = await (
        await apiAs()
      )
        .post(`/api/parties/${next.party.id}/placement`)
        .send({ entryDate: tomorrow });
      expect(queued.status).to.equal(202);
      expect(queued.body.constraint).to.equal('roomStatus');

      await (await apiAs()).post(`/api/sites/${room.siteId}/rooms/${room.id}/cleaned`).expect(200);
      expect((await room.reload()).status).to.equal('available');
      // Cleaning takes 24 h by policy: the room takes someone from tomorrow, not today.
      const today = await buildParty();
      expect(
        (await (await apiAs()).post(`/api/parties/${today.party.id}/placement`).send({})).status,
      ).to.equal(202);
      const placed = await place(next.party.id, { entryDate: tomorrow });
      expect(placed.stays[0].roomId).to.equal(room.id);
    });

    it('requires a reason to release early, and refuses to release a stay not yet begun', async () => {
      const room = await buildRoom();
      await buildRoom({ siteId: room.siteId });
      const { stay } = await placedAndCheckedIn(room);
      expectProblem(await (await apiAs()).post(`/api/stays/${stay.id}/release`).send({}), 400, [
        'reason',
      ]);
      const { party } = await buildParty();
      const [future] = (await place(party.id, { entryDate: addDays(TEST_TODAY, 3) })).stays;
      expectProblem(
        await (await apiAs()).post(`/api/stays/${future.id}/release`).send({ reason: 'typo' }),
        409,
        ['stayId'],
      );
      expectProblem(await (await apiAs()).post('/api/stays/777777/release').send({}), 404, [
        'stayId',
      ]);
      expect((await Stay.findByPk(stay.id))!.status).to.equal('checked_in');
    });
  });

  describe('extend and cancel', () => {
    it('extends the planned release when the room is free, and refuses when another party follows', async () => {
      const room = await buildRoom();
      const { stay } = await placedAndCheckedIn(room);
      const later = addDays(stay.plannedReleaseDate, 3);
      const res = await (
        await apiAs()
      )
        .post(`/api/stays/${stay.id}/extend`)
        .send({ plannedReleaseDate: later, reason: 'room-mate tested positive' })
        .expect(200);
      expect(res.body.plannedReleaseDate).to.equal(later);

      const follower = await buildParty();
      await buildStays({
        room,
        party: follower,
        status: 'reserved',
        entryDate: addDays(later, 2),
        plannedReleaseDate: addDays(later, 10),
      });
      const clash = await (
        await apiAs()
      )
        .post(`/api/stays/${stay.id}/extend`)
        .send({ plannedReleaseDate: addDays(later, 4), reason: 'second positive' });
      const refused = expectProblem(clash, 409, ['plannedReleaseDate']);
      expect(refused.code, 'a code the dashboard translates').to.equal('room.bookedLater');
      expect(refused.params).to.include({ from: addDays(later, 2) });
      expectProblem(
        await (
          await apiAs()
        )
          .post(`/api/stays/${stay.id}/extend`)
          .send({ plannedReleaseDate: TEST_TODAY }),
        400,
        ['reason'],
      );
    });

    it('cancels a reservation and frees its nights at once, but not a checked-in stay', async () => {
      const room = await buildRoom();
      const { party } = await buildParty();
      const [reserved] = (await place(party.id, { roomIds: [room.id] })).stays;
      await (
        await apiAs()
      )
        .post(`/api/stays/${reserved.id}/cancel`)
        .send({ reason: 'traced twice' })
        .expect(200);
      expect((await room.reload()).status).to.equal('available');
      const { stay } = await placedAndCheckedIn(room);
      expectProblem(
        await (await apiAs()).post(`/api/stays/${stay.id}/cancel`).send({ reason: 'oops' }),
        409,
        ['stayId'],
      );
    });
  });

  describe('move', () => {
    it('moves a checked-in party to another room: old room cleaning, tests follow', async () => {
      const site = await buildSite();
      const from = await buildRoom({ site, number: '101' });
      const to = await buildRoom({ site, number: '102' });
      const { party, stay } = await placedAndCheckedIn(from);
      const res = await (
        await apiAs()
      )
        .post(`/api/parties/${party.id}/move`)
        .send({ roomIds: [to.id], reason: 'heating broken' })
        .expect(200);
      const [moved] = res.body.stays as StayDto[];
      expect(moved).to.include({ roomId: to.id, status: 'checked_in', entryDate: TEST_TODAY });
      expect((await Stay.findByPk(stay.id))!).to.include({
        status: 'transferred',
        releaseDate: TEST_TODAY,
      });
      expect((await from.reload()).status).to.equal('cleaning');
      expect(await StayTest.count({ where: { stayId: moved.id } })).to.be.greaterThan(0);
    });

    it('moves a party to the best other room when none is given, and says when there is none', async () => {
      const site = await buildSite();
      const from = await buildRoom({ site, number: '101' });
      const to = await buildRoom({ site, number: '102', status: 'out_of_service' });
      const { party } = await placedAndCheckedIn(from);
      const api = await apiAs('admin');
      // Its own room is the best fit for the party: it must not be proposed back.
      const res = await api.post(`/api/parties/${party.id}/move`).send({ reason: 'no room given' });
      expect(expectProblem(res, 409, ['roomIds']).code).to.equal('move.noRoom');
      await api.post(`/api/sites/${site.id}/rooms/${to.id}/back-in-service`).expect(200);
      const moved = await api
        .post(`/api/parties/${party.id}/move`)
        .send({ reason: 'no room given' })
        .expect(200);
      expect((moved.body.stays as StayDto[]).map((s) => s.roomId)).to.deep.equal([to.id]);
    });

    it('changes nothing when the move fails midway', async () => {
      const site = await buildSite();
      const from = await buildRoom({ site });
      const to = await buildRoom({ site });
      const { party, stay } = await placedAndCheckedIn(from);
      const before = await Stay.findAll({ order: [['id', 'ASC']], raw: true });
      // Kill the transaction after the old stays were ended and before the new ones are written.
      const fail = () => {
        throw new Error('killed midway');
      };
      Stay.addHook('beforeBulkCreate', 'killMidway', fail);
      try {
        const res = await (
          await apiAs()
        )
          .post(`/api/parties/${party.id}/move`)
          .send({ roomIds: [to.id], reason: 'test' });
        expect(res.status).to.equal(500);
      } finally {
        Stay.removeHook('beforeBulkCreate', 'killMidway');
      }
      expect(await Stay.findAll({ order: [['id', 'ASC']], raw: true })).to.deep.equal(before);
      expect((await from.reload()).status).to.equal('available');
      expect((await Stay.findByPk(stay.id))!.status).to.equal('checked_in');
      expect(await AuditEvent.count({ where: { action: 'move' } })).to.equal(0);
    });

    it('refuses a move into a room another party holds', async () => {
      const site = await buildSite();
      const a = await buildRoom({ site });
      const b = await buildRoom({ site });
      const { party } = await placedAndCheckedIn(a);
      await placedAndCheckedIn(b);
      expectProblem(
        await (
          await apiAs()
        )
          .post(`/api/parties/${party.id}/move`)
          .send({ roomIds: [b.id], reason: 'swap' }),
        409,
        ['roomIds.0'],
      );
    });
  });

  describe('room and site status', () => {
    it('refuses to take a held room out of service, naming the stay', async () => {
      const room = await buildRoom();
      const { stay } = await placedAndCheckedIn(room);
      const res = await (
        await apiAs()
      )
        .post(`/api/sites/${room.siteId}/rooms/${room.id}/out-of-service`)
        .send({ reason: 'water leak' });
      const problem = expectProblem(res, 409, ['roomId']);
      expect(problem.detail).to.contain(`stay ${stay.id}`);
      expectProblem(
        await (
          await apiAs()
        )
          .post(`/api/sites/${room.siteId}/rooms/${room.id}/out-of-service`)
          .send({}),
        400,
        ['reason'],
      );
    });

    it('places a waiting party when a room comes back into service', async () => {
      const room = await buildRoom();
      await (
        await apiAs()
      )
        .post(`/api/sites/${room.siteId}/rooms/${room.id}/out-of-service`)
        .send({ reason: 'repainting' })
        .expect(200);
      const { party } = await buildParty();
      expect(
        (await (await apiAs()).post(`/api/parties/${party.id}/placement`).send({})).status,
      ).to.equal(202);
      await (
        await apiAs()
      )
        .post(`/api/sites/${room.siteId}/rooms/${room.id}/back-in-service`)
        .expect(200);
      // The drain runs after the request has answered, in the background.
      await drained();
      expect(await Stay.count({ where: { partyId: party.id, roomId: room.id } })).to.equal(1);
      expect((await WaitingEntry.findOne({ where: { partyId: party.id } }))!.status).to.equal(
        'placed',
      );
    });

    it('drains the waiting list in priority order when a standby site is activated', async () => {
      const standby = await buildSite({ status: 'standby', activationLeadHours: 6 });
      await buildRoom({ site: standby, floor: 1 });
      await buildRoom({ site: standby, floor: 2 });
      const queue = async (category: 'secondary_contact' | 'close_contact') => {
        const person = await buildPerson({ category });
        const { party } = await buildParty({ category, people: [person] });
        const res = await (await apiAs()).post(`/api/parties/${party.id}/placement`).send({});
        expect(res.status).to.equal(202);
        return party;
      };
      const secondary1 = await queue('secondary_contact');
      const secondary2 = await queue('secondary_contact');
      const close = await queue('close_contact');

      const list = await (await apiAs()).get('/api/waiting-list').expect(200);
      expect((list.body as WaitingListDto).data.map((e) => e.partyId)).to.deep.equal([
        close.id,
        secondary1.id,
        secondary2.id,
      ]);

      await (await apiAs()).post(`/api/sites/${standby.id}/activate`).send({}).expect(200);
      await drained();
      const placed = (await Stay.findAll()).map((s) => s.partyId);
      expect(placed).to.have.members([close.id, secondary1.id]);
      const waiting = await WaitingEntry.findAll({ where: { status: 'waiting' } });
      expect(waiting.map((w) => w.partyId)).to.deep.equal([secondary2.id]);
    });

    it('refuses to close a site while people are in it, and to suspend a standby site', async () => {
      const site = await buildSite();
      const room = await buildRoom({ site });
      await placedAndCheckedIn(room);
      expectProblem(await (await apiAs()).post(`/api/sites/${site.id}/close`).send({}), 409, [
        'siteId',
      ]);
      const standby = await buildSite({ status: 'standby', activationLeadHours: 2 });
      expectProblem(await (await apiAs()).post(`/api/sites/${standby.id}/suspend`).send({}), 409, [
        'siteId',
      ]);
    });
  });

  describe('policy', () => {
    it('starts from the defaults and keeps every change as an audited version', async () => {
      const app = await apiAs();
      const res = await app.get('/api/policy').expect(200);
      expect(res.body).to.deep.equal(DEFAULT_POLICY);
      const changed = { ...DEFAULT_POLICY, cleaningHours: 48 };
      await app.put('/api/policy').send(changed).expect(200);
      expect((await app.get('/api/policy')).body.cleaningHours).to.equal(48);
      expect(await Policy.count()).to.equal(1);
      expect(await AuditEvent.count({ where: { entity: 'policy' } })).to.equal(1);
    });

    it('refuses test days beyond the quarantine and a ceiling over 100%', async () => {
      const bad = {
        ...DEFAULT_POLICY,
        utilizationCeiling: 1.2,
        categories: {
          ...DEFAULT_POLICY.categories,
          secondary_contact: { quarantineDays: 7, testDays: [1, 10], priority: 3 },
        },
      };
      const res = await (await apiAs()).put('/api/policy').send(bad);
      expectProblem(res, 400, ['utilizationCeiling', 'categories.secondary_contact.testDays']);
      expect(await Policy.count()).to.equal(0);
    });
  });
});
