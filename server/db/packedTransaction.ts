/**
 * Fewer round trips per MySQL transaction: `START TRANSACTION` travels with the transaction's
 * first statement instead of alone, and `COMMIT` may travel with its last batch. Sequelize still
 * drives every transaction; this only changes when its START and COMMIT reach the server.
 *
 * - `packTransactionCommands` (once per Sequelize instance) answers Sequelize's start of a
 *   top-level transaction here: the connection is marked, and nothing is sent (no query object
 *   either — building two per placement cost ~5 % of its CPU);
 * - `packTransactions` (on each pooled connection, db/sequelize.ts) sends the next text query on a
 *   marked connection as `START TRANSACTION; <query>` (one packet, run in order) and gives its
 *   caller only its own result; a prepared statement is preceded by the START on its own;
 * - a commit or rollback of a transaction whose START never left is answered here too, and so is
 *   the commit after a statement batch that ended with COMMIT itself (`StatementBatch.run(t,
 *   { commit: true })`, which calls `committedAhead`).
 *
 * A placement (START, one read batch, one write batch, COMMIT) thus costs two round trips for
 * its transaction instead of four.
 */
import { EventEmitter } from 'node:events';
import type { Sequelize, Transaction } from 'sequelize';
import { getLogger } from '../logging/logger';

const log = getLogger('db');

type Callback = (error: Error | null, results?: unknown, fields?: unknown) => void;

export interface DeferrableConnection {
  query(...args: unknown[]): unknown;
  execute(...args: unknown[]): unknown;
}

/** Connections wrapped by packTransactions. */
const packed = new WeakSet<object>();
/** Connections whose transaction began but whose START has not left yet. */
const startPending = new WeakSet<object>();
/** Connections whose open transaction a batch has just committed. */
const committed = new WeakSet<object>();

function sqlOf(arg: unknown): string | null {
  if (typeof arg === 'string') return arg;
  if (arg && typeof arg === 'object' && typeof (arg as { sql?: unknown }).sql === 'string') {
    return (arg as { sql: string }).sql;
  }
  return null;
}

/** The transaction on `connection` was committed by the batch just run (its last statement). */
export function committedAhead(connection: object): void {
  committed.add(connection);
}

/** A transaction began on a packed connection: its START leaves with the next statement. */
export function deferStart(connection: object): void {
  startPending.add(connection);
}

/**
 * Whether the end of the connection's transaction needs no round trip: its START never left (it
 * ran no statement), or a batch already committed it. Clears what it read.
 */
export function endsWithoutServer(connection: object, end: 'commit' | 'rollback'): boolean {
  if (committed.has(connection)) {
    committed.delete(connection);
    // Nothing may fail between a committing batch and the end of its use case.
    if (end === 'rollback') log.error('A transaction was rolled back after a batch committed it');
    return true;
  }
  if (startPending.has(connection)) {
    startPending.delete(connection);
    return true;
  }
  return false;
}

export function packTransactions(connection: DeferrableConnection): void {
  const query = connection.query.bind(connection) as (...args: unknown[]) => unknown;
  const execute = connection.execute.bind(connection) as (...args: unknown[]) => unknown;
  packed.add(connection);

  connection.query = (...args: unknown[]) => {
    if (!startPending.has(connection)) return query(...args);
    const sql = sqlOf(args[0]);
    const callback = typeof args.at(-1) === 'function' ? (args.at(-1) as Callback) : undefined;
    if (sql === null || !callback) {
      throw new Error('packTransactions: a query without SQL text or callback');
    }
    startPending.delete(connection);
    const withStart = `START TRANSACTION;\n${sql}`;
    const first =
      typeof args[0] === 'string' ? withStart : { ...(args[0] as object), sql: withStart };
    return query(
      first,
      ...args.slice(1, -1),
      (error: Error | null, results: unknown, fields: unknown) => {
        if (error) return callback(error);
        // Two results for one statement, n + 1 for a batch of n: drop the START's.
        const list = results as unknown[];
        const own = list.length === 2 ? list[1] : list.slice(1);
        const ownFields = Array.isArray(fields)
          ? list.length === 2
            ? fields[1]
            : fields.slice(1)
          : fields;
        callback(null, own, ownFields);
      },
    );
  };

  connection.execute = (...args: unknown[]) => {
    if (!startPending.has(connection)) return execute(...args);
    startPending.delete(connection);
    const callback = typeof args.at(-1) === 'function' ? (args.at(-1) as Callback) : undefined;
    const emitter = new EventEmitter();
    query('START TRANSACTION', (error: Error | null) => {
      if (error) return callback?.(error);
      execute(...args);
    });
    return emitter;
  };
}

type TransactionWithConnection = Transaction & { parent?: unknown; connection?: object };

/** The connection of a top-level transaction on a packed connection, else null. */
function packedConnectionOf(transaction: Transaction): object | null {
  const t = transaction as TransactionWithConnection;
  return !t.parent && t.connection && packed.has(t.connection) ? t.connection : null;
}

/**
 * Answers Sequelize's START, COMMIT and ROLLBACK of top-level transactions on packed connections
 * here when nothing needs to reach the server (savepoints and everything else go on as before).
 */
export function packTransactionCommands(sequelize: Sequelize): void {
  const qi = sequelize.getQueryInterface();
  const start = qi.startTransaction.bind(qi);
  const commit = qi.commitTransaction.bind(qi);
  const rollback = qi.rollbackTransaction.bind(qi);
  qi.startTransaction = async (transaction, options) => {
    const connection = packedConnectionOf(transaction);
    if (!connection) return start(transaction, options);
    deferStart(connection);
  };
  qi.commitTransaction = async (transaction, options) => {
    const connection = packedConnectionOf(transaction);
    if (!connection || !endsWithoutServer(connection, 'commit')) {
      return commit(transaction, options);
    }
    (transaction as { finished?: string }).finished = 'commit';
  };
  qi.rollbackTransaction = async (transaction, options) => {
    const connection = packedConnectionOf(transaction);
    if (!connection || !endsWithoutServer(connection, 'rollback')) {
      return rollback(transaction, options);
    }
    (transaction as { finished?: string }).finished = 'rollback';
  };
}
