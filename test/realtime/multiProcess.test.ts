/**
 * Several processes (issue 5 point 6): two server processes on one database, the Socket.IO
 * Redis Streams adapter between them. A placement made through process A reaches a client
 * connected to process B; a logout through A closes that session's socket on B. Needs Redis: skipped loudly without it, a failure with CI=true.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { expect } from 'chai';
import type { SiteOccupancyMessage } from '../../shared/events';
import { buildParty, buildRoom, buildSite } from '../factories';
import { TEST_NOW } from '../setup/app';
import { signIn } from '../setup/auth';
import { testDatabaseUrl, useTestDatabase } from '../setup/db';
import { client, connected, until, type ClientSocket } from '../setup/realtime';
import { TEST_REDIS_URL, useTestRedis } from '../setup/redis';

function startProcess(
  url: string,
  streamName: string,
): Promise<{ child: ChildProcess; base: string }> {
  const script = path.join(import.meta.dirname, 'realtimeServer.ts');
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', script, url, TEST_NOW.toISOString(), TEST_REDIS_URL, streamName],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /PORT (\d+)/.exec(out);
      if (match) resolve({ child, base: `http://127.0.0.1:${match[1]}` });
    });
    child.on('exit', (code) => reject(new Error(`realtime server exited with ${code}`)));
  });
}

function stopProcess(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

describe('realtime: several processes through Redis', function () {
  this.timeout(60_000);
  useTestDatabase();
  const redis = useTestRedis();

  let children: ChildProcess[] = [];
  let sockets: ClientSocket[] = [];
  afterEach(async () => {
    for (const s of sockets) s.disconnect();
    sockets = [];
    await Promise.all(children.map(stopProcess));
    children = [];
  });

  /** Processes A and B on the test database, sharing one Redis stream. */
  async function startPair() {
    const stream = `${redis.prefix}realtime`;
    const pair = await Promise.all([
      startProcess(testDatabaseUrl(), stream),
      startProcess(testDatabaseUrl(), stream),
    ]);
    children = pair.map((p) => p.child);
    return pair;
  }

  /** Waits for `socket` to connect, then for both adapters to be reading the stream. */
  async function settled(socket: ClientSocket) {
    sockets.push(socket);
    await connected(socket);
    // Each adapter starts reading the stream asynchronously: give both a moment.
    await new Promise((r) => setTimeout(r, 500));
  }

  it('delivers a placement made through process A to a client connected to process B', async () => {
    const site = await buildSite();
    await buildRoom({ site, beds: 2 });
    const manager = await signIn('site_manager', { siteIds: [site.id] });
    const official = await signIn('official');
    const [a, b] = await startPair();
    const onB = client(b.base, manager.token);
    const received: SiteOccupancyMessage[] = [];
    onB.on('site.occupancy', (m) => received.push(m));
    await settled(onB);

    const { party } = await buildParty();
    const res = await fetch(`${a.base}/api/parties/${party.id}/placement`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${official.token}`, 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(res.status).to.equal(201);
    const message = await until(() => received.find((m) => m.siteId === site.id), 10_000);
    expect(message).to.include({ siteId: site.id, version: 1 });
    expect(message.occupancy).to.include({ occupied: 1, beds: 2 });
  });

  it('closes, on process B, the socket of a session logged out through process A', async () => {
    const official = await signIn('official');
    const [a, b] = await startPair();
    const onB = client(b.base, official.token);
    const gone = new Promise<string>((resolve) => onB.once('disconnect', resolve));
    await settled(onB);

    const res = await fetch(`${a.base}/api/auth/logout`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${official.token}` },
    });
    expect(res.status).to.equal(204);
    expect(await gone).to.equal('io server disconnect');
  });
});
