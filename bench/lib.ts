/**
 * What the benchmarks share: the pinned clock, starting a server script in its own process,
 * creating a MariaDB database, the bench user and its bearer token, percentiles and tables.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import mysql from 'mysql2/promise';
import type { Sequelize } from 'sequelize';
import { hashPassword } from '../server/auth/password';
import { bulkInsert, IdSequence } from '../seeders/bulkInsert';

/** 2026-11-29 10:00 in Asia/Shanghai, as in the tests: "today" is 2026-11-29. */
export const NOW = new Date('2026-11-29T02:00:00Z');
export const TODAY = '2026-11-29';

export const BENCH_USER = { username: 'bench', password: 'bench-password-2026' };

export interface Server {
  base: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/**
 * Runs `node --import tsx <script> …args` and waits for it to print `PORT <n>`. Its stderr goes to
 * `logFile` (warnings of a server under load would drown the tables). Extra node flags (e.g.
 * `--cpu-prof`) come from `nodeFlags`.
 */
export function startServer(
  script: string,
  args: string[],
  options: { logFile: string; nodeFlags?: string[] },
): Promise<Server> {
  const log = fs.openSync(options.logFile, 'w');
  const child = spawn(
    process.execPath,
    [
      ...(options.nodeFlags ?? []),
      '--import',
      'tsx',
      path.join(import.meta.dirname, script),
      ...args,
    ],
    { stdio: ['ignore', 'pipe', log] },
  );
  fs.closeSync(log);
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /PORT (\d+)/.exec(out);
      if (match) resolve({ base: `http://127.0.0.1:${match[1]}`, child, stop });
    });
    child.once('exit', (code) =>
      reject(new Error(`${script} exited with ${code}; see ${options.logFile}`)),
    );
  });
}

/** Creates a MariaDB/MySQL database named in `url` if it is missing. */
export async function ensureMysqlDatabase(url: string): Promise<void> {
  const parsed = new URL(url.replace(/^mariadb:/, 'mysql:'));
  const name = parsed.pathname.slice(1);
  if (!/^\w+$/.test(name)) throw new Error(`Odd database name in ${url}`);
  if (name === 'test' || name === 'test_lead') throw new Error(`${name} belongs to the tests`);
  parsed.pathname = '/';
  const connection = await mysql.createConnection(parsed.toString());
  await connection.query(`CREATE DATABASE IF NOT EXISTS \`${name}\``);
  await connection.end();
}

/** An admin the bench signs in as (created once per database). */
export async function ensureBenchUser(sequelize: Sequelize): Promise<void> {
  const [rows] = await sequelize.query('SELECT id FROM users WHERE username = :username', {
    replacements: { username: BENCH_USER.username },
  });
  if ((rows as unknown[]).length > 0) return;
  const ids = await IdSequence.after(sequelize, 'users');
  await bulkInsert(sequelize, 'users', [
    {
      id: ids.next(),
      username: BENCH_USER.username,
      displayName: 'Benchmark',
      passwordHash: await hashPassword(BENCH_USER.password),
      role: 'admin',
      disabledAt: null,
      createdAt: NOW,
      updatedAt: NOW,
    },
  ]);
}

/** Signs the bench user in over HTTP; returns the bearer token. */
export async function login(base: string): Promise<string> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(BENCH_USER),
  });
  if (res.status !== 200) throw new Error(`login: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}

/**
 * MariaDB/MySQL: ends every query other connections are running in this database (they go on
 * after an HTTP client gave up) and waits until none is left for three polls in a row.
 */
export async function killQueries(sequelize: Sequelize): Promise<void> {
  const database = sequelize.getDatabaseName();
  for (let quiet = 0; quiet < 3;) {
    const [rows] = await sequelize.query(
      `SELECT id FROM information_schema.processlist
       WHERE db = :database AND command = 'Query' AND id <> CONNECTION_ID()`,
      { replacements: { database } },
    );
    const ids = (rows as { id: number }[]).map((r) => Number(r.id));
    for (const id of ids) await sequelize.query(`KILL QUERY ${id}`).catch(() => undefined);
    quiet = ids.length === 0 ? quiet + 1 : 0;
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** The p-th percentile (0–100) of ascending `sorted`, nearest rank. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

/** A Markdown table (the same text goes to the terminal and into BENCHMARKS.md). */
export function table(head: string[], rows: (string | number)[][], right: boolean[]): string {
  const cells = [head, ...rows.map((r) => r.map(String))];
  const widths = head.map((_, i) => Math.max(3, ...cells.map((r) => r[i].length)));
  const line = (r: string[]) =>
    `| ${r.map((c, i) => (right[i] ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join(' | ')} |`;
  const rule = `| ${widths.map((w, i) => (right[i] ? '-'.repeat(w - 1) + ':' : '-'.repeat(w))).join(' | ')} |`;
  return [line(head), rule, ...rows.map((r) => line(r.map(String)))].join('\n');
}

export const fmt = (value: number, digits = 1) =>
  Number.isFinite(value)
    ? value.toLocaleString('en-US', {
        minimumFractionDigits: digits,
        maximumFractionDigits: digits,
      })
    : '–';

export function machine(): string {
  return `Node ${process.version}, ${process.platform}/${process.arch}`;
}
