/**
 * Redis for the tests of the Redis stores: 127.0.0.1:6379 unless TEST_REDIS_URL says otherwise.
 * Unreachable outside CI: those tests are skipped, loudly. With CI=true: they fail.
 * Each run works under a key prefix of its own and deletes its keys afterwards.
 */
import crypto from 'node:crypto';
import { Redis } from 'ioredis';
import { loadConfig, type Config } from '../../server/config';
import { DatabaseSessionStore, DatabaseThrottleStore } from '../../server/auth/databaseStores';
import { LoginThrottle, type LoginThrottleStore } from '../../server/auth/loginThrottle';
import { RedisSessionStore, RedisThrottleStore } from '../../server/auth/redisStores';
import type { SessionStore } from '../../server/auth/sessionStore';
import { Sessions } from '../../server/auth/sessions';
import { setAuthStores, type AuthStores } from '../../server/auth/stores';

export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

let warned = false;

/** Connects before the suite (or skips/fails it), removes the run's keys after it. */
export function useTestRedis(): { client: () => Redis; prefix: string } {
  const prefix = `haven-test-${crypto.randomBytes(6).toString('hex')}:`;
  let client: Redis | null = null;
  before(async function () {
    const candidate = new Redis(TEST_REDIS_URL, {
      lazyConnect: true,
      connectTimeout: 2000,
      maxRetriesPerRequest: 1,
      retryStrategy: () => null,
    });
    candidate.on('error', () => undefined);
    try {
      await candidate.connect();
      await candidate.ping();
      client = candidate;
    } catch (error) {
      candidate.disconnect();
      const reason = error instanceof Error ? error.message : String(error);
      if (process.env.CI === 'true') {
        throw new Error(`Redis ${TEST_REDIS_URL} unreachable: ${reason}`, { cause: error });
      }
      if (!warned) {
        warned = true;
        console.warn(
          `\n!!! REDIS ${TEST_REDIS_URL} IS NOT REACHABLE (${reason}).\n` +
            '!!! Every Redis store test is SKIPPED. Start Redis, or run with CI=true to fail.\n',
        );
      }
      this.skip();
    }
  });
  after(async () => {
    if (!client) return;
    let cursor = '0';
    do {
      const [next, keys] = await client.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      if (keys.length) await client.del(...keys);
      cursor = next;
    } while (cursor !== '0');
    await client.quit();
  });
  return {
    client: () => {
      if (!client) throw new Error('Redis not connected');
      return client;
    },
    prefix,
  };
}

/** One kind of store, for suites that run the same tests against both. */
export interface StoreVariant {
  name: 'database' | 'redis';
  /** Call at suite level: connects Redis for the redis variant. */
  setUp(): void;
  sessionStore(): SessionStore;
  throttleStore(): LoginThrottleStore;
  /** A test-app configuration whose apps use this variant's stores. */
  config(): Config;
}

const baseConfig = () => loadConfig({ NODE_ENV: 'test', DATABASE_URL: 'sqlite::memory:' });

export const databaseVariant: StoreVariant = {
  name: 'database',
  setUp: () => undefined,
  sessionStore: () => new DatabaseSessionStore(),
  throttleStore: () => new DatabaseThrottleStore(),
  config: baseConfig,
};

export function redisVariant(): StoreVariant {
  let redis: ReturnType<typeof useTestRedis> | null = null;
  let url: string | null = null;
  const variant: StoreVariant = {
    name: 'redis',
    setUp() {
      redis = useTestRedis();
      const r = redis;
      before(() => {
        url = `${TEST_REDIS_URL}#${r.prefix}`;
        const stores: AuthStores = {
          sessions: new Sessions(new RedisSessionStore(r.client(), r.prefix)),
          throttle: new LoginThrottle(new RedisThrottleStore(r.client(), r.prefix)),
        };
        setAuthStores(url, stores);
      });
    },
    sessionStore: () => new RedisSessionStore(redis!.client(), redis!.prefix),
    throttleStore: () => new RedisThrottleStore(redis!.client(), redis!.prefix),
    config: () => ({ ...baseConfig(), redisUrl: url }),
  };
  return variant;
}

export const STORE_VARIANTS = (): StoreVariant[] => [databaseVariant, redisVariant()];
