/**
 * The default stores: sessions and login-failure counters in the application database, written
 * through `inTransaction` like every other write (retries, SQLite's writer queue).
 */
import { Op, QueryTypes, UniqueConstraintError, type Sequelize, type Transaction } from 'sequelize';
import { inTransaction, RetryableConflict } from '../db/transaction';
import { LoginFailure, Session } from '../models';
import {
  afterFailure,
  type LoginThrottleStore,
  type ThrottleRule,
  type ThrottleState,
} from './loginThrottle';
import type { SessionRecord, SessionStore, StoreOptions } from './sessionStore';
import type { UserAccess } from '../queries/users';
import type { Role } from '../../shared/enums';

interface SessionWithUserRow {
  userId: number;
  createdAt: Date | string;
  lastSeenAt: Date | string;
  expiresAt: Date | string;
  revokedAt: Date | string | null;
  ip: string | null;
  userAgent: string | null;
  uId: number | null;
  username: string | null;
  displayName: string | null;
  role: Role | null;
  disabledAt: Date | string | null;
  linkedSiteId: number | null;
}

/**
 * A DATETIME read without a model: MySQL's driver gives a Date already; SQLite gives the text
 * Sequelize wrote ('2026-11-29 14:51:43.645 +00:00').
 */
function storedDate(value: Date | string | null): Date | null {
  if (value === null) return null;
  if (value instanceof Date) return value;
  return new Date(value.replace(' ', 'T').replace(' ', ''));
}

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

  async findWithUser(
    id: string,
  ): Promise<{ session: SessionRecord; access: UserAccess | null } | null> {
    const rows = await sequelizeOf().query<SessionWithUserRow>(
      `SELECT s.userId, s.createdAt, s.lastSeenAt, s.expiresAt, s.revokedAt, s.ip, s.userAgent,
         u.id AS uId, u.username, u.displayName, u.role, u.disabledAt, us.siteId AS linkedSiteId
       FROM sessions s
       LEFT JOIN users u ON u.id = s.userId
       LEFT JOIN user_sites us ON us.userId = u.id
       WHERE s.id = $id`,
      { type: QueryTypes.SELECT, bind: { id } },
    );
    const [first] = rows;
    if (!first) return null;
    const session: SessionRecord = {
      id,
      userId: Number(first.userId),
      createdAt: storedDate(first.createdAt)!,
      lastSeenAt: storedDate(first.lastSeenAt)!,
      expiresAt: storedDate(first.expiresAt)!,
      revokedAt: storedDate(first.revokedAt),
      ip: first.ip,
      userAgent: first.userAgent,
    };
    if (first.uId === null) return { session, access: null };
    return {
      session,
      access: {
        user: {
          id: Number(first.uId),
          username: first.username!,
          displayName: first.displayName!,
          role: first.role!,
          disabledAt: storedDate(first.disabledAt),
        },
        siteIds: rows
          .filter((r) => r.linkedSiteId !== null)
          .map((r) => Number(r.linkedSiteId))
          .sort((a, b) => a - b),
      },
    };
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

/**
 * Counter keys carry what a client typed (`user:<username>`), so every statement binds the key as
 * a parameter: Sequelize's finders splice strings into the SQL text, and SQLite's driver cuts that
 * text at a NUL byte (issue 16 §6: a NUL in a login name gave a 500).
 */
export class DatabaseThrottleStore implements LoginThrottleStore {
  readonly kind = 'database' as const;
  private lastPurge = 0;

  async read(key: string): Promise<ThrottleState | null> {
    return this.select(key);
  }

  async recordFailure(key: string, rule: ThrottleRule, now: Date): Promise<ThrottleState> {
    return inTransaction(sequelizeOf(), async (transaction) => {
      await this.purge(now, transaction);
      // The row lock makes concurrent failures from several processes count one after another.
      const previous = await this.select(key, transaction);
      const next = afterFailure(previous, rule, now);
      if (previous) {
        await sequelizeOf().query(
          `UPDATE login_failures SET failures = $failures, firstAt = $firstAt,
             lockedUntil = $lockedUntil WHERE \`key\` = $key`,
          {
            type: QueryTypes.UPDATE,
            bind: {
              key,
              failures: next.failures,
              firstAt: dateParam(next.firstAt),
              lockedUntil: dateParam(next.lockedUntil),
            },
            transaction,
          },
        );
        return next;
      }
      try {
        // Model.create binds every value it inserts.
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
      await sequelizeOf().query('DELETE FROM login_failures WHERE `key` = $key', {
        type: QueryTypes.DELETE,
        bind: { key },
        transaction,
      });
    });
  }

  /** The counter of `key`, locked for update when read inside a transaction (not on SQLite). */
  private async select(key: string, transaction?: Transaction): Promise<ThrottleState | null> {
    const sequelize = sequelizeOf();
    const lock = transaction && sequelize.getDialect() !== 'sqlite' ? ' FOR UPDATE' : '';
    const [row] = await sequelize.query<{
      failures: number | string;
      firstAt: Date | string;
      lockedUntil: Date | string | null;
    }>(`SELECT failures, firstAt, lockedUntil FROM login_failures WHERE \`key\` = $key${lock}`, {
      type: QueryTypes.SELECT,
      bind: { key },
      transaction,
    });
    if (!row) return null;
    return {
      failures: Number(row.failures),
      firstAt: storedDate(row.firstAt)!,
      lockedUntil: storedDate(row.lockedUntil),
    };
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

/**
 * A timestamp as a bound parameter, in the text Sequelize itself writes for the column (SQLite
 * would store a bare Date as a number, which no date comparison of the purge would match).
 */
function dateParam(value: Date | null): string | null {
  if (value === null) return null;
  const type = LoginFailure.getAttributes().firstAt.type as unknown as {
    stringify(value: Date, options: { timezone?: string }): string;
  };
  // Timestamps are UTC in both dialects (server/db/sequelize.ts).
  return type.stringify(value, { timezone: '+00:00' });
}
