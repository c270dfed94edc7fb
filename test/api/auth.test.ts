import { expect } from 'chai';
import type { Express } from 'express';
import request from 'supertest';
import type { AuthUser, LoginResponse } from '../../shared/auth';
import { createApp } from '../../server/app';
import { hashPassword } from '../../server/auth/password';
import { AuditEvent, User, UserSite } from '../../server/models';
import { buildSite } from '../factories';
import { testApp, TEST_NOW } from '../setup/app';
import { TEST_PASSWORD } from '../setup/auth';
import { testDb, useTestDatabase } from '../setup/db';
import { STORE_VARIANTS, type StoreVariant } from '../setup/redis';
import { expectProblem } from './problem';

const MINUTE = 60_000;
const later = (minutes: number) => new Date(TEST_NOW.getTime() + minutes * MINUTE);

let hash: Promise<string> | null = null;
let sequence = 0;
const RUN = Math.random().toString(36).slice(2, 8);

/** A user with TEST_PASSWORD and a username unique to this run (Redis keys outlive a test). */
async function makeUser(attrs: Partial<User> & { siteIds?: number[] } = {}): Promise<User> {
  hash ??= hashPassword(TEST_PASSWORD);
  const { siteIds, ...rest } = attrs;
  const user = await User.create({
    username: `u${RUN}-${++sequence}`,
    displayName: 'Login tester',
    passwordHash: await hash,
    role: 'official',
    disabledAt: null,
    ...rest,
  });
  for (const siteId of siteIds ?? []) await UserSite.create({ userId: user.id, siteId });
  return user;
}

/** A fresh client address per test, so counters of one test never reach another. */
const nextIp = () => `10.${sequence % 250}.${Math.floor(Math.random() * 250)}.${++sequence % 250}`;

function appFor(variant: StoreVariant, now: Date): Express {
  const app = createApp(
    { config: variant.config(), db: testDb(), now: () => now },
    { clientDist: null },
  );
  // The tests name the client's address with X-Forwarded-For.
  app.set('trust proxy', true);
  return app;
}

const login = (app: Express, username: string, password: string, ip = '192.0.2.1') =>
  request(app).post('/api/auth/login').set('X-Forwarded-For', ip).send({ username, password });

function cookieOf(res: request.Response): string {
  const cookies = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
  const session = cookies.find((c) => c.startsWith('haven_session='));
  expect(session, 'a haven_session cookie').to.be.a('string');
  return session!;
}

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

describe('auth API', () => {
  useTestDatabase();

  describe('POST /api/auth/login', () => {
    it('answers a token that works as a bearer token and as the cookie, and the user', async () => {
      const site = await buildSite();
      const user = await makeUser({ role: 'site_manager', siteIds: [site.id] });
      const app = testApp();
      const res = await request(app)
        .post('/api/auth/login')
        .send({ username: user.username, password: TEST_PASSWORD });
      expect(res.status, JSON.stringify(res.body)).to.equal(200);
      const body = res.body as LoginResponse;
      expect(body.token).to.match(/^[A-Za-z0-9_-]{43}$/);
      expect(body.expiresAt).to.equal(later(12 * 60).toISOString());
      expect(body.user).to.deep.equal({
        id: user.id,
        username: user.username,
        displayName: 'Login tester',
        role: 'site_manager',
        siteIds: [site.id],
      } satisfies AuthUser);
      expect(res.headers['cache-control']).to.equal('no-store');

      const viaBearer = await request(app).get('/api/auth/me').set(bearer(body.token));
      expect(viaBearer.status).to.equal(200);
      expect(viaBearer.body).to.deep.equal(body.user);
      const viaCookie = await request(app)
        .get('/api/auth/me')
        .set('Cookie', `theme=dark; haven_session=${body.token}`);
      expect(viaCookie.status).to.equal(200);
      expect((viaCookie.body as AuthUser).id).to.equal(user.id);
    });

    it('sets an HttpOnly, SameSite=Strict cookie for the whole site for 12 hours, not Secure over HTTP', async () => {
      const user = await makeUser();
      const res = await login(testApp(), user.username, TEST_PASSWORD);
      const cookie = cookieOf(res);
      const token = (res.body as LoginResponse).token;
      const parts = cookie.split(';').map((p) => p.trim());
      expect(parts[0]).to.equal(`haven_session=${token}`);
      expect(parts).to.include.members(['HttpOnly', 'SameSite=Strict', 'Path=/', 'Max-Age=43200']);
      expect(parts).not.to.include('Secure');
    });

    it('adds Secure when the request came over HTTPS (trust proxy configured)', async () => {
      const user = await makeUser();
      const app = testApp();
      app.set('trust proxy', true);
      const res = await request(app)
        .post('/api/auth/login')
        .set('X-Forwarded-Proto', 'https')
        .send({ username: user.username, password: TEST_PASSWORD });
      expect(res.status).to.equal(200);
      expect(cookieOf(res).split('; ')).to.include('Secure');
    });

    it('does not believe X-Forwarded-Proto when trust proxy is not configured', async () => {
      const user = await makeUser();
      const res = await request(testApp())
        .post('/api/auth/login')
        .set('X-Forwarded-Proto', 'https')
        .send({ username: user.username, password: TEST_PASSWORD });
      expect(res.status).to.equal(200);
      expect(cookieOf(res).split('; ')).not.to.include('Secure');
    });

    it('answers a wrong password and an unknown username with the identical 401', async () => {
      const user = await makeUser();
      const app = testApp();
      const wrong = await login(app, user.username, 'not the password at all');
      const unknown = await login(app, 'nobody-here', 'not the password at all');
      const a = expectProblem(wrong, 401);
      const b = expectProblem(unknown, 401);
      expect(a.type).to.equal('urn:haven:problem:unauthorized');
      expect({ ...a, requestId: null }).to.deep.equal({ ...b, requestId: null });
      expect(wrong.headers['set-cookie']).to.equal(undefined);
    });

    it('refuses a disabled user with the same 401', async () => {
      const user = await makeUser({ disabledAt: TEST_NOW });
      const res = await login(testApp(), user.username, TEST_PASSWORD);
      expect(expectProblem(res, 401).detail).to.equal('Wrong username or password.');
    });

    it('takes the username in any case and with spaces around it', async () => {
      const user = await makeUser();
      const res = await login(testApp(), `  ${user.username.toUpperCase()} `, TEST_PASSWORD);
      expect(res.status).to.equal(200);
    });

    it('ignores a stale session cookie or token sent along with the login', async () => {
      const user = await makeUser();
      const res = await request(testApp())
        .post('/api/auth/login')
        .set('Cookie', 'haven_session=revoked-or-expired')
        .set('Authorization', 'Bearer nonsense')
        .send({ username: user.username, password: TEST_PASSWORD });
      expect(res.status).to.equal(200);
    });

    it('names every bad field: missing, empty, too long, unknown', async () => {
      const app = testApp();
      expectProblem(await request(app).post('/api/auth/login').send({}), 400, [
        'username',
        'password',
      ]);
      expectProblem(
        await request(app).post('/api/auth/login').send({ username: '', password: '' }),
        400,
        ['username', 'password'],
      );
      expectProblem(
        await request(app)
          .post('/api/auth/login')
          .send({ username: 'x'.repeat(65), password: 'p'.repeat(257) }),
        400,
        ['username', 'password'],
      );
      expectProblem(
        await request(app)
          .post('/api/auth/login')
          .send({ username: 'admin', password: 'whatever-it-is', remember: true }),
        400,
        ['remember'],
      );
      expectProblem(
        await request(app)
          .post('/api/auth/login')
          .send({ username: ['admin'], password: { $ne: 1 } }),
        400,
        ['username', 'password'],
      );
      expect(await AuditEvent.count()).to.equal(0);
    });

    it('leaves one audit event (session / login) without the token or password', async () => {
      const user = await makeUser();
      const res = await login(testApp(), user.username, TEST_PASSWORD);
      const { token } = res.body as LoginResponse;
      const events = await AuditEvent.findAll();
      expect(events).to.have.length(1);
      const [event] = events;
      expect(event).to.include({ entity: 'session', action: 'login', actorUserId: user.id });
      const text = JSON.stringify(event.toJSON());
      expect(text).not.to.contain(token);
      expect(text).not.to.contain(TEST_PASSWORD);
      expect(JSON.parse(event.after ?? '{}')).to.include({ userId: user.id });
    });
  });

  describe('authentication of requests', () => {
    it('lets a request without credentials through to the route (public health)', async () => {
      const res = await request(testApp()).get('/api/health');
      expect(res.status).to.equal(200);
    });

    it('refuses a tampered, unknown or malformed token with 401 and no detail of which', async () => {
      const user = await makeUser();
      const app = testApp();
      const { token } = (await login(app, user.username, TEST_PASSWORD)).body as LoginResponse;
      const tampered = token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A');
      const answers = [
        await request(app).get('/api/health').set(bearer(tampered)),
        await request(app).get('/api/health').set('Cookie', `haven_session=${tampered}`),
        await request(app)
          .get('/api/health')
          .set(bearer('x'.repeat(43))),
        await request(app).get('/api/health').set('Authorization', `Basic ${token}`),
        await request(app).get('/api/health').set('Authorization', 'Bearer'),
        await request(app).get('/API/HEALTH').set(bearer(tampered)),
      ];
      const details = answers.map((res) => {
        const problem = expectProblem(res, 401);
        expect(problem.type).to.equal('urn:haven:problem:unauthorized');
        return problem.detail;
      });
      expect(new Set(details).size).to.equal(1);
      // The genuine token still works.
      expect((await request(app).get('/api/auth/me').set(bearer(token))).status).to.equal(200);
    });

    it('answers 401 after 30 idle minutes (the app clock), and activity keeps a session alive', async () => {
      const user = await makeUser();
      const { token } = (await login(testApp(), user.username, TEST_PASSWORD))
        .body as LoginResponse;
      const me = (minutes: number) =>
        request(testApp(later(minutes)))
          .get('/api/auth/me')
          .set(bearer(token));
      expect((await me(29)).status).to.equal(200);
      expect((await me(58)).status).to.equal(200);
      expectProblem(await me(88), 401);
    });

    it('answers 401 twelve hours after sign-in however active', async () => {
      const user = await makeUser();
      const { token } = (await login(testApp(), user.username, TEST_PASSWORD))
        .body as LoginResponse;
      for (let minutes = 25; minutes < 12 * 60; minutes += 25) {
        const res = await request(testApp(later(minutes)))
          .get('/api/auth/me')
          .set(bearer(token));
        expect(res.status, `at ${minutes} minutes`).to.equal(200);
      }
      const res = await request(testApp(later(12 * 60)))
        .get('/api/auth/me')
        .set(bearer(token));
      expectProblem(res, 401);
    });

    it('leaves the dashboard pages alone: a dead cookie does not stop the browser reaching login', async () => {
      const res = await request(testApp())
        .get('/some/dashboard/page')
        .set('Cookie', 'haven_session=dead');
      expect(res.status).to.equal(404);
      expect((res.body as { type: string }).type).to.equal('urn:haven:problem:route-not-found');
    });
  });

  describe('GET /api/auth/me', () => {
    it('answers 401 without a session', async () => {
      expectProblem(await request(testApp()).get('/api/auth/me'), 401);
    });
  });

  for (const variant of STORE_VARIANTS()) {
    describe(`with sessions and counters in the ${variant.name}`, () => {
      variant.setUp();

      it('logout ends the session at once, clears the cookie and is audited without the token', async () => {
        const user = await makeUser();
        const app = appFor(variant, TEST_NOW);
        const ip = nextIp();
        const { token } = (await login(app, user.username, TEST_PASSWORD, ip))
          .body as LoginResponse;
        const other = (await login(app, user.username, TEST_PASSWORD, ip)).body as LoginResponse;
        const before = await AuditEvent.count();
        const res = await request(app).post('/api/auth/logout').set(bearer(token));
        expect(res.status).to.equal(204);
        const cleared = cookieOf(res).split('; ');
        expect(cleared[0]).to.equal('haven_session=');
        expect(cleared).to.include.members(['Max-Age=0', 'Path=/', 'HttpOnly', 'SameSite=Strict']);
        expectProblem(await request(app).get('/api/auth/me').set(bearer(token)), 401);
        expectProblem(await request(app).post('/api/auth/logout').set(bearer(token)), 401);
        // Another session of the same user is untouched.
        expect((await request(app).get('/api/auth/me').set(bearer(other.token))).status).to.equal(
          200,
        );
        const events = await AuditEvent.findAll({ order: [['id', 'ASC']] });
        expect(events.length - before).to.equal(1);
        const event = events[events.length - 1];
        expect(event).to.include({ entity: 'session', action: 'logout', actorUserId: user.id });
        expect(JSON.stringify(event.toJSON())).not.to.contain(token);
      });

      it('locks an account after 5 failures for 15 minutes, even for the right password', async () => {
        const user = await makeUser();
        const ip = nextIp();
        const now = appFor(variant, TEST_NOW);
        const statuses: number[] = [];
        for (let i = 0; i < 5; i++) {
          statuses.push((await login(now, user.username, `wrong password ${i}`, ip)).status);
        }
        expect(statuses).to.deep.equal([401, 401, 401, 401, 429]);
        const locked = await login(now, user.username, TEST_PASSWORD, ip);
        const problem = expectProblem(locked, 429);
        expect(problem.type).to.equal('urn:haven:problem:too-many-requests');
        expect(locked.headers['retry-after']).to.equal('900');
        expect(locked.headers['set-cookie']).to.equal(undefined);
        // From another address too: the lock is the account's.
        expect((await login(now, user.username, TEST_PASSWORD, nextIp())).status).to.equal(429);
        const tenLater = await login(appFor(variant, later(10)), user.username, TEST_PASSWORD, ip);
        expect(tenLater.status).to.equal(429);
        expect(tenLater.headers['retry-after']).to.equal('300');
        const after = await login(appFor(variant, later(15)), user.username, TEST_PASSWORD, ip);
        expect(after.status).to.equal(200);
      });

      it('locks an unknown username the same way (no hint which accounts exist)', async () => {
        const app = appFor(variant, TEST_NOW);
        const ip = nextIp();
        const name = `ghost-${RUN}-${++sequence}`;
        const statuses: number[] = [];
        for (let i = 0; i < 6; i++)
          statuses.push((await login(app, name, 'guess guess', ip)).status);
        expect(statuses).to.deep.equal([401, 401, 401, 401, 429, 429]);
      });

      it("a success clears the account's count; failures older than 15 minutes are forgotten", async () => {
        const user = await makeUser();
        const ip = nextIp();
        const app = appFor(variant, TEST_NOW);
        for (let i = 0; i < 4; i++) await login(app, user.username, 'wrong wrong', ip);
        expect((await login(app, user.username, TEST_PASSWORD, ip)).status).to.equal(200);
        for (let i = 0; i < 4; i++) {
          expect((await login(app, user.username, 'wrong wrong', ip)).status).to.equal(401);
        }
        const later16 = appFor(variant, later(16));
        for (let i = 0; i < 4; i++) {
          expect((await login(later16, user.username, 'wrong wrong', ip)).status).to.equal(401);
        }
        expect((await login(later16, user.username, TEST_PASSWORD, ip)).status).to.equal(200);
      });

      it('blocks an address after 20 failures on any accounts, for 15 minutes', async () => {
        const user = await makeUser();
        const ip = nextIp();
        const app = appFor(variant, TEST_NOW);
        const statuses: number[] = [];
        for (let i = 0; i < 20; i++) {
          statuses.push(
            (await login(app, `spray-${RUN}-${i}-${sequence}`, 'password1234', ip)).status,
          );
        }
        expect(statuses.slice(0, 19).every((s) => s === 401)).to.equal(true);
        expect(statuses[19]).to.equal(429);
        const blocked = await login(app, user.username, TEST_PASSWORD, ip);
        expectProblem(blocked, 429);
        expect(Number(blocked.headers['retry-after'])).to.equal(900);
        // The account itself is not locked: from another address it signs in.
        expect((await login(app, user.username, TEST_PASSWORD, nextIp())).status).to.equal(200);
        expect(
          (await login(appFor(variant, later(15)), user.username, TEST_PASSWORD, ip)).status,
        ).to.equal(200);
      });
    });
  }
});
