import { expect } from 'chai';
import { addDays } from '../../shared/dates';
import type { RoomListDto } from '../../shared/dto';
import { AuditEvent, Room } from '../../server/models';
import { buildParty, buildRoom, buildSite, buildStays } from '../factories';
import { TEST_TODAY } from '../setup/app';
import { useTestDatabase } from '../setup/db';
import { apiAs } from '../setup/api';
import { expectProblem } from './problem';

describe('rooms API', () => {
  useTestDatabase();

  describe('POST /api/sites/:siteId/rooms', () => {
    it('creates floors × rooms per floor, numbered by floor and index, in one audit event', async () => {
      const site = await buildSite();
      const res = await (
        await apiAs()
      )
        .post(`/api/sites/${site.id}/rooms`)
        .send({ floors: { from: 2, to: 4 }, roomsPerFloor: 12, beds: 2, accessible: true })
        .expect(201);
      expect(res.body.created).to.equal(36);
      const rooms = await Room.findAll({ where: { siteId: site.id }, order: [['number', 'ASC']] });
      expect(rooms).to.have.length(36);
      expect(rooms.map((r) => r.number)).to.include.members(['201', '212', '301', '412']);
      expect(rooms.every((r) => r.beds === 2 && Boolean(r.accessible))).to.equal(true);
      expect(await AuditEvent.count({ where: { action: 'rooms.create' } })).to.equal(1);
    });

    it('refuses zero or negative beds, reversed floors and missing fields, naming each', async () => {
      const site = await buildSite();
      const res = await (
        await apiAs()
      )
        .post(`/api/sites/${site.id}/rooms`)
        .send({ floors: { from: 5, to: 3 }, beds: 0 });
      expectProblem(res, 400, ['floors.to', 'beds', 'roomsPerFloor']);
      const negative = await (
        await apiAs()
      )
        .post(`/api/sites/${site.id}/rooms`)
        .send({ floors: { from: 1, to: 1 }, roomsPerFloor: 2, beds: -1 });
      expectProblem(negative, 400, ['beds']);
      expect(await Room.count()).to.equal(0);
    });

    it('refuses more rooms than one request may create', async () => {
      const site = await buildSite();
      const res = await (
        await apiAs()
      )
        .post(`/api/sites/${site.id}/rooms`)
        .send({ floors: { from: 1, to: 200 }, roomsPerFloor: 100, beds: 1 });
      expectProblem(res, 400, ['body']);
    });

    it('refuses with 409 when a room number already exists in the site, writing nothing', async () => {
      const site = await buildSite();
      await buildRoom({ site, number: '303', floor: 3 });
      const res = await (
        await apiAs()
      )
        .post(`/api/sites/${site.id}/rooms`)
        .send({ floors: { from: 3, to: 3 }, roomsPerFloor: 5, beds: 1 });
      const problem = expectProblem(res, 409, ['floors']);
      expect(problem.detail).to.contain('303');
      expect(await Room.count()).to.equal(1);
      expect(await AuditEvent.count()).to.equal(0);
    });

    it('lets two sites use the same room numbers', async () => {
      const [a, b] = [await buildSite(), await buildSite()];
      const body = { floors: { from: 1, to: 1 }, roomsPerFloor: 3, beds: 1 };
      await (await apiAs()).post(`/api/sites/${a.id}/rooms`).send(body).expect(201);
      await (await apiAs()).post(`/api/sites/${b.id}/rooms`).send(body).expect(201);
    });

    it('answers 404 for an unknown site', async () => {
      const res = await (
        await apiAs()
      )
        .post('/api/sites/424242/rooms')
        .send({ floors: { from: 1, to: 1 }, roomsPerFloor: 1, beds: 1 });
      expectProblem(res, 404, ['siteId']);
    });
  });

  describe('GET /api/sites/:siteId/rooms', () => {
    it("shows each room's board state and today's occupants by floor", async () => {
      const site = await buildSite();
      const occupied = await buildRoom({ site, number: '101', floor: 1, beds: 2 });
      await buildRoom({ site, number: '102', floor: 1 });
      const incoming = await buildRoom({ site, number: '201', floor: 2 });
      await buildRoom({ site, number: '202', floor: 2, status: 'cleaning' });
      await buildRoom({ site, number: '203', floor: 2, status: 'out_of_service' });
      await buildStays({
        room: occupied,
        party: await buildParty({ size: 2, shareRoom: true, category: 'inbound_traveller' }),
      });
      await buildStays({ room: incoming, status: 'reserved', entryDate: addDays(TEST_TODAY, 1) });
      const arriving = await buildRoom({ site, number: '204', floor: 2 });
      await buildStays({ room: arriving, status: 'in_transit', entryDate: TEST_TODAY });
      const other = await buildSite();
      await buildRoom({ site: other, number: '101' });

      const res = await (await apiAs()).get(`/api/sites/${site.id}/rooms`).expect(200);
      const body = res.body as RoomListDto;
      expect(body.date).to.equal(TEST_TODAY);
      expect(body.data.map((r) => [r.number, r.state, r.occupants, r.category])).to.deep.equal([
        ['101', 'occupied', 2, 'inbound_traveller'],
        ['102', 'free', 0, null],
        ['201', 'reserved', 0, null],
        ['202', 'cleaning', 0, null],
        ['203', 'out_of_service', 0, null],
        // Due today, on the way: its bed is taken tonight, but nobody has arrived yet.
        ['204', 'reserved', 1, 'close_contact'],
      ]);
      const floor2 = await (await apiAs()).get(`/api/sites/${site.id}/rooms?floor=2`);
      expect((floor2.body as RoomListDto).data).to.have.length(4);
    });

    it('refuses a bad floor filter and answers 404 for an unknown site', async () => {
      const site = await buildSite();
      expectProblem(await (await apiAs()).get(`/api/sites/${site.id}/rooms?floor=first`), 400, [
        'query.floor',
      ]);
      expectProblem(await (await apiAs()).get('/api/sites/424242/rooms'), 404, ['siteId']);
    });
  });

  describe('PATCH /api/sites/:siteId/rooms/:roomId', () => {
    it('changes beds and features and audits the change', async () => {
      const room = await buildRoom({ beds: 1 });
      const res = await (
        await apiAs()
      )
        .patch(`/api/sites/${room.siteId}/rooms/${room.id}`)
        .send({ beds: 3, family: true })
        .expect(200);
      expect(res.body).to.include({ beds: 3, family: true });
      expect(await AuditEvent.count({ where: { entity: 'room', action: 'update' } })).to.equal(1);
    });

    it('refuses fewer beds than the party booked in the room, naming beds', async () => {
      const room = await buildRoom({ beds: 3 });
      await buildStays({ room, party: await buildParty({ size: 3, shareRoom: true }) });
      const res = await (
        await apiAs()
      )
        .patch(`/api/sites/${room.siteId}/rooms/${room.id}`)
        .send({ beds: 2 });
      expectProblem(res, 409, ['beds']);
      expect((await room.reload()).beds).to.equal(3);
    });

    it('refuses a room number already used in the site', async () => {
      const site = await buildSite();
      await buildRoom({ site, number: '101' });
      const room = await buildRoom({ site, number: '102' });
      const res = await (
        await apiAs()
      )
        .patch(`/api/sites/${site.id}/rooms/${room.id}`)
        .send({ number: '101' });
      expectProblem(res, 409, ['number']);
    });

    it('answers 404 for a room of another site and 400 for zero beds', async () => {
      const room = await buildRoom();
      const other = await buildSite();
      expectProblem(
        await (await apiAs()).patch(`/api/sites/${other.id}/rooms/${room.id}`).send({ beds: 2 }),
        404,
        ['roomId'],
      );
      expectProblem(
        await (await apiAs()).patch(`/api/sites/${room.siteId}/rooms/${room.id}`).send({ beds: 0 }),
        400,
        ['beds'],
      );
    });
  });
});
