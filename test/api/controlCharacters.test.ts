/**
 * Issue 16 §6: control characters are bad input. Every string a request sends refuses C0/C1
 * control characters with a 400 naming the field (type `string.controlCharacters`); free-text
 * stay reasons may keep tab and line breaks. The lockout key reaches the database as a bound
 * parameter, so even a key with a NUL in it is stored whole.
 */
import { expect } from 'chai';
import BaseJoi from 'joi';
import request from 'supertest';
import { DatabaseThrottleStore } from '../../server/auth/databaseStores';
import { ACCOUNT_RULE } from '../../server/auth/loginThrottle';
import { ApiRouter } from '../../server/http/apiRouter';
import Joi from '../../server/http/joi';
import { AuditEvent, LoginFailure, Site, Stay } from '../../server/models';
import { buildStays } from '../factories';
import { apiAs } from '../setup/api';
import { TEST_NOW, TEST_TODAY, testApp } from '../setup/app';
import { useTestDatabase } from '../setup/db';
import { expectProblem } from './problem';

const TYPE = 'string.controlCharacters';

function errorTypeOf(res: request.Response, field: string): string | undefined {
  const errors = (res.body as { errors?: { field: string; type: string }[] }).errors ?? [];
  return errors.find((e) => e.field === field)?.type;
}

describe('control characters in requests', () => {
  useTestDatabase();

  it('answers a NUL in the login name with 400 naming username, and counts no failure', async () => {
    const res = await request(testApp())
      .post('/api/auth/login')
      .send({ username: 'admin\u0000x', password: 'whatever it is' });
    expectProblem(res, 400, ['username']);
    expect(errorTypeOf(res, 'username')).to.equal(TYPE);
    expect(await LoginFailure.count()).to.equal(0);
    expect(await AuditEvent.count()).to.equal(0);
  });

  it('refuses a control character in the password too (C1 NEL here)', async () => {
    const res = await request(testApp())
      .post('/api/auth/login')
      .send({ username: 'admin', password: 'correct\u0085horse' });
    expectProblem(res, 400, ['password']);
    expect(errorTypeOf(res, 'password')).to.equal(TYPE);
    expect(await LoginFailure.count()).to.equal(0);
  });

  it('refuses C0, DEL and C1 characters in a body field and writes nothing', async () => {
    const api = await apiAs('admin');
    const site = {
      code: 'CTRL-1',
      name: 'Hotel',
      district: '410102',
      address: '1 Road',
      latitude: 34.7,
      longitude: 113.6,
      kind: 'hotel',
    };
    for (const bad of ['\u0000', '\u0007', '\u001b[31m', '\u007f', '\u009b']) {
      const res = await api.post('/api/sites').send({ ...site, name: `Hotel${bad}` });
      expectProblem(res, 400, ['name']);
      expect(errorTypeOf(res, 'name'), JSON.stringify(bad)).to.equal(TYPE);
    }
    // Addresses are one line: a line break is refused there.
    const multiline = await api.post('/api/sites').send({ ...site, address: '1 Road\nFloor 2' });
    expectProblem(multiline, 400, ['address']);
    expect(errorTypeOf(multiline, 'address')).to.equal(TYPE);
    expect(await Site.count()).to.equal(0);
    await api.post('/api/sites').send(site).expect(201);
  });

  it('refuses a control character in a query field, naming it', async () => {
    const api = await apiAs('official');
    const res = await api.get('/api/sites?district=410102%00');
    expectProblem(res, 400, ['query.district']);
    expect(errorTypeOf(res, 'query.district')).to.equal(TYPE);
  });

  it('refuses a control character in a path parameter, naming it', async () => {
    const api = await apiAs('official');
    expectProblem(await api.get('/api/sites/1%00'), 400, ['params.siteId']);
    expectProblem(await api.get('/api/sites/%1b1'), 400, ['params.siteId']);
  });

  it('keeps line breaks and tabs in a stay reason, but no other control character', async () => {
    const [stay] = await buildStays({ status: 'reserved', entryDate: TEST_TODAY });
    const api = await apiAs('admin');
    const nul = await api
      .post(`/api/stays/${stay.id}/cancel`)
      .send({ reason: 'traced\u0000twice' });
    expectProblem(nul, 400, ['reason']);
    expect(errorTypeOf(nul, 'reason')).to.equal(TYPE);
    expect((await stay.reload()).status).to.equal('reserved');

    const reason = 'traced twice:\r\n\tonce by district, once by city';
    await api.post(`/api/stays/${stay.id}/cancel`).send({ reason }).expect(200);
    const stored = await Stay.findByPk(stay.id);
    expect(stored!.status).to.equal('cancelled');
    expect(stored!.endReason).to.equal(reason);
  });

  it('stores and finds a lockout key whole, NUL included (bound, not spliced into SQL)', async () => {
    const store = new DatabaseThrottleStore();
    const key = 'user:admin\u0000x';
    const state = await store.recordFailure(key, ACCOUNT_RULE, TEST_NOW);
    expect(state.failures).to.equal(1);
    expect((await store.recordFailure(key, ACCOUNT_RULE, TEST_NOW)).failures).to.equal(2);
    expect((await store.read(key))?.failures).to.equal(2);
    // Not cut short at the NUL: the shorter key is another counter.
    expect(await store.read('user:admin')).to.equal(null);
    await store.clear('user:admin');
    expect((await store.read(key))?.failures).to.equal(2);
    await store.clear(key);
    expect(await store.read(key)).to.equal(null);
  });

  it('will not declare a route whose input holds a string made with plain Joi', () => {
    const declare = (body: BaseJoi.Schema) =>
      new ApiRouter().add({
        method: 'post',
        path: '/x',
        summary: 'x',
        tag: 'x',
        access: { roles: 'public' },
        body,
        responses: {},
        handler: () => undefined,
      });
    expect(() => declare(BaseJoi.object({ note: BaseJoi.string() }))).to.throw(/body note/);
    expect(() => declare(Joi.object({ tags: Joi.array().items(BaseJoi.string()) }))).to.throw(
      /body tags\[\]/,
    );
    expect(() => declare(Joi.object({ note: Joi.string(), n: Joi.number() }))).not.to.throw();
  });
});
