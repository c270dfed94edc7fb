/**
 * Sessions and login-failure counters in Redis, used when REDIS_URL is set. Every process reads
 * the same keys on every request, so a revocation (a deleted key) is seen at once everywhere.
 *
 * Keys (under a prefix, `haven:` by default):
 * - `session:<sha256 of token>`: hash of the session; expires with the session's absolute end;
 * - `user-sessions:<userId>`: set of that user's session ids, to revoke them all;
 * - `login:<user:name | ip:address>`: hash of a failure counter, updated by one Lua script.
 * Time-outs are checked against the app's clock (injected in tests); Redis TTLs only collect the
 * garbage, and are relative durations so they do not depend on that clock.
 */
import { Redis } from 'ioredis';
import { getLogger } from '../logging/logger';
import type { LoginThrottleStore, ThrottleRule, ThrottleState } from './loginThrottle';
import type { SessionRecord, SessionStore } from './sessionStore';

const log = getLogger('app');

export const DEFAULT_REDIS_PREFIX = 'haven:';

/** A client for the stores: fails a command after a few reconnection attempts, logs errors once. */
export function createRedisClient(url: string, options: { lazyConnect?: boolean } = {}): Redis {
  const client = new Redis(url, {
    maxRetriesPerRequest: 2,
    lazyConnect: options.lazyConnect ?? false,
  });
  let reported = false;
  client.on('error', (error: Error) => {
    if (reported) return;
    reported = true;
    log.error('Redis connection error', { error });
  });
  client.on('ready', () => {
    reported = false;
  });
  return client;
}

/** Deletes the keys matching a pattern, scanning in batches (never KEYS on a shared server). */
async function deleteMatching(client: Redis, pattern: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await client.scan(cursor, 'MATCH', pattern, 'COUNT', 500);
    if (keys.length) await client.del(...keys);
    cursor = next;
  } while (cursor !== '0');
}

const ms = (d: Date) => String(d.getTime());
const date = (v: string | undefined) => (v ? new Date(Number(v)) : null);

/** Sets lastSeenAt only on a session that still exists (a revoked one is deleted). */
const TOUCH_SCRIPT = `
if redis.call('EXISTS', KEYS[1]) == 1 then
  local seen = tonumber(redis.call('HGET', KEYS[1], 'lastSeenAt') or '0')
  if seen < tonumber(ARGV[1]) then redis.call('HSET', KEYS[1], 'lastSeenAt', ARGV[1]) end
  return 1
end
return 0`;

export class RedisSessionStore implements SessionStore {
  readonly kind = 'redis' as const;

  constructor(
    readonly client: Redis,
    readonly prefix = DEFAULT_REDIS_PREFIX,
  ) {}

  private sessionKey = (id: string) => `${this.prefix}session:${id}`;
  private userKey = (userId: number) => `${this.prefix}user-sessions:${userId}`;

  async forgetAll(): Promise<void> {
    await deleteMatching(this.client, `${this.prefix}session:*`);
    await deleteMatching(this.client, `${this.prefix}user-sessions:*`);
  }

  async create(record: SessionRecord): Promise<void> {
    const ttl = Math.max(1, record.expiresAt.getTime() - record.createdAt.getTime());
    const key = this.sessionKey(record.id);
    await this.client
      .multi()
      .hset(key, {
        userId: String(record.userId),
        createdAt: ms(record.createdAt),
        lastSeenAt: ms(record.lastSeenAt),
        expiresAt: ms(record.expiresAt),
        ip: record.ip ?? '',
        userAgent: record.userAgent ?? '',
      })
      .pexpire(key, ttl)
      .sadd(this.userKey(record.userId), record.id)
      // The newest session lives longest: the index lives as long as it.
      .pexpire(this.userKey(record.userId), ttl)
      .exec();
  }

  async find(id: string): Promise<SessionRecord | null> {
    const h = await this.client.hgetall(this.sessionKey(id));
    if (!h.userId || !h.createdAt || !h.lastSeenAt || !h.expiresAt) return null;
    return {
      id,
      userId: Number(h.userId),
      createdAt: date(h.createdAt)!,
      lastSeenAt: date(h.lastSeenAt)!,
      expiresAt: date(h.expiresAt)!,
      revokedAt: null,
      ip: h.ip || null,
      userAgent: h.userAgent || null,
    };
  }

  async touch(id: string, at: Date): Promise<void> {
    await this.client.eval(TOUCH_SCRIPT, 1, this.sessionKey(id), ms(at));
  }

  async revoke(id: string): Promise<boolean> {
    const key = this.sessionKey(id);
    const userId = await this.client.hget(key, 'userId');
    const removed = await this.client.del(key);
    if (userId) await this.client.srem(this.userKey(Number(userId)), id);
    return removed > 0;
  }

  async revokeUser(userId: number): Promise<number> {
    const ids = await this.client.smembers(this.userKey(userId));
    if (ids.length === 0) return 0;
    const results = await this.client
      .multi()
      .del(...ids.map(this.sessionKey))
      .srem(this.userKey(userId), ...ids)
      .exec();
    return Number(results?.[0]?.[1] ?? 0);
  }
}

/** `afterFailure` of loginThrottle.ts, atomically in Redis. Returns failures, firstAt, lockedUntil. */
const FAILURE_SCRIPT = `
local now = tonumber(ARGV[1])
local limit = tonumber(ARGV[2])
local window = tonumber(ARGV[3])
local lock = tonumber(ARGV[4])
local v = redis.call('HMGET', KEYS[1], 'failures', 'firstAt', 'lockedUntil')
local failures = tonumber(v[1])
local firstAt = tonumber(v[2])
local lockedUntil = tonumber(v[3]) or 0
if failures == nil or firstAt == nil or now - firstAt >= window then
  failures = 0
  firstAt = now
end
if lockedUntil <= now then lockedUntil = 0 end
failures = failures + 1
if failures >= limit then lockedUntil = now + lock end
local f = string.format('%d', failures)
local a = string.format('%.0f', firstAt)
local l = string.format('%.0f', lockedUntil)
redis.call('HSET', KEYS[1], 'failures', f, 'firstAt', a, 'lockedUntil', l)
redis.call('PEXPIRE', KEYS[1], ARGV[5])
return {f, a, l}`;

export class RedisThrottleStore implements LoginThrottleStore {
  readonly kind = 'redis' as const;

  constructor(
    readonly client: Redis,
    readonly prefix = DEFAULT_REDIS_PREFIX,
  ) {}

  private key = (key: string) => `${this.prefix}login:${key}`;

  async forgetAll(): Promise<void> {
    await deleteMatching(this.client, `${this.prefix}login:*`);
  }

  async read(key: string): Promise<ThrottleState | null> {
    const [failures, firstAt, lockedUntil] = await this.client.hmget(
      this.key(key),
      'failures',
      'firstAt',
      'lockedUntil',
    );
    if (!failures || !firstAt) return null;
    return toState(failures, firstAt, lockedUntil);
  }

  async recordFailure(key: string, rule: ThrottleRule, now: Date): Promise<ThrottleState> {
    // Kept until the window and a lock started by this failure are both over.
    const ttl = rule.windowMs + rule.lockMs;
    const [failures, firstAt, lockedUntil] = (await this.client.eval(
      FAILURE_SCRIPT,
      1,
      this.key(key),
      ms(now),
      String(rule.limit),
      String(rule.windowMs),
      String(rule.lockMs),
      String(ttl),
    )) as [string, string, string];
    return toState(failures, firstAt, lockedUntil);
  }

  async clear(key: string): Promise<void> {
    await this.client.del(this.key(key));
  }
}

function toState(failures: string, firstAt: string, lockedUntil: string | null): ThrottleState {
  const until = Number(lockedUntil ?? 0);
  return {
    failures: Number(failures),
    firstAt: new Date(Number(firstAt)),
    lockedUntil: until > 0 ? new Date(until) : null,
  };
}
