/**
 * Which stores hold sessions and login failures: the database by default, Redis when REDIS_URL
 * is set (one client per URL per process, shared by every app built in it).
 */
import type { Redis } from 'ioredis';
import type { Config } from '../config';
import { DatabaseSessionStore, DatabaseThrottleStore } from './databaseStores';
import { LoginThrottle } from './loginThrottle';
import { createRedisClient, RedisSessionStore, RedisThrottleStore } from './redisStores';
import { Sessions } from './sessions';

export interface AuthStores {
  sessions: Sessions;
  throttle: LoginThrottle;
}

let databaseStores: AuthStores | null = null;
const redisStores = new Map<string, { client: Redis; stores: AuthStores }>();

const overrides = new Map<string, AuthStores>();

/**
 * Puts given stores behind a REDIS_URL (tests: Redis stores under a key prefix of their own, so
 * runs sharing a Redis server do not meet). Apps built afterwards with that URL use them.
 */
export function setAuthStores(redisUrl: string, stores: AuthStores): void {
  overrides.set(redisUrl, stores);
}

export function authStoresFor(config: Pick<Config, 'redisUrl'>): AuthStores {
  const override = config.redisUrl ? overrides.get(config.redisUrl) : undefined;
  if (override) return override;
  if (!config.redisUrl) {
    databaseStores ??= {
      sessions: new Sessions(new DatabaseSessionStore()),
      throttle: new LoginThrottle(new DatabaseThrottleStore()),
    };
    return databaseStores;
  }
  let entry = redisStores.get(config.redisUrl);
  if (!entry) {
    const client = createRedisClient(config.redisUrl);
    entry = {
      client,
      stores: {
        sessions: new Sessions(new RedisSessionStore(client)),
        throttle: new LoginThrottle(new RedisThrottleStore(client)),
      },
    };
    redisStores.set(config.redisUrl, entry);
  }
  return entry.stores;
}

/** Closes the Redis connections (clean shutdown). */
export async function closeAuthStores(): Promise<void> {
  const entries = [...redisStores.values()];
  redisStores.clear();
  await Promise.all(entries.map((e) => e.client.quit().catch(() => undefined)));
}
