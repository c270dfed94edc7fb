/**
 * What each statement costs the database, per response (`BENCH_STATEMENTS=1`, a local MariaDB or
 * MySQL): the server's slow query log at `long_query_time = 0`, switched on around one run and
 * grouped by statement shape (literals and numbers taken out). At concurrency 1 nothing waits on
 * a lock, so a statement's `Query_time` is the server's work on it.
 *
 * MariaDB logs a connection's statements only if the log was on, at `long_query_time = 0`, when
 * the connection opened (checked on 10.11: one opened while it was off never logs). So the log is
 * on, into a scratch file, from `prepareStatementLog` until the servers under test have opened
 * their pools (`connected`, after the warm-up); from then on it is switched on and off around
 * each logged run. Everything is put back at the end; a bench killed before that leaves the
 * log on: `SET GLOBAL slow_query_log = 0; SET GLOBAL long_query_time = 10` puts it back.
 */
import fs from 'node:fs';
import type { Sequelize } from 'sequelize';
import { QueryTypes } from 'sequelize';
import { fmt, table } from './lib';

interface Saved {
  slow_query_log: string;
  slow_query_log_file: string;
  long_query_time: string;
}

export interface StatementLog {
  /** The servers' pools are open: stop logging until a run is measured. */
  connected(): Promise<void>;
  /** Logs the statements `during` sends: its result, and their cost per shape. */
  measure<T>(during: () => Promise<T>): Promise<{ result: T; costs: StatementCost[] }>;
  /** Puts the server's settings back. */
  restore(): Promise<void>;
}

export interface StatementCost {
  shape: string;
  count: number;
  totalMs: number;
}

async function variable(sequelize: Sequelize, name: keyof Saved): Promise<string> {
  const [row] = await sequelize.query<{ value: string | number }>(
    `SELECT @@GLOBAL.${name} AS value`,
    {
      type: QueryTypes.SELECT,
    },
  );
  return String(row.value);
}

export async function prepareStatementLog(sequelize: Sequelize): Promise<StatementLog> {
  const saved: Saved = {
    slow_query_log: await variable(sequelize, 'slow_query_log'),
    slow_query_log_file: await variable(sequelize, 'slow_query_log_file'),
    long_query_time: await variable(sequelize, 'long_query_time'),
  };
  // The database server writes the files (as its own user: into /tmp), this process reads them.
  const fileOf = (name: string) => `/tmp/haven-bench-statements-${process.pid}-${name}.log`;
  const logInto = (file: string) =>
    sequelize.query(`SET GLOBAL slow_query_log_file = ${sequelize.escape(file)}`);
  await sequelize.query('SET GLOBAL slow_query_log = 0');
  await sequelize.query('SET GLOBAL long_query_time = 0');
  await logInto(fileOf('connecting'));
  await sequelize.query('SET GLOBAL slow_query_log = 1');
  let runs = 0;
  return {
    async connected() {
      await sequelize.query('SET GLOBAL slow_query_log = 0');
      fs.rmSync(fileOf('connecting'), { force: true });
    },
    async measure(during) {
      const file = fileOf(String(++runs));
      fs.rmSync(file, { force: true });
      await logInto(file);
      await sequelize.query('SET GLOBAL slow_query_log = 1');
      let result;
      try {
        result = await during();
      } finally {
        await sequelize.query('SET GLOBAL slow_query_log = 0');
      }
      const costs = parseSlowLog(fs.readFileSync(file, 'utf8'));
      fs.rmSync(file, { force: true });
      return { result, costs };
    },
    async restore() {
      await sequelize.query('SET GLOBAL slow_query_log = 0');
      fs.rmSync(fileOf('connecting'), { force: true });
      await sequelize.query(`SET GLOBAL long_query_time = ${Number(saved.long_query_time)}`);
      await sequelize.query(
        `SET GLOBAL slow_query_log_file = ${sequelize.escape(saved.slow_query_log_file)}`,
      );
      await sequelize.query(`SET GLOBAL slow_query_log = ${saved.slow_query_log === '1' ? 1 : 0}`);
    },
  };
}

/** A statement without its values: what one statement of the code looks like in the log. */
function shapeOf(sql: string): string {
  return sql
    .replace(/'(?:[^'\\]|\\.)*'/g, '?')
    .replace(/\b\d+(?:\.\d+)?\b/g, 'N')
    .replace(/N(?:\s*,\s*N)+/g, 'N…')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 90);
}

/** Slow-log entries grouped by shape, most expensive first. */
export function parseSlowLog(text: string): StatementCost[] {
  const byShape = new Map<string, StatementCost>();
  for (const entry of text.split(/\n(?=# Time:|# User@Host:)/)) {
    const time = /# Query_time: ([\d.]+)/.exec(entry);
    if (!time) continue;
    const sql = entry
      .split('\n')
      .filter((l) => l && !l.startsWith('#') && !/^(SET timestamp|use )/.test(l))
      .join(' ');
    const shape = shapeOf(sql);
    const cost = byShape.get(shape) ?? { shape, count: 0, totalMs: 0 };
    cost.count += 1;
    cost.totalMs += Number(time[1]) * 1000;
    byShape.set(shape, cost);
  }
  return [...byShape.values()].sort((a, b) => b.totalMs - a.totalMs);
}

/** The statements sent at least once per two responses, in µs per response. */
export function statementTable(costs: StatementCost[], responses: number): string {
  const rows = costs.filter((c) => c.count * 2 >= responses);
  const total = rows.reduce((sum, c) => sum + c.totalMs, 0);
  return table(
    ['statement', 'per response', 'µs per response'],
    [
      ...rows.map((c) => [
        c.shape,
        fmt(c.count / responses, 2),
        fmt((c.totalMs * 1000) / responses, 0),
      ]),
      ['all of the above', '', fmt((total * 1000) / responses, 0)],
    ],
    [false, true, true],
  );
}
