/**
 * Every write leaves exactly one audit event, with the caller as actor and the request's id; and
 * no route can change or delete an audit event.
 */
import { expect } from 'chai';
import request from 'supertest';
import { addDays } from '../../shared/dates';
import { DEFAULT_POLICY } from '../../shared/policy';
import { AuditEvent, Room, Stay } from '../../server/models';
import { buildKnownPerson, validIdNumber } from '../personFactories';
import { testApp, TEST_TODAY } from '../setup/app';
import { signIn } from '../setup/auth';
import { useTestDatabase } from '../setup/db';

describe('audit trail', function () {
  this.timeout(60_000);
  useTestDatabase();

  it('records each write once, with the actor and the request id', async () => {
    const { user, auth } = await signIn('admin');
    const app = testApp();
    const write = async (
      method: 'post' | 'patch' | 'put',
      path: string,
      body: object,
      action: string,
    ) => {
      const before = await AuditEvent.count();
      const res = await request(app)[method](path).set(auth).send(body);
      expect(res.status, `${method} ${path}: ${JSON.stringify(res.body)}`).to.be.within(200, 299);
      const events = await AuditEvent.findAll({ order: [['id', 'ASC']], offset: before });
      expect(
        events.map((e) => e.action),
        `${method} ${path}`,
      ).to.deep.equal([action]);
      expect(events[0].actorUserId).to.equal(user.id);
      expect(events[0].requestId).to.equal(res.headers['x-request-id']);
      return res.body as { id: number };
    };

    const site = await write(
      'post',
      '/api/sites',
      {
        code: 'AUD-1',
        name: 'Audit Hotel',
        district: '410105',
        address: '1 Audit Road',
        latitude: 34.8,
        longitude: 113.66,
        kind: 'hotel',
        status: 'active',
      },
      'create',
    );
    await write('patch', `/api/sites/${site.id}`, { name: 'Audit Hotel East' }, 'update');
    await write(
      'post',
      `/api/sites/${site.id}/rooms`,
      { floors: { from: 1, to: 1 }, roomsPerFloor: 3, beds: 1 },
      'rooms.create',
    );
    const [first, second, third] = await Room.findAll({ order: [['id', 'ASC']] });
    await write('patch', `/api/sites/${site.id}/rooms/${first.id}`, { beds: 2 }, 'update');

    const member = (idNumber: string) => ({
      fullName: 'Audit Person',
      idNumber,
      exposureDate: addDays(TEST_TODAY, -1),
    });
    const party = await write(
      'post',
      '/api/parties',
      { category: 'close_contact', shareRoom: false, members: [member(validIdNumber())] },
      'create',
    );
    await write('post', `/api/parties/${party.id}/placement`, { roomIds: [first.id] }, 'place');
    const stay = (await Stay.findOne({ where: { partyId: party.id } }))!;
    await write('post', `/api/stays/${stay.id}/check-in`, {}, 'check_in');
    await write(
      'post',
      `/api/stays/${stay.id}/extend`,
      { plannedReleaseDate: addDays(stay.plannedReleaseDate, 2), reason: 'room-mate positive' },
      'extend',
    );
    await write(
      'post',
      `/api/parties/${party.id}/move`,
      { roomIds: [second.id], reason: 'heating' },
      'move',
    );
    const moved = (await Stay.findOne({ where: { partyId: party.id, roomId: second.id } }))!;
    await write(
      'post',
      `/api/stays/${moved.id}/release`,
      { reason: 'negative twice' },
      'release_early',
    );
    await write('post', `/api/sites/${site.id}/rooms/${first.id}/cleaned`, {}, 'mark_cleaned');
    await write(
      'post',
      `/api/sites/${site.id}/rooms/${third.id}/out-of-service`,
      { reason: 'leak' },
      'out_of_service',
    );
    await write(
      'post',
      `/api/sites/${site.id}/rooms/${third.id}/back-in-service`,
      {},
      'back_in_service',
    );

    const later = await write(
      'post',
      '/api/parties',
      { category: 'close_contact', shareRoom: false, members: [member(validIdNumber())] },
      'create',
    );
    await write(
      'post',
      `/api/parties/${later.id}/placement`,
      { roomIds: [third.id], entryDate: addDays(TEST_TODAY, 2) },
      'place',
    );
    const reserved = (await Stay.findOne({ where: { partyId: later.id } }))!;
    await write('post', `/api/stays/${reserved.id}/cancel`, { reason: 'traced twice' }, 'cancel');

    const person = await buildKnownPerson({ idNumber: validIdNumber('19800101') });
    await write('post', `/api/persons/${person.id}/reveal`, { fields: ['idNumber'] }, 'reveal');
    await write('put', '/api/policy', { ...DEFAULT_POLICY, cleaningHours: 12 }, 'update');
    await write('post', `/api/sites/${site.id}/suspend`, { reason: 'case inside' }, 'suspend');
    await write('post', `/api/sites/${site.id}/activate`, {}, 'activate');
  });

  it('offers no route that changes or deletes an audit event', async () => {
    const doc = (await request(testApp()).get('/api/openapi.json')).body as {
      paths: Record<string, Record<string, unknown>>;
    };
    const auditRoutes = Object.entries(doc.paths)
      .filter(([path]) => path.startsWith('/api/audit'))
      .flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m} ${path}`));
    expect(auditRoutes).to.deep.equal(['get /api/audit']);
  });

  it('lets officials filter the trail and refuses site managers', async () => {
    const official = await signIn('official');
    const admin = await signIn('admin');
    const app = testApp();
    await request(app)
      .put('/api/policy')
      .set(admin.auth)
      .send({ ...DEFAULT_POLICY, cleaningHours: 36 })
      .expect(200);
    const res = await request(app)
      .get(`/api/audit?entity=policy&actorUserId=${admin.user.id}`)
      .set(official.auth)
      .expect(200);
    expect(res.body.data).to.have.length(1);
    expect(res.body.data[0].after.cleaningHours).to.equal(36);
    const manager = await signIn('site_manager');
    await request(app).get('/api/audit').set(manager.auth).expect(403);
    await request(app).get('/api/audit?from=yesterday').set(official.auth).expect(400);
  });
});
