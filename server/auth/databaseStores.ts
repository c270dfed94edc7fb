/**
 * The default stores: sessions and login-failure counters in the application database, written
 * through `inTransaction` like every other write (retries, SQLite's writer queue).
 */
import { Op, UniqueConstraintError, type Sequelize, type Transaction } from 'sequelize';
import { inTransaction, RetryableConflict } from '../db/transaction';
import { LoginFailure, Session } from '../models';
import {
  afterFailure,
  type LoginThrottleStore,
  type ThrottleRule,
  type ThrottleState,
} from './loginThrottle';
import type { SessionRecord, SessionStore, StoreOptions } from './sessionStore';

/** How often (per process) a write also sweeps rows that are of no use any more. */
const PURGE_EVERY_MS = 10 * 60_000;
/** Counters whose window opened this long ago are over, whatever the rule (unless still locked). */
const STALE_COUNTER_MS = 24 * 60 * 60_000;

function sequelizeOf(): Sequelize {
  const sequelize = Session.sequelize;
  if (!sequelize) throw new Error('Models are not initialised: open the database first');
  return sequelize;
}

/** Runs `work` in the caller's transaction, or in a new one. */
function write<T>(options: StoreOptions, work: (t: Transaction) => Promise<T>): Promise<T> {
  return options.transaction ? work(options.transaction) : inTransaction(sequelizeOf(), work);
}

const toRecord = (s: Session): SessionRecord => ({
  id: s.id,
  userId: s.userId,
  createdAt: new Date(s.createdAt),
  lastSeenAt: new Date(s.lastSeenAt),
  expiresAt: new Date(s.expiresAt),
  revokedAt: s.revokedAt ? new Date(s.revokedAt) : null,
  ip: s.ip,
  userAgent: s.userAgent,
});

export class DatabaseSessionStore implements SessionStore {
  readonly kind = 'database' as const;
  private lastPurge = 0;

  async create(record: SessionRecord, options: StoreOptions = {}): Promise<void> {
    await write(options, async (transaction) => {
      await Session.create({ ...record }, { transaction });
      // Expired and revoked rows are of no use; sweep them now and then, on the way.
      if (record.createdAt.getTime() - this.lastPurge >= PURGE_EVERY_MS) {
        this.lastPurge = record.createdAt.getTime();
        await Session.destroy({
          where: {
            [Op.or]: [
              { expiresAt: { [Op.lt]: record.createdAt } },
              { revokedAt: { [Op.ne]: null } },
            ],
          },
          transaction,
        });
      }
    });
  }

  async forgetAll(): Promise<void> {
    await write({}, async (transaction) => {
      await Session.destroy({ where: {}, transaction });
    });
  }

  async find(id: string): Promise<SessionRecord | null> {
    const row = await Session.findByPk(id);
    return row ? toRecord(row) : null;
  }

  async touch(id: string, at: Date): Promise<void> {
    await write({}, async (transaction) => {
      await Session.update(
        { lastSeenAt: at },
        // Never bring a revoked session back; never move lastSeenAt backwards.
        { where: { id, revokedAt: null, lastSeenAt: { [Op.lt]: at } }, transaction },
      );
    });
  }

  async revoke(id: string, at: Date, options: StoreOptions = {}): Promise<boolean> {
    return write(options, async (transaction) => {
      const [count] = await Session.update(
        { revokedAt: at },
        { where: { id, revokedAt: null }, transaction },
      );
      return count > 0;
    });
  }

  async revokeUser(userId: number, at: Date, options: StoreOptions = {}): Promise<number> {
    return write(options, async (transaction) => {
      const [count] = await Session.update(
        { revokedAt: at },
        { where: { userId, revokedAt: null }, transaction },
      );
      return count;
    });
  }
}

export class DatabaseThrottleStore implements LoginThrottleStore {
  readonly kind = 'database' as const;
  private lastPurge = 0;

  async read(key: string): Promise<ThrottleState | null> {
    const row = await LoginFailure.findByPk(key);
    return row ? toState(row) : null;
  }

  async recordFailure(key: string, rule: ThrottleRule, now: Date): Promise<ThrottleState> {
    return inTransaction(sequelizeOf(), async (transaction) => {
      await this.purge(now, transaction);
      // The row lock makes concurrent failures from several processes count one after another.
      const row = await LoginFailure.findByPk(key, { transaction, lock: transaction.LOCK.UPDATE });
      const next = afterFailure(row ? toState(row) : null, rule, now);
      if (row) {
        await row.update(next, { transaction });
        return next;
      }
      try {
        await LoginFailure.create({ key, ...next }, { transaction });
      } catch (error) {
        // Another process inserted the first failure meanwhile: count again on top of it.
        if (error instanceof UniqueConstraintError) throw new RetryableConflict('login_failures');
        throw error;
      }
      return next;
    });
  }

  async forgetAll(): Promise<void> {
    await inTransaction(sequelizeOf(), async (transaction) => {
      await LoginFailure.destroy({ where: {}, transaction });
    });
  }

  async clear(key: string): Promise<void> {
    await inTransaction(sequelizeOf(), async (transaction) => {
      await LoginFailure.destroy({ where: { key }, transaction });
    });
  }

  /** Deletes day-old counters that hold no lock (a few times an hour per process). */
  private async purge(now: Date, transaction: Transaction): Promise<void> {
    if (now.getTime() - this.lastPurge < PURGE_EVERY_MS) return;
    this.lastPurge = now.getTime();
    await LoginFailure.destroy({
      where: {
        firstAt: { [Op.lt]: new Date(now.getTime() - STALE_COUNTER_MS) },
        [Op.or]: [{ lockedUntil: null }, { lockedUntil: { [Op.lt]: now } }],
      },
      transaction,
    });
  }
}

const toState = (row: LoginFailure): ThrottleState => ({
  failures: row.failures,
  firstAt: new Date(row.firstAt),
  lockedUntil: row.lockedUntil ? new Date(row.lockedUntil) : null,
});
