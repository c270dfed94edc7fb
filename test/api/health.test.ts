import { expect } from 'chai';
import request from 'supertest';
import { createApp } from '../../server/app';
import { loadConfig } from '../../server/config';
import { createSequelize } from '../../server/db/sequelize';
import { TEST_NOW } from '../setup/app';
import { testDb, useTestDatabase } from '../setup/db';
import { apiAs } from '../setup/api';
import { expectProblem } from './problem';

describe('health, documentation and unknown routes', () => {
  useTestDatabase();

  it('answers 200 when the database is reachable', async () => {
    const res = await (await apiAs()).get('/api/health').expect(200);
    expect(res.body).to.include({ status: 'ok', database: 'up' });
    expect(res.headers['x-request-id']).to.be.a('string');
  });

  it('answers 503 when the database is not reachable', async () => {
    const config = loadConfig({ NODE_ENV: 'test' });
    // A bare connection to nowhere: the models stay bound to the test database.
    const sequelize = createSequelize('mysql://nobody:wrong@127.0.0.1:1/none');
    const db = { sequelize, migrate: async () => [], close: () => sequelize.close() };
    try {
      const app = createApp({ config, db, now: () => TEST_NOW }, { clientDist: null });
      const res = await request(app).get('/api/health').expect(503);
      expect(res.body).to.include({ status: 'unavailable', database: 'down' });
    } finally {
      await db.close();
    }
  });

  it('answers 503 with Retry-After, not 500, when the session store (Redis) does not answer', async () => {
    // Nothing listens on port 1: ioredis gives up on the command after its reconnection attempts.
    const config = loadConfig({ NODE_ENV: 'test', REDIS_URL: 'redis://127.0.0.1:1' });
    const app = createApp({ config, db: testDb(), now: () => TEST_NOW }, { clientDist: null });
    const res = await request(app)
      .get('/api/sites')
      .set('Authorization', `Bearer ${'a'.repeat(43)}`)
      .expect(503);
    expect(expectProblem(res, 503).type).to.equal('urn:haven:problem:unavailable');
    expect(res.headers['retry-after']).to.equal('5');
    const login = await request(app)
      .post('/api/auth/login')
      .send({ username: 'official', password: 'whatever it is' });
    expect(login.status).to.equal(503);
  });

  it('answers unknown API routes with a 404 problem document', async () => {
    const res = await (await apiAs()).get('/api/nothing-here');
    expectProblem(res, 404);
    expect(res.body.detail).to.contain('/api/nothing-here');
  });

  it('echoes a sane caller request id and replaces an unsafe one', async () => {
    const given = await (await apiAs()).get('/api/health').set('X-Request-Id', 'abc-123-def');
    expect(given.headers['x-request-id']).to.equal('abc-123-def');
    const unsafe = await (
      await apiAs()
    )
      .get('/api/health')
      .set('X-Request-Id', 'has spaces; and $(shell)');
    expect(unsafe.headers['x-request-id']).to.match(/^[0-9a-f-]{36}$/);
  });

  it('publishes an OpenAPI document generated from the route schemas', async () => {
    const res = await (await apiAs()).get('/api/openapi.json').expect(200);
    expect(res.body.openapi).to.match(/^3\./);
    const create = res.body.paths['/api/sites'].post;
    const schema = create.requestBody.content['application/json'].schema;
    expect(schema.required).to.include.members(['code', 'name', 'district', 'kind']);
    expect(schema.additionalProperties).to.equal(false);
    expect(schema.properties.kind.enum).to.include('hotel');
    expect(res.body.paths['/api/sites/{siteId}/rooms'].post.parameters[0]).to.include({
      name: 'siteId',
      in: 'path',
    });
    const list = res.body.paths['/api/sites'].get;
    expect(list.parameters.map((p: { name: string }) => p.name)).to.include('status');
  });

  it('serves browsable API docs', async () => {
    const res = await (await apiAs()).get('/api/docs/').expect(200);
    expect(res.text).to.contain('swagger-ui');
  });
});
