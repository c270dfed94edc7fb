/**
 * Login lockout and rate limit (issue 4 §5): per account, 5 failed logins within 15 minutes lock
 * the account for 15 minutes; per IP address, 20 failed logins within 15 minutes block it for 15
 * minutes. While locked, login answers 429 with Retry-After — even with the right password.
 *
 * The counts live in the database (or Redis when REDIS_URL is set), so every server process sees
 * the same ones. The window is fixed, opened by the first failure: failures older than 15 minutes
 * start a new count. Unknown usernames are counted like real ones, so the lockout does not tell
 * which accounts exist.
 */
export interface ThrottleRule {
  /** Failures within the window that lock the key. */
  limit: number;
  windowMs: number;
  lockMs: number;
}

export interface ThrottleState {
  failures: number;
  /** Start of the current counting window. */
  firstAt: Date;
  lockedUntil: Date | null;
}

/** Counters keyed by `user:<username>` or `ip:<address>`; each failure is counted atomically. */
export interface LoginThrottleStore {
  readonly kind: 'database' | 'redis';
  read(key: string): Promise<ThrottleState | null>;
  /** Counts one failure (applying `afterFailure`) and returns the new state. */
  recordFailure(key: string, rule: ThrottleRule, now: Date): Promise<ThrottleState>;
  clear(key: string): Promise<void>;
  /** Forgets every counter (`db:seed --reset`). */
  forgetAll(): Promise<void>;
}

const MINUTE = 60_000;
export const ACCOUNT_RULE: ThrottleRule = { limit: 5, windowMs: 15 * MINUTE, lockMs: 15 * MINUTE };
export const IP_RULE: ThrottleRule = { limit: 20, windowMs: 15 * MINUTE, lockMs: 15 * MINUTE };

export const accountKey = (username: string) => `user:${username}`;
export const ipKey = (ip: string | null) => `ip:${ip ?? 'unknown'}`;

/**
 * The counter after one more failure: a new window when the last one is over, a lock when the
 * limit is reached (a lock still running is never shortened). Pure; the Redis store runs the same
 * rule in a Lua script, and the shared store test checks both against it.
 */
export function afterFailure(
  previous: ThrottleState | null,
  rule: ThrottleRule,
  now: Date,
): ThrottleState {
  const t = now.getTime();
  const fresh = !previous || t - previous.firstAt.getTime() >= rule.windowMs;
  const failures = fresh ? 1 : previous.failures + 1;
  const firstAt = fresh ? now : previous.firstAt;
  const running =
    previous?.lockedUntil && previous.lockedUntil.getTime() > t ? previous.lockedUntil : null;
  const lockedUntil = failures >= rule.limit ? new Date(t + rule.lockMs) : running;
  return { failures, firstAt, lockedUntil };
}

/** Seconds until the lock ends (rounded up), or null when the state is not locked at `now`. */
export function secondsLocked(state: ThrottleState | null, now: Date): number | null {
  const until = state?.lockedUntil?.getTime();
  if (until === undefined || until <= now.getTime()) return null;
  return Math.ceil((until - now.getTime()) / 1000);
}

export class LoginThrottle {
  constructor(
    readonly store: LoginThrottleStore,
    readonly rules: { account: ThrottleRule; ip: ThrottleRule } = {
      account: ACCOUNT_RULE,
      ip: IP_RULE,
    },
  ) {}

  /** Seconds the caller must wait before trying this account from this address, or null. */
  async retryAfter(username: string, ip: string | null, now: Date): Promise<number | null> {
    const [account, address] = await Promise.all([
      this.store.read(accountKey(username)),
      this.store.read(ipKey(ip)),
    ]);
    return maxOrNull(secondsLocked(account, now), secondsLocked(address, now));
  }

  /** Counts a failed login against the account and the address; returns the wait if now locked. */
  async recordFailure(username: string, ip: string | null, now: Date): Promise<number | null> {
    const account = await this.store.recordFailure(accountKey(username), this.rules.account, now);
    const address = await this.store.recordFailure(ipKey(ip), this.rules.ip, now);
    return maxOrNull(secondsLocked(account, now), secondsLocked(address, now));
  }

  /** A successful login (or an administrator's password reset) clears the account's count. */
  async clearAccount(username: string): Promise<void> {
    await this.store.clear(accountKey(username));
  }
}

function maxOrNull(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return Math.max(a, b);
}
