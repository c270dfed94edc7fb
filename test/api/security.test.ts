/**
 * Need-to-know and hardening: masking, audited reveal, site-scoped search, transport's view,
 * injection attempts, security headers and closed CORS.
 */
import { expect } from 'chai';
import request from 'supertest';
import type { PersonDto, PersonListDto } from '../../shared/dto';
import { AuditEvent, Site } from '../../server/models';
import { buildParty, buildRoom, buildSite, buildStays } from '../factories';
import { buildKnownPerson, validIdNumber } from '../personFactories';
import { testApp } from '../setup/app';
import { signIn } from '../setup/auth';
import { useTestDatabase } from '../setup/db';
import { expectProblem } from './problem';

async function personIn(site: Site, idNumber: string, phone = '13812345678') {
  const person = await buildKnownPerson({ idNumber, phone });
  await buildStays({
    room: await buildRoom({ site }),
    party: await buildParty({ people: [person] }),
  });
  return person;
}

describe('personal data and hardening', () => {
  useTestDatabase();

  it('masks ID numbers and phones, and reveals them only on request, with an audit event', async () => {
    const site = await buildSite();
    const idNumber = validIdNumber('19900101');
    const person = await personIn(site, idNumber);
    const official = await signIn('official');
    const app = testApp();
    const masked = (await request(app).get(`/api/persons/${person.id}`).set(official.auth))
      .body as PersonDto;
    expect(masked.idNumber).to.equal(`${idNumber.slice(0, 4)}**********${idNumber.slice(14)}`);
    expect(masked.phone).to.equal('138****5678');
    expect(await AuditEvent.count()).to.equal(0);

    const revealed = await request(app)
      .post(`/api/persons/${person.id}/reveal`)
      .set(official.auth)
      .send({ fields: ['idNumber', 'phone'] })
      .expect(200);
    expect(revealed.body).to.include({ idNumber, phone: '13812345678' });
    expect(revealed.headers['cache-control']).to.equal('no-store');
    const [event] = await AuditEvent.findAll();
    expect(event).to.include({ action: 'reveal', entity: 'person', actorUserId: official.user.id });
    expect(JSON.stringify(event)).to.not.contain(idNumber);
  });

  it('gives transport names but no ID numbers, and no reveal', async () => {
    const person = await personIn(await buildSite(), validIdNumber('19700505'));
    const transport = await signIn('transport');
    const res = await request(testApp()).get(`/api/persons/${person.id}`).set(transport.auth);
    expect((res.body as PersonDto).idNumber).to.equal(null);
    expect((res.body as PersonDto).fullName).to.equal(person.fullName);
    await request(testApp())
      .post(`/api/persons/${person.id}/reveal`)
      .set(transport.auth)
      .send({ fields: ['idNumber'] })
      .expect(403);
  });

  it("does not let a site manager find or reveal another site's people", async () => {
    const mine = await buildSite({ code: 'MINE' });
    const theirs = await buildSite({ code: 'THEIRS' });
    const inMine = await personIn(mine, validIdNumber('19810101'));
    const idNumber = validIdNumber('19820202');
    const inTheirs = await personIn(theirs, idNumber);
    const manager = await signIn('site_manager', { siteIds: [mine.id] });
    const app = testApp();
    const found = await request(app)
      .post('/api/persons/search')
      .set(manager.auth)
      .send({ idNumber })
      .expect(200);
    expect((found.body as PersonListDto).data).to.deep.equal([]);
    const byPhone = await request(app)
      .post('/api/persons/search')
      .set(manager.auth)
      .send({ phone: '13812345678' })
      .expect(200);
    expect((byPhone.body as PersonListDto).data.map((p) => p.id)).to.deep.equal([inMine.id]);
    expectProblem(
      await request(app)
        .post(`/api/persons/${inTheirs.id}/reveal`)
        .set(manager.auth)
        .send({ fields: ['idNumber'] }),
      404,
    );
    expect(await AuditEvent.count()).to.equal(0);
  });

  it('keeps SQL fragments inert and refuses them where a format is expected', async () => {
    const { auth } = await signIn('admin');
    const app = testApp();
    await personIn(await buildSite(), validIdNumber('19750707'));
    const byName = await request(app)
      .post('/api/persons/search')
      .set(auth)
      .send({ name: "x' OR '1'='1" })
      .expect(200);
    expect(byName.body.data).to.deep.equal([]);
    expectProblem(await request(app).get("/api/sites?status=active' OR '1'='1").set(auth), 400, [
      'query.status',
    ]);
    expectProblem(await request(app).get('/api/sites/1%20OR%201=1').set(auth), 400, [
      'params.siteId',
    ]);
    expectProblem(
      await request(app)
        .post('/api/sites')
        .set(auth)
        .send({ code: "X'; DROP TABLE sites; --", constructor: { prototype: { admin: true } } }),
      400,
      ['constructor'],
    );
    expect(await Site.count()).to.equal(1);
  });

  it('sends security headers and no CORS permission to other origins', async () => {
    const res = await request(testApp())
      .get('/api/health')
      .set('Origin', 'https://evil.example')
      .expect(200);
    expect(res.headers['x-content-type-options']).to.equal('nosniff');
    expect(res.headers['content-security-policy']).to.contain("default-src 'self'");
    expect(res.headers['access-control-allow-origin']).to.equal(undefined);
    expect(res.headers['x-request-id']).to.be.a('string');
  });
});
