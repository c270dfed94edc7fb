/**
 * Every write goes through `inTransaction`: one managed transaction, committed when `work`
 * resolves and rolled back when it throws, retried whole (never one statement) when the database
 * reports a deadlock, a lock wait time-out, a snapshot conflict or SQLite's busy lock.
 *
 * On SQLite the transaction is IMMEDIATE: it takes the database's write lock at BEGIN, so two
 * writers never interleave — the guarantee holds across processes because SQLite enforces it.
 * On MySQL the isolation is READ COMMITTED and contended rows are locked (and written) first.
 * Inside one process, SQLite writers also queue on a promise chain first; that only spares the
 * driver's small thread pool from busy-waiting connections (it is not what keeps data correct).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { Transaction, type Sequelize } from 'sequelize';
import { serviceUnavailable } from '../errors';
import { getLogger } from '../logging/logger';

const log = getLogger('db');

export const MAX_ATTEMPTS = 5;
const BASE_BACKOFF_MS = 15;

/** MySQL/MariaDB: 1213 deadlock, 1205 lock wait time-out, 1020 record changed (MariaDB 11.6+). */
const RETRYABLE_MYSQL_CODES = new Set([1213, 1205, 1020]);

interface DriverError {
  errno?: number;
  code?: string;
}

/** Thrown by a use case that found its reads overtaken by a concurrent commit: run it again. */
export class RetryableConflict extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RetryableConflict';
  }
}

export function isRetryable(error: unknown): boolean {
  if (error instanceof RetryableConflict) return true;
  const parent = (error as { parent?: DriverError; original?: DriverError } | null)?.parent;
  const driver: DriverError | undefined = parent ?? (error as DriverError | undefined);
  if (!driver) return false;
  if (driver.errno !== undefined && RETRYABLE_MYSQL_CODES.has(driver.errno)) return true;
  return driver.code === 'SQLITE_BUSY' || driver.code === 'SQLITE_LOCKED';
}

const sqliteQueues = new WeakMap<Sequelize, Promise<unknown>>();

function queueSqliteWriter<T>(sequelize: Sequelize, run: () => Promise<T>): Promise<T> {
  const previous = sqliteQueues.get(sequelize) ?? Promise.resolve();
  const result = previous.then(run, run);
  sqliteQueues.set(
    sequelize,
    result.catch(() => undefined),
  );
  return result;
}

export interface TransactionOptions {
  /** Attempts before giving up with 503 (default MAX_ATTEMPTS). */
  attempts?: number;
  /** Called when each attempt has ended (committed, rolled back or failed), before any retry. */
  afterAttempt?: () => void;
}

export async function inTransaction<T>(
  sequelize: Sequelize,
  work: (transaction: Transaction) => Promise<T>,
  options: TransactionOptions = {},
): Promise<T> {
  const attempts = options.attempts ?? MAX_ATTEMPTS;
  const sqlite = sequelize.getDialect() === 'sqlite';
  const once = () =>
    sequelize.transaction(
      // MySQL: READ COMMITTED, set on every connection (db/sequelize.ts): each statement sees the
      // latest committed rows, so a check made after taking a row lock reads what the previous
      // lock holder wrote (REPEATABLE READ would show the old snapshot).
      { type: Transaction.TYPES.IMMEDIATE },
      (transaction) => work(transaction),
    );
  for (let attempt = 1; ; attempt++) {
    try {
      return await (sqlite ? queueSqliteWriter(sequelize, once) : once()).finally(
        options.afterAttempt,
      );
    } catch (error) {
      if (!isRetryable(error)) throw error;
      if (attempt >= attempts) {
        log.warn('Transaction gave up after retries', { attempts });
        throw serviceUnavailable(
          'The database is busy with conflicting changes. Retry shortly.',
          1,
        );
      }
      // Exponential backoff with jitter, so the contenders do not collide again in step.
      const delay = BASE_BACKOFF_MS * 2 ** (attempt - 1) * (0.5 + Math.random());
      log.debug('Retrying transaction', { attempt, delayMs: Math.round(delay) });
      await sleep(delay);
    }
  }
}
