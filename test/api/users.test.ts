import { expect } from 'chai';
import type { Express } from 'express';
import request from 'supertest';
import type { LoginResponse, UserDto } from '../../shared/auth';
import { createApp } from '../../server/app';
import { AuditEvent, User, UserSite } from '../../server/models';
import { buildSite } from '../factories';
import { testApp, TEST_NOW } from '../setup/app';
import { signIn, TEST_PASSWORD, type SignedIn } from '../setup/auth';
import { testDb, useTestDatabase } from '../setup/db';
import { STORE_VARIANTS } from '../setup/redis';
import { expectProblem } from './problem';

const NEW_PASSWORD = 'a brand new passphrase';
const RUN = Math.random().toString(36).slice(2, 8);
let sequence = 0;

const validUser = () => ({
  username: `nurse.${RUN}-${++sequence}`,
  displayName: 'Night Nurse',
  role: 'official',
  password: 'long enough password',
});

/** Runs `call` and returns its response after checking it left exactly one audit event. */
async function auditedOnce(
  call: () => Promise<request.Response>,
  expected: { entity: string; action: string; actorUserId: number },
): Promise<request.Response> {
  const before = await AuditEvent.count();
  const res = await call();
  const events = await AuditEvent.findAll({ order: [['id', 'ASC']] });
  expect(events.length - before, `audit events of ${expected.action}`).to.equal(1);
  const event = events[events.length - 1];
  expect(event).to.include(expected);
  const text = JSON.stringify(event.toJSON());
  for (const secret of [TEST_PASSWORD, NEW_PASSWORD, 'long enough password', 'scrypt$']) {
    expect(text).not.to.contain(secret);
  }
  return res;
}

describe('users API', () => {
  useTestDatabase();
  let app: Express;
  let admin: SignedIn;
  beforeEach(async () => {
    app = testApp();
    admin = await signIn('admin');
  });

  describe('POST /api/users', () => {
    it('creates a user who can then sign in; never shows the password', async () => {
      const body = validUser();
      const res = await auditedOnce(
        () => request(app).post('/api/users').set(admin.auth).send(body),
        { entity: 'user', action: 'create', actorUserId: admin.user.id },
      );
      expect(res.status, JSON.stringify(res.body)).to.equal(201);
      const user = res.body as UserDto;
      expect(user).to.deep.include({
        username: body.username,
        displayName: 'Night Nurse',
        role: 'official',
        siteIds: [],
        disabled: false,
      });
      expect(res.headers.location).to.equal(`/api/users/${user.id}`);
      expect(JSON.stringify(res.body)).not.to.match(/password/i);
      const signedIn = await request(app)
        .post('/api/auth/login')
        .send({ username: body.username, password: body.password });
      expect(signedIn.status).to.equal(200);
    });

    it('creates a site manager with their sites, lower-casing the username', async () => {
      const [a, b] = [await buildSite(), await buildSite()];
      const res = await request(app)
        .post('/api/users')
        .set(admin.auth)
        .send({
          ...validUser(),
          username: `Site.Boss-${RUN}`,
          role: 'site_manager',
          siteIds: [b.id, a.id],
        });
      expect(res.status, JSON.stringify(res.body)).to.equal(201);
      expect(res.body).to.deep.include({
        username: `site.boss-${RUN}`,
        siteIds: [a.id, b.id].sort((x, y) => x - y),
      });
    });

    it('names every missing or unknown field', async () => {
      const res = await request(app).post('/api/users').set(admin.auth).send({ nickname: 'x' });
      expectProblem(res, 400, ['username', 'displayName', 'role', 'password', 'nickname']);
    });

    it('refuses a short password, a bad username and an unknown role', async () => {
      const res = await request(app)
        .post('/api/users')
        .set(admin.auth)
        .send({ ...validUser(), username: 'a b', role: 'superuser', password: 'short' });
      const problem = expectProblem(res, 400, ['username', 'role', 'password']);
      expect(problem.errors?.find((e) => e.field === 'password')?.message).to.contain('12');
    });

    it('wants sites for a site manager and refuses them for anyone else', async () => {
      const site = await buildSite();
      expectProblem(
        await request(app)
          .post('/api/users')
          .set(admin.auth)
          .send({ ...validUser(), role: 'site_manager' }),
        400,
        ['siteIds'],
      );
      expectProblem(
        await request(app)
          .post('/api/users')
          .set(admin.auth)
          .send({ ...validUser(), role: 'site_manager', siteIds: [] }),
        400,
        ['siteIds'],
      );
      expectProblem(
        await request(app)
          .post('/api/users')
          .set(admin.auth)
          .send({ ...validUser(), role: 'transport', siteIds: [site.id] }),
        400,
        ['siteIds'],
      );
    });

    it('names each site that does not exist as siteIds.N', async () => {
      const site = await buildSite();
      const res = await request(app)
        .post('/api/users')
        .set(admin.auth)
        .send({ ...validUser(), role: 'site_manager', siteIds: [site.id, 999_999] });
      expectProblem(res, 400, ['siteIds.1']);
      expect(await User.count()).to.equal(1);
    });

    it('answers 409 naming username for a taken username, and writes nothing', async () => {
      const body = validUser();
      expect((await request(app).post('/api/users').set(admin.auth).send(body)).status).to.equal(
        201,
      );
      const before = await AuditEvent.count();
      const res = await request(app)
        .post('/api/users')
        .set(admin.auth)
        .send({ ...body, displayName: 'Someone else' });
      expectProblem(res, 409, ['username']);
      expect(await AuditEvent.count()).to.equal(before);
    });
  });

  describe('GET /api/users', () => {
    it('lists users by username with their sites and status, without password hashes', async () => {
      const site = await buildSite();
      const manager = await signIn('site_manager', { siteIds: [site.id], username: 'zz-manager' });
      await manager.user.update({ disabledAt: TEST_NOW });
      const res = await request(app).get('/api/users').set(admin.auth);
      expect(res.status).to.equal(200);
      const users = (res.body as { data: UserDto[] }).data;
      expect(users.map((u) => u.username)).to.deep.equal([admin.user.username, 'zz-manager']);
      expect(users[1]).to.deep.include({
        siteIds: [site.id],
        disabled: true,
        role: 'site_manager',
      });
      expect(JSON.stringify(res.body)).not.to.contain('scrypt');
    });
  });

  describe('PATCH /api/users/:userId', () => {
    it("changes name, role and sites; the user's next request sees the change", async () => {
      const site = await buildSite();
      const target = await signIn('official');
      const res = await auditedOnce(
        () =>
          request(app)
            .patch(`/api/users/${target.user.id}`)
            .set(admin.auth)
            .send({ displayName: 'Renamed', role: 'site_manager', siteIds: [site.id] }),
        { entity: 'user', action: 'update', actorUserId: admin.user.id },
      );
      expect(res.status, JSON.stringify(res.body)).to.equal(200);
      expect(res.body).to.deep.include({
        displayName: 'Renamed',
        role: 'site_manager',
        siteIds: [site.id],
      });
      const me = await request(app).get('/api/auth/me').set(target.auth);
      expect(me.body).to.deep.include({ role: 'site_manager', siteIds: [site.id] });

      // Back to official: the sites go with the role.
      const back = await request(app)
        .patch(`/api/users/${target.user.id}`)
        .set(admin.auth)
        .send({ role: 'official' });
      expect(back.body).to.deep.include({ role: 'official', siteIds: [] });
      expect(await UserSite.count({ where: { userId: target.user.id } })).to.equal(0);
    });

    it('refuses a site manager without sites, and sites for another role', async () => {
      const site = await buildSite();
      const official = await signIn('official');
      expectProblem(
        await request(app)
          .patch(`/api/users/${official.user.id}`)
          .set(admin.auth)
          .send({ role: 'site_manager' }),
        400,
        ['siteIds'],
      );
      expectProblem(
        await request(app)
          .patch(`/api/users/${official.user.id}`)
          .set(admin.auth)
          .send({ siteIds: [site.id] }),
        400,
        ['siteIds'],
      );
      expectProblem(
        await request(app)
          .patch(`/api/users/${official.user.id}`)
          .set(admin.auth)
          .send({ role: 'transport', siteIds: [site.id] }),
        400,
        ['siteIds'],
      );
      const manager = await signIn('site_manager', { siteIds: [site.id] });
      expectProblem(
        await request(app)
          .patch(`/api/users/${manager.user.id}`)
          .set(admin.auth)
          .send({ siteIds: [site.id, 424_242] }),
        400,
        ['siteIds.1'],
      );
    });

    it('names bad input: empty body, unknown field, bad id; 404 for no such user', async () => {
      expectProblem(
        await request(app).patch(`/api/users/${admin.user.id}`).set(admin.auth).send({}),
        400,
      );
      expectProblem(
        await request(app)
          .patch(`/api/users/${admin.user.id}`)
          .set(admin.auth)
          .send({ password: 'sneaky new password' }),
        400,
        ['password'],
      );
      expectProblem(
        await request(app).patch('/api/users/abc').set(admin.auth).send({ displayName: 'x' }),
        400,
        ['params.userId'],
      );
      expectProblem(
        await request(app).patch('/api/users/999999').set(admin.auth).send({ displayName: 'x' }),
        404,
      );
    });

    it('will not demote or disable the last enabled administrator', async () => {
      expectProblem(
        await request(app)
          .patch(`/api/users/${admin.user.id}`)
          .set(admin.auth)
          .send({ role: 'official' }),
        409,
        ['userId'],
      );
      expectProblem(
        await request(app).post(`/api/users/${admin.user.id}/disable`).set(admin.auth),
        409,
        ['userId'],
      );
      const second = await signIn('admin');
      const res = await request(app)
        .patch(`/api/users/${second.user.id}`)
        .set(admin.auth)
        .send({ role: 'official' });
      expect(res.status).to.equal(200);
    });
  });

  describe('POST /api/users/:userId/enable and disable', () => {
    it('answers 409 when already in that state, 404 for no such user', async () => {
      const target = await signIn('transport');
      expectProblem(
        await request(app).post(`/api/users/${target.user.id}/enable`).set(admin.auth),
        409,
      );
      expect(
        (await request(app).post(`/api/users/${target.user.id}/disable`).set(admin.auth)).status,
      ).to.equal(200);
      expectProblem(
        await request(app).post(`/api/users/${target.user.id}/disable`).set(admin.auth),
        409,
      );
      expectProblem(await request(app).post('/api/users/999999/disable').set(admin.auth), 404);
      expectProblem(await request(app).post('/api/users/0/enable').set(admin.auth), 400, [
        'params.userId',
      ]);
    });
  });

  describe('POST /api/users/:userId/password', () => {
    it('refuses a short or missing password and unknown fields; 404 for no such user', async () => {
      const target = await signIn('transport');
      expectProblem(
        await request(app)
          .post(`/api/users/${target.user.id}/password`)
          .set(admin.auth)
          .send({ password: 'short' }),
        400,
        ['password'],
      );
      expectProblem(
        await request(app)
          .post(`/api/users/${target.user.id}/password`)
          .set(admin.auth)
          .send({ newPassword: NEW_PASSWORD }),
        400,
        ['password', 'newPassword'],
      );
      expectProblem(
        await request(app)
          .post('/api/users/999999/password')
          .set(admin.auth)
          .send({ password: NEW_PASSWORD }),
        404,
      );
    });
  });

  for (const variant of STORE_VARIANTS()) {
    describe(`revocation with sessions in the ${variant.name}`, () => {
      variant.setUp();
      let storeApp: Express;
      let adminAuth: { Authorization: string };

      const signInOver = async (username: string, password = TEST_PASSWORD) => {
        const res = await request(storeApp)
          .post('/api/auth/login')
          .set('X-Forwarded-For', `10.9.${++sequence % 250}.1`)
          .send({ username, password });
        return res;
      };

      beforeEach(async () => {
        storeApp = createApp(
          { config: variant.config(), db: testDb(), now: () => TEST_NOW },
          { clientDist: null },
        );
        storeApp.set('trust proxy', true);
        const res = await signInOver(admin.user.username);
        adminAuth = { Authorization: `Bearer ${(res.body as LoginResponse).token}` };
      });

      it('disabling a user ends every session of theirs at once; enabling lets them sign in again', async () => {
        const target = await signIn('official', { username: `target-${RUN}-${++sequence}` });
        const one = (await signInOver(target.user.username)).body as LoginResponse;
        const two = (await signInOver(target.user.username)).body as LoginResponse;
        const me = (token: string) =>
          request(storeApp).get('/api/auth/me').set('Authorization', `Bearer ${token}`);
        expect((await me(one.token)).status).to.equal(200);

        const res = await auditedOnce(
          () => request(storeApp).post(`/api/users/${target.user.id}/disable`).set(adminAuth),
          { entity: 'user', action: 'disable', actorUserId: admin.user.id },
        );
        expect(res.status, JSON.stringify(res.body)).to.equal(200);
        expect((res.body as UserDto).disabled).to.equal(true);
        expectProblem(await me(one.token), 401);
        expectProblem(await me(two.token), 401);
        expect((await signInOver(target.user.username)).status).to.equal(401);

        const enabled = await auditedOnce(
          () => request(storeApp).post(`/api/users/${target.user.id}/enable`).set(adminAuth),
          { entity: 'user', action: 'enable', actorUserId: admin.user.id },
        );
        expect((enabled.body as UserDto).disabled).to.equal(false);
        // Old sessions stay ended; a new sign-in works.
        expectProblem(await me(one.token), 401);
        expect((await signInOver(target.user.username)).status).to.equal(200);
      });

      it("a password reset ends the user's sessions; only the new password signs in", async () => {
        const target = await signIn('transport', { username: `reset-${RUN}-${++sequence}` });
        const session = (await signInOver(target.user.username)).body as LoginResponse;
        const res = await auditedOnce(
          () =>
            request(storeApp)
              .post(`/api/users/${target.user.id}/password`)
              .set(adminAuth)
              .send({ password: NEW_PASSWORD }),
          { entity: 'user', action: 'reset_password', actorUserId: admin.user.id },
        );
        expect(res.status, JSON.stringify(res.body)).to.equal(204);
        expectProblem(
          await request(storeApp)
            .get('/api/auth/me')
            .set('Authorization', `Bearer ${session.token}`),
          401,
        );
        expect((await signInOver(target.user.username)).status).to.equal(401);
        expect((await signInOver(target.user.username, NEW_PASSWORD)).status).to.equal(200);
      });

      it('a password reset lifts the lockout of the account', async () => {
        const target = await signIn('transport', { username: `locked-${RUN}-${++sequence}` });
        for (let i = 0; i < 5; i++) await signInOver(target.user.username, 'wrong guess!');
        expect((await signInOver(target.user.username)).status).to.equal(429);
        await request(storeApp)
          .post(`/api/users/${target.user.id}/password`)
          .set(adminAuth)
          .send({ password: NEW_PASSWORD });
        expect((await signInOver(target.user.username, NEW_PASSWORD)).status).to.equal(200);
      });
    });
  }
});
