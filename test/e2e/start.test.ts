/**
 * `npm start` as a new user runs it: a fresh SQLite file, migrations, the demo city, the URL and
 * the demo logins printed, the API answering, a clean exit on SIGTERM; a bad environment or a
 * port in use stopping it with one line that names the variable or the port; and SIGTERM to the
 * `npm start` process itself freeing the port.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';

const MAIN = path.resolve('server/main.ts');

/** The command users run, in its own process group so a test can clean up all it started. */
function npmStart(env: Record<string, string>, args: string[] = []) {
  return spawn('npm', ['start', ...args], {
    cwd: path.resolve('.'),
    env: { ...process.env, NODE_ENV: 'development', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
}

/** Listens on a port the system picks (all interfaces, as the server does); returns it open. */
async function takePort(): Promise<net.Server> {
  const server = net.createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, resolve);
  });
  return server;
}

const portOf = (server: net.Server) => (server.address() as net.AddressInfo).port;

async function isFree(port: number): Promise<boolean> {
  const server = net.createServer();
  return new Promise<boolean>((resolve) => {
    server.once('error', () => resolve(false));
    server.listen(port, () => server.close(() => resolve(true)));
  });
}

function output(child: ChildProcess): () => string {
  let out = '';
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
  return () => out;
}

async function waitFor(what: string, test: () => boolean, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (!test()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function run(env: Record<string, string>) {
  return spawn(process.execPath, ['--import', 'tsx', MAIN], {
    env: { ...process.env, NODE_ENV: 'development', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

describe('npm start', function () {
  this.timeout(120_000);
  let dir: string;
  const children: ReturnType<typeof run>[] = [];
  const groups: ChildProcess[] = [];
  const start = (env: Record<string, string>) => {
    const child = run(env);
    children.push(child);
    return child;
  };

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'haven-start-'));
  });
  afterEach(() => {
    // A failed assertion must not leave a server running.
    for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
    // npm and all it started, also a server that outlived npm.
    for (const group of groups.splice(0)) {
      try {
        process.kill(-group.pid!, 'SIGKILL');
      } catch {
        // The whole group is gone already.
      }
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('serves the demo city on an empty database and exits cleanly on SIGTERM', async () => {
    const child = start({ PORT: '0', DATABASE_URL: `sqlite:${path.join(dir, 'haven.sqlite')}` });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setInterval(() => {
        const match = /Haven is running at (http:\/\/localhost:\d+\/)/.exec(out);
        if (match && /manager\s+manager-demo-2026\s+site_manager/.test(out)) {
          clearInterval(timer);
          resolve(match[1]);
        }
      }, 100);
      child.once('exit', (code) => {
        clearInterval(timer);
        reject(new Error(`exited with ${code}: ${out}`));
      });
    });
    expect(out).to.contain('SESSION_SECRET is not set');
    const health = await fetch(`${url}api/health`);
    expect(health.status).to.equal(200);
    expect((await fetch(`${url}api/sites`)).status).to.equal(401);
    // The printed demo login works.
    const login = await fetch(`${url}api/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'official', password: 'official-demo-2026' }),
    });
    expect(login.status).to.equal(200);
    const { token } = (await login.json()) as { token: string };
    const sites = (await (
      await fetch(`${url}api/sites`, { headers: { Authorization: `Bearer ${token}` } })
    ).json()) as { data: unknown[] };
    expect(sites.data).to.have.length(38);
    const page = await fetch(url, { headers: { Accept: 'text/html' } });
    expect(await page.text()).to.contain('<div id="root">');

    const exit = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    expect(await exit).to.equal(0);
  });

  it('ships no demo in production: no city, no published logins, and says how to create the first admin', async () => {
    const database = `sqlite:${path.join(dir, 'prod.sqlite')}`;
    const secrets = {
      NODE_ENV: 'production',
      SESSION_SECRET: 'a-production-session-secret-of-32-chars',
      DATA_ENCRYPTION_KEY: 'a-production-data-key-of-32-characters',
      DATABASE_URL: database,
    };
    const first = start({ ...secrets, PORT: '0' });
    const out = output(first);
    await waitFor('the start-up message', () => /Haven is running at/.test(out()), 60_000);
    expect(out()).to.contain('npm run users:create-admin');
    expect(out()).not.to.match(/demo-2026|Demo logins|demo city seeded/);
    const url = /Haven is running at (http:\/\/localhost:\d+\/)/.exec(out())![1];
    const demo = await fetch(`${url}api/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'official', password: 'official-demo-2026' }),
    });
    expect(demo.status).to.equal(401);
    const firstExit = new Promise((resolve) => first.once('exit', resolve));
    first.kill('SIGTERM');
    await firstExit;

    // The first administrator, the password from standard input as a script would give it.
    const create = spawn(
      process.execPath,
      ['--import', 'tsx', path.resolve('server/users/createAdminCli.ts'), '--username', 'chief'],
      { env: { ...process.env, ...secrets, LOG_LEVEL: 'warn' }, stdio: ['pipe', 'pipe', 'pipe'] },
    );
    const created = output(create);
    create.stdin!.end('a-long-admin-password-2026\n');
    expect(await new Promise((resolve) => create.once('exit', resolve))).to.equal(0);
    expect(created()).to.contain('Administrator chief created');

    const second = start({ ...secrets, PORT: '0' });
    const out2 = output(second);
    await waitFor('the start-up message', () => /Haven is running at/.test(out2()), 60_000);
    expect(out2()).not.to.contain('users:create-admin');
    const url2 = /Haven is running at (http:\/\/localhost:\d+\/)/.exec(out2())![1];
    const login = await fetch(`${url2}api/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'chief', password: 'a-long-admin-password-2026' }),
    });
    expect(login.status).to.equal(200);
    const { token } = (await login.json()) as { token: string };
    const sites = (await (
      await fetch(`${url2}api/sites`, { headers: { Authorization: `Bearer ${token}` } })
    ).json()) as { data: unknown[] };
    expect(sites.data).to.deep.equal([]);
  });

  it('refuses a first admin whose password breaks the rules, creating nothing', async () => {
    const create = spawn(
      process.execPath,
      ['--import', 'tsx', path.resolve('server/users/createAdminCli.ts')],
      {
        env: {
          ...process.env,
          DATABASE_URL: `sqlite:${path.join(dir, 'short.sqlite')}`,
          LOG_LEVEL: 'warn',
        },
        stdio: ['pipe', 'pipe', 'pipe'],
      },
    );
    const out = output(create);
    create.stdin!.end('short\n');
    expect(await new Promise((resolve) => create.once('exit', resolve))).to.equal(1);
    expect(out()).to.match(/password.*at least/);
    expect(fs.existsSync(path.join(dir, 'short.sqlite'))).to.equal(false);
  });

  it('stops with one line naming a bad variable', async () => {
    const child = start({ PORT: 'eighty', DATABASE_URL: `sqlite:${path.join(dir, 'x.sqlite')}` });
    let err = '';
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).to.equal(1);
    expect(err.trim().split('\n')).to.have.length(1);
    expect(err).to.match(/^Invalid environment: PORT: /);
    expect(fs.existsSync(path.join(dir, 'x.sqlite'))).to.equal(false);
  });

  it('stops with one line naming the port when it is in use, before touching the database', async () => {
    const taken = await takePort();
    try {
      const port = portOf(taken);
      const database = path.join(dir, 'haven.sqlite');
      // --silent: npm's own banner and failure report are npm's; the line is Haven's.
      const child = npmStart({ PORT: String(port), DATABASE_URL: `sqlite:${database}` }, [
        '--silent',
      ]);
      groups.push(child);
      const out = output(child);
      const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
      expect(code).to.not.equal(0);
      expect(out().trim().split('\n')).to.deep.equal([
        `Port ${port} is in use: set PORT to a free port`,
      ]);
      expect(fs.existsSync(database)).to.equal(false);
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  });

  it('frees the port when the npm start process gets SIGTERM', async () => {
    const probe = await takePort();
    const port = portOf(probe);
    await new Promise((resolve) => probe.close(resolve));
    const child = npmStart({
      PORT: String(port),
      DATABASE_URL: `sqlite:${path.join(dir, 'h.sqlite')}`,
    });
    groups.push(child);
    const out = output(child);
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    await waitFor('the server to start', () => out().includes(`localhost:${port}/`), 100_000);
    expect(await isFree(port)).to.equal(false);

    process.kill(child.pid!, 'SIGTERM');
    await exited;
    let free = false;
    for (let i = 0; i < 50 && !free; i++) {
      free = await isFree(port);
      if (!free) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(free, `port ${port} still taken 5 s after SIGTERM to npm start`).to.equal(true);
  });
});
