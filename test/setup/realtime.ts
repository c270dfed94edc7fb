/**
 * A real HTTP + Socket.IO server over the test database on port 0, and real socket.io-client
 * connections to it (CONVENTIONS habit 14).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { io as connect, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/events';
import { createApp } from '../../server/app';
import { loadConfig } from '../../server/config';
import { attachRealtime, type Realtime, type RealtimeOptions } from '../../server/realtime/server';
import { TEST_NOW } from './app';
import { testDb } from './db';

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface RunningServer {
  url: string;
  realtime: Realtime;
  close(): Promise<void>;
}

export async function startRealtimeServer(
  options: RealtimeOptions & {
    /** The server's clock: a fixed time (TEST_NOW by default) or a function a test moves. */
    now?: Date | (() => Date);
    /** The built dashboard to serve (browser tests); none by default. */
    clientDist?: string | null;
  } = {},
): Promise<RunningServer> {
  const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: 'sqlite::memory:' });
  const { clientDist = null, now = TEST_NOW, ...realtimeOptions } = options;
  const ctx = { config, db: testDb(), now: typeof now === 'function' ? now : () => now };
  const server = http.createServer(createApp(ctx, { clientDist }));
  const realtime = attachRealtime(server, ctx, { redisUrl: null, ...realtimeOptions });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    realtime,
    async close() {
      await realtime.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A client; `token: null` sends none. Reconnection is off unless asked for. */
export function client(
  url: string,
  token: string | null,
  options: { reconnection?: boolean; extraHeaders?: Record<string, string> } = {},
): ClientSocket {
  return connect(url, {
    auth: token === null ? {} : { token },
    transports: ['websocket'],
    forceNew: true,
    reconnection: options.reconnection ?? false,
    reconnectionDelay: 50,
    reconnectionDelayMax: 100,
    extraHeaders: options.extraHeaders,
  });
}

/** Resolves on `connect`, rejects with the `connect_error`. */
export function connected(socket: ClientSocket): Promise<void> {
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', (error) => reject(error));
  });
}

export async function until<T>(check: () => T | undefined | false, ms = 5000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
}
