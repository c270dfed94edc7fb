/**
 * `npm run bench:dashboard`: how heavy and how fast the dashboard's first view is.
 *
 * 1. Builds the production bundle and sums the gzip size of what the first view loads: the
 *    entry script and stylesheet of index.html and the chunks it preloads (lazy chunks, such as
 *    the forecast chart, come after the numbers and are reported apart).
 * 2. Seeds the demo city (as `npm start` does on an empty database) into a temporary SQLite
 *    file, serves it with Socket.IO on port 0, signs in as the demo official, and in headless
 *    Chromium measures, over several fresh page loads, the time from navigation to the overview
 *    showing its numbers (bed tiles and today's intake filled in). Reports the median.
 *
 * Targets (issue 6): first view < 300 kB gzip, overview numbers < 2 s.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';
import { createApp, CLIENT_DIST } from '../server/app';
import { loadConfig } from '../server/config';
import { openDatabase } from '../server/db/database';
import { configureLogger } from '../server/logging/logger';
import { keysFromConfig } from '../server/personalData/keys';
import { attachRealtime } from '../server/realtime/server';
import { DEMO_LOGINS, seedDemoCity } from '../seeders/demoCity';
import { dateInZone } from '../shared/dates';
import { launchChromium } from '../test/browser/chromium';
import { fmt, machine, percentile, table } from './lib';

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const TARGET_MS = 2000;
const TARGET_KB = 300;

interface BundleSize {
  firstView: { file: string; gzip: number }[];
  lazy: { file: string; gzip: number }[];
}

function gzipSize(file: string): number {
  return gzipSync(fs.readFileSync(path.join(CLIENT_DIST, file)), { level: 9 }).length;
}

/** The files index.html makes the browser fetch at once (script, stylesheet, modulepreload). */
function bundleSize(): BundleSize {
  const html = fs.readFileSync(path.join(CLIENT_DIST, 'index.html'), 'utf8');
  const firstFiles = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.(?:js|css))"/g)].map(
    (m) => m[1],
  );
  const all = fs.readdirSync(path.join(CLIENT_DIST, 'assets')).map((f) => `assets/${f}`);
  const sized = (files: string[]) => files.map((file) => ({ file, gzip: gzipSize(file) }));
  return {
    firstView: sized(firstFiles),
    lazy: sized(all.filter((f) => !firstFiles.includes(f) && /\.(js|css)$/.test(f))),
  };
}

async function main() {
  configureLogger({ level: 'error', json: false });
  console.log('Building the dashboard (vite build)…');
  await build({ configFile: path.resolve('vite.config.ts'), logLevel: 'warn' });
  const size = bundleSize();
  const firstViewBytes = size.firstView.reduce((n, f) => n + f.gzip, 0);

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'haven-bench-dashboard-'));
  const config = loadConfig({
    ...process.env,
    NODE_ENV: 'production',
    SESSION_SECRET: 'bench-dashboard-session-secret-0123456789',
    DATA_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
    DATABASE_URL: `sqlite:${path.join(dir, 'haven.sqlite')}`,
    LOG_LEVEL: 'error',
  });
  const db = await openDatabase(config.databaseUrl);
  await db.migrate();
  const now = new Date();
  console.log('Seeding the demo city…');
  const seeded = await seedDemoCity(db, {
    today: dateInZone(now, config.appTimezone),
    now,
    secret: config.sessionSecret,
    keys: keysFromConfig(config),
  });

  const ctx = { config, db, now: () => new Date() };
  const server = http.createServer(createApp(ctx));
  const realtime = attachRealtime(server, ctx, { redisUrl: null });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  const official = DEMO_LOGINS.find((login) => login.role === 'official')!;
  const login = await fetch(`${base}api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: official.username, password: official.password }),
  });
  const { token } = (await login.json()) as { token: string };

  const browser = await launchChromium();
  const times: number[] = [];
  try {
    for (let run = 0; run < RUNS + 1; run++) {
      // A fresh context each time: nothing cached, as for someone opening the dashboard.
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      await context.addCookies([{ name: 'haven_session', value: token, url: base }]);
      const page = await context.newPage();
      const started = performance.now();
      await page.goto(`${base}#/overview`);
      await page.waitForFunction(
        () =>
          /\d/.test(document.querySelector('[data-tile="beds"] .tile__value')?.textContent ?? '') &&
          /\d/.test(document.querySelector('[data-tile="intake"] .tile__value')?.textContent ?? ''),
        undefined,
        { timeout: 30_000 },
      );
      const elapsed = performance.now() - started;
      // The first load warms the server's caches and the OS page cache: not counted.
      if (run > 0) times.push(elapsed);
      await context.close();
    }
  } finally {
    await browser.close();
    await realtime.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }

  const sorted = [...times].sort((a, b) => a - b);
  const median = percentile(sorted, 50);
  const { sites, rooms, stays } = seeded.counts;
  console.log(
    `\nDashboard first view, ${machine()}; demo city: ${sites} sites, ${rooms} rooms, ${stays} stays\n`,
  );
  console.log(
    table(
      ['what', 'gzip kB'],
      [
        ...size.firstView.map((f) => [`first view: ${f.file}`, fmt(f.gzip / 1024)]),
        ['first view total', fmt(firstViewBytes / 1024)],
        ...size.lazy.map((f) => [`lazy: ${f.file}`, fmt(f.gzip / 1024)]),
      ],
      [false, true],
    ),
  );
  console.log(
    '\n' +
      table(
        ['runs', 'min ms', 'median ms', 'max ms', 'target ms'],
        [
          [
            sorted.length,
            fmt(sorted[0], 0),
            fmt(median, 0),
            fmt(sorted[sorted.length - 1], 0),
            TARGET_MS,
          ],
        ],
        [true, true, true, true, true],
      ),
  );
  const ok = median < TARGET_MS && firstViewBytes / 1024 < TARGET_KB;
  console.log(
    `\n${ok ? 'OK' : 'MISSED'}: median ${fmt(median, 0)} ms (< ${TARGET_MS}), first view ${fmt(firstViewBytes / 1024)} kB gzip (< ${TARGET_KB})`,
  );
  process.exitCode = ok ? 0 : 1;
}

await main();
