/**
 * The session and login-failure stores behind one interface: the same tests run against the
 * database store and the Redis store (skipped loudly without Redis outside CI).
 */
import { expect } from 'chai';
import { hashPassword } from '../../server/auth/password';
import {
  ACCOUNT_RULE,
  afterFailure,
  type LoginThrottleStore,
  type ThrottleState,
} from '../../server/auth/loginThrottle';
import type { SessionRecord, SessionStore } from '../../server/auth/sessionStore';
import {
  ABSOLUTE_TIMEOUT_MS,
  IDLE_TIMEOUT_MS,
  Sessions,
  sessionIdOf,
} from '../../server/auth/sessions';
import { User } from '../../server/models';
import { useTestDatabase } from '../setup/db';
import { STORE_VARIANTS } from '../setup/redis';

const T0 = new Date('2026-11-29T02:00:00Z');
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);
let hash: Promise<string> | null = null;
let n = 0;

async function user(attrs: Partial<User> = {}): Promise<User> {
  hash ??= hashPassword('irrelevant-password');
  return User.create({
    username: `store-user-${++n}`,
    displayName: 'Store user',
    passwordHash: await hash,
    role: 'official',
    disabledAt: null,
    ...attrs,
  });
}

function record(id: string, userId: number, createdAt = T0): SessionRecord {
  return {
    id,
    userId,
    createdAt,
    lastSeenAt: createdAt,
    expiresAt: new Date(createdAt.getTime() + ABSOLUTE_TIMEOUT_MS),
    revokedAt: null,
    ip: '203.0.113.9',
    userAgent: 'mocha',
  };
}

for (const variant of STORE_VARIANTS()) {
  describe(`auth stores: ${variant.name}`, () => {
    useTestDatabase();
    variant.setUp();

    describe('session store', () => {
      let store: SessionStore;
      beforeEach(() => {
        store = variant.sessionStore();
      });

      it('finds what it stored, and nothing for an unknown id', async () => {
        const u = await user();
        const id = sessionIdOf(`token-${n}-${variant.name}`);
        await store.create(record(id, u.id));
        const found = await store.find(id);
        expect(found).to.include({ id, userId: u.id, ip: '203.0.113.9', userAgent: 'mocha' });
        expect(found?.createdAt.getTime()).to.equal(T0.getTime());
        expect(found?.expiresAt.getTime()).to.equal(T0.getTime() + ABSOLUTE_TIMEOUT_MS);
        expect(found?.revokedAt).to.equal(null);
        expect(await store.find(sessionIdOf('never issued'))).to.equal(null);
      });

      it('touches forward only, and never brings a revoked session back', async () => {
        const u = await user();
        const id = sessionIdOf(`touch-${n}-${variant.name}`);
        await store.create(record(id, u.id));
        await store.touch(id, at(5));
        expect((await store.find(id))?.lastSeenAt.getTime()).to.equal(at(5).getTime());
        await store.touch(id, at(2));
        expect((await store.find(id))?.lastSeenAt.getTime()).to.equal(at(5).getTime());
        expect(await store.revoke(id, at(6))).to.equal(true);
        expect(await store.revoke(id, at(7))).to.equal(false);
        await store.touch(id, at(8));
        const after = await store.find(id);
        expect(after === null || after.revokedAt !== null).to.equal(true);
      });

      it("revokes every session of one user and none of another's", async () => {
        const [a, b] = [await user(), await user()];
        const ids = [1, 2, 3].map((i) => sessionIdOf(`a-${i}-${n}-${variant.name}`));
        for (const id of ids) await store.create(record(id, a.id));
        const other = sessionIdOf(`b-${n}-${variant.name}`);
        await store.create(record(other, b.id));
        expect(await store.revokeUser(a.id, at(1))).to.equal(3);
        for (const id of ids) {
          const s = await store.find(id);
          expect(s === null || s.revokedAt !== null).to.equal(true);
        }
        expect((await store.find(other))?.revokedAt).to.equal(null);
        expect(await store.revokeUser(a.id, at(2))).to.equal(0);
      });

      it('forgets every session of every user at once (a reset database reuses user ids)', async () => {
        const [a, b] = [await user(), await user()];
        const ids = [a.id, a.id, b.id].map((userId, i) => {
          const id = sessionIdOf(`forget-${i}-${n}-${variant.name}`);
          return { id, userId };
        });
        for (const { id, userId } of ids) await store.create(record(id, userId));
        await store.forgetAll();
        for (const { id } of ids) expect(await store.find(id)).to.equal(null);
        expect(await store.revokeUser(a.id, at(1))).to.equal(0);
      });
    });

    describe('sessions over the store', () => {
      let sessions: Sessions;
      beforeEach(() => {
        sessions = new Sessions(variant.sessionStore());
      });

      it('resolve a fresh token to the user, and a tampered or unknown one to null', async () => {
        const u = await user({ role: 'admin' });
        const { token, sessionId } = await sessions.createSession(
          u.id,
          { ip: null, userAgent: 'x'.repeat(400) },
          T0,
        );
        expect(token).to.match(/^[A-Za-z0-9_-]{43}$/);
        expect(sessionId).to.equal(sessionIdOf(token));
        const resolved = await sessions.resolveSession(token, at(1));
        expect(resolved?.user).to.deep.equal({
          id: u.id,
          username: u.username,
          displayName: u.displayName,
          role: 'admin',
          siteIds: [],
        });
        const tampered = (token[0] === 'A' ? 'B' : 'A') + token.slice(1);
        expect(await sessions.resolveSession(tampered, at(1))).to.equal(null);
        expect(await sessions.resolveSession(`${token}x`, at(1))).to.equal(null);
        expect(await sessions.resolveSession('', at(1))).to.equal(null);
        // The store keeps the hash and a user agent cut to 255 characters, never the token.
        const stored = await sessions.store.find(sessionId);
        expect(stored?.userAgent).to.have.length(255);
        expect(JSON.stringify(stored)).not.to.contain(token);
      });

      it('end after 30 idle minutes, and activity (written once a minute) keeps them alive', async () => {
        const u = await user();
        const { token, sessionId } = await sessions.createSession(
          u.id,
          { ip: null, userAgent: null },
          T0,
        );
        expect(await sessions.resolveSession(token, new Date(T0.getTime() + 30_000))).not.to.equal(
          null,
        );
        // Less than a minute since the last write: not written again.
        expect((await sessions.store.find(sessionId))?.lastSeenAt.getTime()).to.equal(T0.getTime());
        expect(await sessions.resolveSession(token, at(29))).not.to.equal(null);
        expect((await sessions.store.find(sessionId))?.lastSeenAt.getTime()).to.equal(
          at(29).getTime(),
        );
        expect(await sessions.resolveSession(token, at(58))).not.to.equal(null);
        expect(
          await sessions.resolveSession(token, new Date(at(58).getTime() + IDLE_TIMEOUT_MS)),
        ).to.equal(null);
      });

      it('end 12 hours after sign-in however active', async () => {
        const u = await user();
        const { token } = await sessions.createSession(u.id, { ip: null, userAgent: null }, T0);
        for (let minutes = 20; minutes < 12 * 60; minutes += 20) {
          expect(await sessions.resolveSession(token, at(minutes)), `at ${minutes}`).not.to.equal(
            null,
          );
        }
        expect(await sessions.resolveSession(token, at(12 * 60))).to.equal(null);
      });

      it("end when revoked, when the user's sessions are revoked, or the user is disabled", async () => {
        const u = await user();
        const one = await sessions.createSession(u.id, { ip: null, userAgent: null }, T0);
        const two = await sessions.createSession(u.id, { ip: null, userAgent: null }, T0);
        const three = await sessions.createSession(u.id, { ip: null, userAgent: null }, T0);
        expect(await sessions.revokeSession(one.sessionId, at(1))).to.equal(true);
        expect(await sessions.resolveSession(one.token, at(1))).to.equal(null);
        expect(await sessions.resolveSession(two.token, at(1))).not.to.equal(null);
        await u.update({ disabledAt: at(2) });
        expect(await sessions.resolveSession(two.token, at(2))).to.equal(null);
        await u.update({ disabledAt: null });
        expect(await sessions.resolveSession(two.token, at(3))).not.to.equal(null);
        expect(await sessions.revokeUserSessions(u.id, at(4))).to.equal(2);
        expect(await sessions.resolveSession(two.token, at(4))).to.equal(null);
        expect(await sessions.resolveSession(three.token, at(4))).to.equal(null);
      });
    });

    describe('login-failure store', () => {
      let store: LoginThrottleStore;
      const key = () => `user:throttle-${variant.name}-${n}`;
      beforeEach(() => {
        store = variant.throttleStore();
        n++;
      });

      it('counts like afterFailure: a lock at the limit, a new window after it', async () => {
        const k = key();
        expect(await store.read(k)).to.equal(null);
        let expected: ThrottleState | null = null;
        for (const minute of [0, 1, 2, 3, 4, 10, 40, 41]) {
          expected = afterFailure(expected, ACCOUNT_RULE, at(minute));
          const got = await store.recordFailure(k, ACCOUNT_RULE, at(minute));
          expect(got, `failure at minute ${minute}`).to.deep.equal(expected);
          expect(await store.read(k)).to.deep.equal(expected);
        }
        // Minute 4 was the fifth failure: locked until 19; minute 10 kept that lock running and
        // extended it; minute 40 opened a new window.
        expect(expected?.failures).to.equal(2);
        await store.clear(k);
        expect(await store.read(k)).to.equal(null);
      });

      it('forgets every counter at once', async () => {
        const keys = [key(), `ip:203.0.113.${n % 250}`];
        for (const k of keys) await store.recordFailure(k, ACCOUNT_RULE, at(0));
        await store.forgetAll();
        for (const k of keys) expect(await store.read(k)).to.equal(null);
      });

      it('counts concurrent failures one by one (shared by every process)', async () => {
        const k = key();
        const rule = { limit: 100, windowMs: 15 * 60_000, lockMs: 15 * 60_000 };
        await Promise.all(Array.from({ length: 12 }, () => store.recordFailure(k, rule, at(1))));
        expect((await store.read(k))?.failures).to.equal(12);
      });
    });
  });
}
