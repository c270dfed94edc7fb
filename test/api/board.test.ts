import { expect } from 'chai';
import type { BoardStayDto, RoomStaysDto, SiteDayDto } from '../../shared/boardDto';
import { addDays } from '../../shared/dates';
import { SCORE_TERMS } from '../../shared/placement';
import type { SuggestionListDto } from '../../shared/placementDto';
import { StayTest } from '../../server/models';
import { buildParty, buildRoom, buildSite, buildStays } from '../factories';
import { buildKnownPerson } from '../personFactories';
import { TEST_TODAY } from '../setup/app';
import { apiAs } from '../setup/api';
import { useTestDatabase } from '../setup/db';
import { expectProblem } from './problem';

const yesterday = addDays(TEST_TODAY, -1);
const names = (stays: BoardStayDto[]) => stays.map((s) => s.person.fullName);

describe('site board API', () => {
  useTestDatabase();

  describe('GET /api/sites/:siteId/rooms/:roomId/stays', () => {
    it("lists the room's people masked, with stay dates and tests by day", async () => {
      const room = await buildRoom({ beds: 2, number: '301', floor: 3 });
      const person = await buildKnownPerson({
        fullName: 'Li Na',
        idNumber: '41010519850315101X',
        phone: '13812345678',
      });
      const [stay] = await buildStays({ room, party: await buildParty({ people: [person] }) });
      await StayTest.bulkCreate([
        { stayId: stay.id, day: 4, dueDate: addDays(stay.entryDate, 3) },
        { stayId: stay.id, day: 1, dueDate: stay.entryDate, result: 'negative' },
      ]);
      // A stay that ended is not on the board.
      await buildStays({ room, status: 'released', entryDate: addDays(TEST_TODAY, -20) });

      const res = await (
        await apiAs('site_manager', { siteIds: [room.siteId] })
      )
        .get(`/api/sites/${room.siteId}/rooms/${room.id}/stays`)
        .expect(200);
      const body = res.body as RoomStaysDto;
      expect(body).to.include({ date: TEST_TODAY, roomId: room.id });
      expect(body.data).to.have.length(1);
      const [shown] = body.data;
      expect(shown).to.include({
        stayId: stay.id,
        roomNumber: '301',
        floor: 3,
        status: 'checked_in',
        entryDate: yesterday,
        plannedReleaseDate: addDays(yesterday, 14),
      });
      expect(shown.person).to.include({
        fullName: 'Li Na',
        idNumber: '4101**********101X',
        phone: '138****5678',
      });
      expect(shown.tests.map((t) => [t.day, t.result])).to.deep.equal([
        [1, 'negative'],
        [4, 'pending'],
      ]);
      expect(JSON.stringify(body)).not.to.contain('41010519850315101X');
    });

    it('refuses a malformed room id with 400, and a room of another site with 404', async () => {
      const room = await buildRoom();
      const other = await buildSite();
      const api = await apiAs('official');
      expectProblem(await api.get(`/api/sites/${room.siteId}/rooms/abc/stays`), 400, [
        'params.roomId',
      ]);
      expectProblem(await api.get(`/api/sites/${other.id}/rooms/${room.id}/stays`), 404, [
        'roomId',
      ]);
    });

    it("answers 404 to another site's manager and 403 to transport", async () => {
      const room = await buildRoom();
      await buildStays({ room });
      const path = `/api/sites/${room.siteId}/rooms/${room.id}/stays`;
      expectProblem(await (await apiAs('site_manager')).get(path), 404);
      expectProblem(await (await apiAs('transport')).get(path), 403);
    });
  });

  describe('GET /api/sites/:siteId/today', () => {
    it("lists today's and overdue arrivals, releases and tests due of this site only", async () => {
      const site = await buildSite();
      const room = (number: string) => buildRoom({ site, number, floor: 2 });
      const person = (fullName: string) => buildKnownPerson({ fullName });
      const stayOf = async (
        fullName: string,
        roomNumber: string,
        attrs: Parameters<typeof buildStays>[0],
      ) =>
        (
          await buildStays({
            room: await room(roomNumber),
            party: await buildParty({ people: [await person(fullName)] }),
            ...attrs,
          })
        )[0];

      await stayOf('Arrives today', '201', { status: 'reserved', entryDate: TEST_TODAY });
      await stayOf('Arrived late', '202', { status: 'in_transit', entryDate: yesterday });
      await stayOf('Arrives tomorrow', '203', {
        status: 'reserved',
        entryDate: addDays(TEST_TODAY, 1),
      });
      await stayOf('Leaves today', '204', {
        entryDate: addDays(TEST_TODAY, -14),
        plannedReleaseDate: TEST_TODAY,
      });
      const tested = await stayOf('Tested today', '205', {});
      await StayTest.bulkCreate([
        { stayId: tested.id, day: 1, dueDate: TEST_TODAY },
        { stayId: tested.id, day: 4, dueDate: addDays(TEST_TODAY, 3) },
      ]);
      const sampled = await stayOf('Sampled already', '206', {});
      await StayTest.create({
        stayId: sampled.id,
        day: 1,
        dueDate: TEST_TODAY,
        sampledAt: new Date(),
      });
      // Another site's arrival stays off this site's lists.
      await buildStays({ status: 'reserved', entryDate: TEST_TODAY });

      const res = await (await apiAs('official')).get(`/api/sites/${site.id}/today`).expect(200);
      const day = res.body as SiteDayDto;
      expect(day).to.include({ date: TEST_TODAY, siteId: site.id });
      expect(names(day.arrivals)).to.deep.equal(['Arrives today', 'Arrived late']);
      expect(names(day.releases)).to.deep.equal(['Leaves today']);
      expect(names(day.testsDue)).to.deep.equal(['Tested today']);
      expect(day.arrivals[0].person.idNumber).to.match(/^\d{4}\*{10}[\dX]{4}$/);
    });

    it('refuses a malformed site id with 400 and an unknown one with 404', async () => {
      const api = await apiAs('admin');
      expectProblem(await api.get('/api/sites/0/today'), 400, ['params.siteId']);
      expectProblem(await api.get('/api/sites/987654/today'), 404, ['siteId']);
    });

    it("answers 404 to another site's manager", async () => {
      const site = await buildSite();
      expectProblem(await (await apiAs('site_manager')).get(`/api/sites/${site.id}/today`), 404);
      await (
        await apiAs('site_manager', { siteIds: [site.id] })
      )
        .get(`/api/sites/${site.id}/today`)
        .expect(200);
    });
  });

  describe('GET /api/parties/:partyId/move-suggestions', () => {
    it('suggests other rooms for a placed party, never the one it is in', async () => {
      const site = await buildSite();
      const here = await buildRoom({ site, number: '101' });
      await buildRoom({ site, number: '102' });
      const party = await buildParty();
      await buildStays({ room: here, party });
      const res = await (
        await apiAs('site_manager', { siteIds: [site.id] })
      )
        .get(`/api/parties/${party.party.id}/move-suggestions`)
        .expect(200);
      const list = res.body as SuggestionListDto;
      expect(list.data.map((s) => s.rooms.map((r) => r.number))).to.deep.equal([['102']]);
      expect(list.data[0].terms).to.have.keys([...SCORE_TERMS]);
    });

    it('refuses a party with nothing to move (409) and a bad limit (400)', async () => {
      await buildRoom();
      const { party } = await buildParty();
      const api = await apiAs('official');
      expectProblem(await api.get(`/api/parties/${party.id}/move-suggestions`), 409, ['partyId']);
      const badLimit = expectProblem(
        await api.get(`/api/parties/${party.id}/move-suggestions?limit=0`),
        400,
        ['query.limit'],
      );
      expect(badLimit.errors?.[0]).to.include({ type: 'number.min' });
      expect(badLimit.errors?.[0].params, 'the limit, for a translated message').to.deep.equal({
        limit: 1,
      });
    });
  });
});
