/**
 * `npm start` as a new user runs it: a fresh SQLite file, migrations, the demo city, the URL and
 * the demo logins printed, the API answering, a clean exit on SIGTERM; and a bad environment
 * stopping it with one line that names the variable.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';

const MAIN = path.resolve('server/main.ts');

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
});
