/**
 * What the benchmarks share: the pinned clock, starting a script (a server, a load generator) in
 * its own process, creating a MariaDB database, the bench users and their bearer tokens,
 * percentiles and tables.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import mysql from 'mysql2/promise';
import { QueryTypes, type Sequelize } from 'sequelize';
import { hashPassword } from '../server/auth/password';
import type { Config } from '../server/config';
import type { Database } from '../server/db/database';
import { keysFromConfig } from '../server/personalData/keys';
import { DEFAULT_SEED } from '../seeders/city';
import { PROVINCE_SIZE, seedProvince } from '../seeders/provinceScale';
import type { Category, PersonNeed, Role } from '../shared/enums';
import { bulkInsert, IdSequence } from '../seeders/bulkInsert';

/** 2026-11-29 10:00 in Asia/Shanghai, as in the tests: "today" is 2026-11-29. */
export const NOW = new Date('2026-11-29T02:00:00Z');
export const TODAY = '2026-11-29';

export interface BenchUser {
  username: string;
  password: string;
  role: Role;
}

/** The admin the benches place parties as. */
export const BENCH_USER: BenchUser = {
  username: 'bench',
  password: 'bench-password-2026',
  role: 'admin',
};
/** An official: a dashboard in the `overview` room (bench:fanout's clients). */
export const BENCH_OFFICIAL: BenchUser = {
  username: 'bench-official',
  password: 'bench-password-2026',
  role: 'official',
};

export interface Server {
  base: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/**
 * Runs `node --import tsx <script> …args` (a script of this folder) in its own process, its
 * stderr to `logFile` (warnings of a server under load would drown the tables). Extra node flags
 * (e.g. `--cpu-prof`) come from `nodeFlags`; `ipc` opens a message channel to it.
 */
export function spawnScript(
  script: string,
  args: string[],
  options: { logFile: string; nodeFlags?: string[]; ipc?: boolean },
): ChildProcess {
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
    { stdio: ['ignore', 'pipe', log, ...(options.ipc ? (['ipc'] as const) : [])] },
  );
  fs.closeSync(log);
  return child;
}

/** Ends a child process with SIGTERM and waits for it to exit. */
export function stopChild(child: ChildProcess): Promise<void> {
  return new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** Starts a server script (see spawnScript) and waits for it to print `PORT <n>`. */
export function startServer(
  script: string,
  args: string[],
  options: { logFile: string; nodeFlags?: string[] },
): Promise<Server> {
  const child = spawnScript(script, args, options);
  const stop = () => stopChild(child);
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

/** A user the bench signs in as (created once per database): the admin unless told. */
export async function ensureBenchUser(
  sequelize: Sequelize,
  user: BenchUser = BENCH_USER,
): Promise<void> {
  const [rows] = await sequelize.query('SELECT id FROM users WHERE username = :username', {
    replacements: { username: user.username },
  });
  if ((rows as unknown[]).length > 0) return;
  const ids = await IdSequence.after(sequelize, 'users');
  await bulkInsert(sequelize, 'users', [
    {
      id: ids.next(),
      username: user.username,
      displayName: `Benchmark ${user.role}`,
      passwordHash: await hashPassword(user.password),
      role: user.role,
      disabledAt: null,
      createdAt: NOW,
      updatedAt: NOW,
    },
  ]);
}

/** Signs a bench user in over HTTP (the admin unless told); returns the bearer token. */
export async function login(base: string, user: BenchUser = BENCH_USER): Promise<string> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: user.username, password: user.password }),
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

/**
 * InnoDB (MariaDB/MySQL): waits until purge has caught up with the undo history — e.g. of a
 * reset that deleted thousands of rows — so its background work is not counted in the next run.
 * Gives up quietly after `maxSeconds` (a server without the metric answers at once).
 */
export async function waitForPurge(sequelize: Sequelize, maxSeconds = 60): Promise<void> {
  const until = Date.now() + maxSeconds * 1000;
  while (Date.now() < until) {
    const [rows] = await sequelize.query(
      "SELECT count AS n FROM information_schema.INNODB_METRICS WHERE name = 'trx_rseg_history_len'",
    );
    const n = (rows as { n: number | string }[])[0]?.n;
    if (n === undefined || Number(n) <= 1) return;
    await new Promise((r) => setTimeout(r, 200));
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

/**
 * The province of DESIGN §7 (seeders/provinceScale.ts) in `db`, seeded with the pinned clock
 * unless the database already holds its 500 sites (seeding takes minutes: a seeded database is
 * reused). Refuses a database with some other number of sites.
 */
export async function ensureProvince(db: Database, config: Config, url: string): Promise<void> {
  const [row] = await db.sequelize.query<{ n: number | string }>(
    'SELECT COUNT(*) AS n FROM sites',
    { type: QueryTypes.SELECT },
  );
  const sites = Number(row?.n ?? 0);
  const expected = PROVINCE_SIZE.activeSites + PROVINCE_SIZE.standbySites;
  if (sites === expected) {
    console.log(`${url} already holds the province (${sites} sites): not reseeded`);
    return;
  }
  if (sites !== 0) throw new Error(`${url} has ${sites} sites, not the province's ${expected}`);
  console.log(`Seeding the province into ${url} (a few minutes)…`);
  const summary = await seedProvince(db, {
    seed: DEFAULT_SEED,
    today: TODAY,
    now: NOW,
    secret: config.sessionSecret,
    keys: keysFromConfig(config),
    onProgress: (line) => {
      if (/present|history: \d*00000 of/.test(line)) console.log(`  ${line}`);
    },
  });
  console.log(`  seeded in ${(summary.milliseconds / 1000).toFixed(1)} s`);
}

/**
 * A person's row for the benches' bulk inserts: no ID number or phone (nothing to encrypt),
 * created at NOW, from `origin` (a district code and the point the distance is measured from).
 */
export function benchPerson(person: {
  id: number;
  fullName: string;
  category: Category;
  exposureDate: string;
  origin: { district: string; latitude: number; longitude: number };
  needs?: readonly PersonNeed[];
  sex?: 'female' | 'male';
  birthYear?: number;
}) {
  return {
    id: person.id,
    fullName: person.fullName,
    idNumberCipher: null,
    idNumberHash: null,
    phoneCipher: null,
    phoneHash: null,
    sex: person.sex ?? 'female',
    birthYear: person.birthYear ?? 1980,
    category: person.category,
    exposureDate: person.exposureDate,
    originDistrict: person.origin.district,
    originLatitude: person.origin.latitude,
    originLongitude: person.origin.longitude,
    needs: JSON.stringify(person.needs ?? []),
    createdAt: NOW,
    updatedAt: NOW,
  };
}
