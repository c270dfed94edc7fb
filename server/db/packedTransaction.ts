/**
 * Fewer round trips per MySQL transaction: `START TRANSACTION` travels with the transaction's
 * first statement instead of alone, and `COMMIT` may travel with its last batch. Sequelize still
 * drives every transaction; this only changes when its START and COMMIT reach the server.
 * Installed on each pooled connection (db/sequelize.ts):
 *
 * - Sequelize's `START TRANSACTION;` is answered here, and remembered;
 * - the next text query on the connection goes out as `START TRANSACTION; <query>` (one packet,
 *   the server runs them in order) and its caller gets only its own result; a prepared statement
 *   is preceded by the START on its own (as before);
 * - a `COMMIT;` or `ROLLBACK;` while the START is still pending ends a transaction that never
 *   reached the server: answered here too;
 * - after a statement batch that ended with COMMIT itself (`StatementBatch.run(t, { commit:
 *   true })`, which calls `committedAhead`), Sequelize's `COMMIT;` is answered here.
 *
 * A placement (START, one read batch, one write batch, COMMIT) thus costs two round trips for
 * its transaction instead of four.
 */
import { EventEmitter } from 'node:events';
import { getLogger } from '../logging/logger';

const log = getLogger('db');

type Callback = (error: Error | null, results?: unknown, fields?: unknown) => void;

export interface DeferrableConnection {
  query(...args: unknown[]): unknown;
  execute(...args: unknown[]): unknown;
}

const START = /^\s*START TRANSACTION;?\s*$/i;
const END = /^\s*(COMMIT|ROLLBACK);?\s*$/i;

const OK = { affectedRows: 0, insertId: 0, warningStatus: 0 };

/** What the caller gets for a statement answered here: a command-like emitter, its callback later. */
function answerHere(callback: Callback | undefined): EventEmitter {
  process.nextTick(() => callback?.(null, OK, undefined));
  return new EventEmitter();
}

function sqlOf(arg: unknown): string | null {
  if (typeof arg === 'string') return arg;
  if (arg && typeof arg === 'object' && typeof (arg as { sql?: unknown }).sql === 'string') {
    return (arg as { sql: string }).sql;
  }
  return null;
}

/** Connections whose open transaction a batch has just committed. */
const committed = new WeakSet<object>();

/** The transaction on `connection` was committed by the batch just run (its last statement). */
export function committedAhead(connection: object): void {
  committed.add(connection);
}

export function packTransactions(connection: DeferrableConnection): void {
  const query = connection.query.bind(connection) as (...args: unknown[]) => unknown;
  const execute = connection.execute.bind(connection) as (...args: unknown[]) => unknown;
  let startPending = false;

  connection.query = (...args: unknown[]) => {
    const sql = sqlOf(args[0]);
    const callback = typeof args.at(-1) === 'function' ? (args.at(-1) as Callback) : undefined;
    if (sql === null || !callback) {
      if (startPending) throw new Error('packTransactions: a query without SQL text or callback');
      return query(...args);
    }
    if (START.test(sql)) {
      startPending = true;
      return answerHere(callback);
    }
    if (committed.has(connection) && END.test(sql)) {
      committed.delete(connection);
      // Nothing may fail between a committing batch and the end of its use case.
      if (/ROLLBACK/i.test(sql))
        log.error('A transaction was rolled back after a batch committed it');
      return answerHere(callback);
    }
    if (!startPending) return query(...args);
    startPending = false;
    if (END.test(sql)) return answerHere(callback);
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
    if (!startPending) return execute(...args);
    startPending = false;
    const callback = typeof args.at(-1) === 'function' ? (args.at(-1) as Callback) : undefined;
    const emitter = new EventEmitter();
    query('START TRANSACTION', (error: Error | null) => {
      if (error) return callback?.(error);
      execute(...args);
    });
    return emitter;
  };
}
