import { expect } from 'chai';
import { addDays } from '../../shared/dates';
import type { SiteListDto, SiteWithOccupancyDto } from '../../shared/dto';
import { AuditEvent, Site } from '../../server/models';
import { buildParty, buildRoom, buildSite, buildStays } from '../factories';
import { TEST_TODAY } from '../setup/app';
import { useTestDatabase } from '../setup/db';
import { apiAs } from '../setup/api';
import { expectProblem } from './problem';

const validSite = {
  code: 'JS-H01',
  name: 'Jinshui Garden Hotel',
  district: '410105',
  address: '88 Jinshui Road',
  latitude: 34.8,
  longitude: 113.66,
  kind: 'hotel',
};

describe('sites API', () => {
  useTestDatabase();

  describe('GET /api/sites', () => {
    it("reports each site's beds, occupied, free, reserved and cleaning for today", async () => {
      const site = await buildSite({ code: 'A-1' });
      const single = await buildRoom({ site, beds: 1 });
      const family = await buildRoom({ site, beds: 3, family: true });
      await buildRoom({ site, beds: 2 }); // free
      await buildRoom({ site, beds: 2, status: 'cleaning' });
      await buildRoom({ site, beds: 4, status: 'out_of_service' });
      const upcomingRoom = await buildRoom({ site, beds: 1 });
      await buildStays({ room: single });
      await buildStays({ room: family, party: await buildParty({ size: 2, shareRoom: true }) });
      await buildStays({
        room: upcomingRoom,
        status: 'reserved',
        entryDate: addDays(TEST_TODAY, 2),
      });
      // A released stay from last month counts for nothing today.
      await buildStays({
        room: upcomingRoom,
        status: 'released',
        entryDate: addDays(TEST_TODAY, -30),
        plannedReleaseDate: addDays(TEST_TODAY, -16),
      });
      await buildSite({ code: 'B-EMPTY', status: 'standby', activationLeadHours: 12 });

      const res = await (await apiAs()).get('/api/sites').expect(200);
      const body = res.body as SiteListDto;
      expect(body.date).to.equal(TEST_TODAY);
      expect(body.data.map((s) => s.code)).to.deep.equal(['A-1', 'B-EMPTY']);
      expect(body.data[0].occupancy).to.deep.equal({
        rooms: 6,
        beds: 9,
        occupied: 3,
        free: 3,
        reserved: 1,
        cleaning: 2,
        outOfService: 4,
        utilization: 0.3333,
      });
      expect(body.data[1].occupancy.beds).to.equal(0);
      expect(body.data[1].occupancy.utilization).to.equal(0);
      expect(body.totals.beds).to.equal(9);
      expect(body.totals.occupied).to.equal(3);
    });

    it('counts an overdue checked-in stay as still occupying its bed', async () => {
      const room = await buildRoom({ beds: 1 });
      await buildStays({
        room,
        status: 'checked_in',
        entryDate: addDays(TEST_TODAY, -15),
        plannedReleaseDate: addDays(TEST_TODAY, -1),
      });
      const res = await (await apiAs()).get('/api/sites').expect(200);
      expect((res.body as SiteListDto).data[0].occupancy).to.include({ occupied: 1, free: 0 });
    });

    it('filters by status and district', async () => {
      await buildSite({ code: 'ACT', status: 'active', district: '410105' });
      await buildSite({
        code: 'STB',
        status: 'standby',
        district: '410102',
        activationLeadHours: 6,
      });
      const app = await apiAs();
      const byStatus = await app.get('/api/sites?status=standby').expect(200);
      expect((byStatus.body as SiteListDto).data.map((s) => s.code)).to.deep.equal(['STB']);
      const byDistrict = await app.get('/api/sites?district=410105').expect(200);
      expect((byDistrict.body as SiteListDto).data.map((s) => s.code)).to.deep.equal(['ACT']);
    });

    it("gives each site its occupancy version, which every change to the site's occupancy raises", async () => {
      const site = await buildSite({ code: 'V-1' });
      const room = await buildRoom({ site, beds: 1 });
      const other = await buildSite({ code: 'V-2' });
      const api = await apiAs('official');
      const versions = async () =>
        ((await api.get('/api/sites').expect(200)).body as SiteListDto).data.map((s) => [
          s.code,
          s.version,
        ]);
      const before = Number((await Site.findByPk(site.id))!.occupancyVersion);
      expect(await versions()).to.deep.equal([
        ['V-1', before],
        ['V-2', Number(other.occupancyVersion)],
      ]);

      const { party } = await buildParty();
      await api
        .post(`/api/parties/${party.id}/placement`)
        .send({ roomIds: [room.id] })
        .expect(201);
      expect(await versions()).to.deep.equal([
        ['V-1', before + 1],
        ['V-2', Number(other.occupancyVersion)],
      ]);
      const one = (await api.get(`/api/sites/${site.id}`).expect(200)).body as SiteWithOccupancyDto;
      expect(one.version).to.equal(before + 1);
      expect(one.occupancy).to.include({ occupied: 1 });
    });

    it('refuses an unknown status filter and an unknown query parameter', async () => {
      const res = await (await apiAs()).get('/api/sites?status=open&colour=red');
      expectProblem(res, 400, ['query.status', 'query.colour']);
    });
  });

  describe('GET /api/sites/:siteId', () => {
    it('returns one site with its occupancy', async () => {
      const site = await buildSite();
      await buildStays({ room: await buildRoom({ site, beds: 2 }) });
      const res = await (await apiAs()).get(`/api/sites/${site.id}`).expect(200);
      const body = res.body as SiteWithOccupancyDto;
      expect(body.code).to.equal(site.code);
      expect(body.occupancy).to.include({ beds: 2, occupied: 1, free: 0 });
    });

    it('answers 404 naming siteId for an unknown site, 400 for a non-numeric one', async () => {
      expectProblem(await (await apiAs()).get('/api/sites/999999'), 404, ['siteId']);
      expectProblem(await (await apiAs()).get('/api/sites/abc'), 400, ['params.siteId']);
    });
  });

  describe('POST /api/sites', () => {
    it('creates a site with defaults and records one audit event', async () => {
      const res = await (await apiAs()).post('/api/sites').send(validSite).expect(201);
      expect(res.headers.location).to.equal(`/api/sites/${res.body.id}`);
      expect(res.body).to.include({ code: 'JS-H01', status: 'preparing', kind: 'hotel' });
      expect(res.body.acceptedCategories).to.have.length(4);
      const events = await AuditEvent.findAll();
      expect(events).to.have.length(1);
      expect(events[0]).to.include({
        entity: 'site',
        action: 'create',
        entityId: String(res.body.id),
      });
      expect(events[0].requestId).to.equal(res.headers['x-request-id']);
    });

    it('names every missing, wrong-typed and unknown field, and writes nothing', async () => {
      const res = await (
        await apiAs()
      )
        .post('/api/sites')
        .send({ code: 'ok-lower', latitude: 'north', kind: 'castle', colour: 'blue' });
      const problem = expectProblem(res, 400, [
        'code',
        'name',
        'district',
        'address',
        'latitude',
        'longitude',
        'kind',
        'colour',
      ]);
      expect(problem.detail).to.match(/latitude/);
      expect(await Site.count()).to.equal(0);
      expect(await AuditEvent.count()).to.equal(0);
    });

    it('requires the activation lead time of a standby site', async () => {
      const res = await (
        await apiAs()
      )
        .post('/api/sites')
        .send({ ...validSite, status: 'standby' });
      expectProblem(res, 400, ['activationLeadHours']);
    });

    it('refuses a duplicated site code with 409 naming code', async () => {
      await buildSite({ code: 'JS-H01' });
      const res = await (await apiAs()).post('/api/sites').send(validSite);
      expectProblem(res, 409, ['code']);
      expect(await Site.count()).to.equal(1);
    });

    it('refuses malformed JSON, a non-JSON body and a body over 1 MB', async () => {
      const app = await apiAs();
      const malformed = await app
        .post('/api/sites')
        .set('Content-Type', 'application/json')
        .send('{"code": "X1", "idNumber": N11010519491231002X}');
      expectProblem(malformed, 400, ['body']);
      expect(JSON.stringify(malformed.body)).to.not.contain('11010519491231002X');
      const form = await app.post('/api/sites').type('form').send('code=X1');
      expectProblem(form, 415, ['body']);
      const huge = await app
        .post('/api/sites')
        .send({ ...validSite, address: 'x'.repeat(1_100_000) });
      expectProblem(huge, 413, ['body']);
      expect(await Site.count()).to.equal(0);
    });

    it('treats prototype-pollution keys as unknown fields', async () => {
      const res = await (
        await apiAs()
      )
        .post('/api/sites')
        .set('Content-Type', 'application/json')
        .send(`{"__proto__": {"admin": true}, ${JSON.stringify(validSite).slice(1)}`);
      expectProblem(res, 400, ['__proto__']);
      expect(await Site.count()).to.equal(0);
      expect(({} as Record<string, unknown>).admin).to.equal(undefined);
    });
  });

  describe('PATCH /api/sites/:siteId', () => {
    it('changes the given fields and audits before and after', async () => {
      const site = await buildSite({ name: 'Old name' });
      const res = await (
        await apiAs()
      )
        .patch(`/api/sites/${site.id}`)
        .send({ name: 'New name', acceptedCategories: ['inbound_traveller'] })
        .expect(200);
      expect(res.body).to.include({ name: 'New name', code: site.code });
      const [event] = await AuditEvent.findAll();
      expect(JSON.parse(event.before!)).to.include({ name: 'Old name' });
      expect(JSON.parse(event.after!)).to.include({ name: 'New name' });
    });

    it('refuses an empty change, a code or status change, and an unknown site', async () => {
      const site = await buildSite();
      const app = await apiAs();
      expectProblem(await app.patch(`/api/sites/${site.id}`).send({}), 400, ['body']);
      expectProblem(
        await app.patch(`/api/sites/${site.id}`).send({ code: 'NEW', status: 'closed' }),
        400,
        ['code', 'status'],
      );
      expectProblem(await app.patch('/api/sites/999999').send({ name: 'x' }), 404, ['siteId']);
      expect(await AuditEvent.count()).to.equal(0);
    });
  });
});
