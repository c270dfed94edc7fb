/**
 * bench:fanout's dashboards, in their own process (`node --import tsx bench/fanoutClients.ts`,
 * with an IPC channel): N socket.io-client connections over WebSocket, as N browsers would hold
 * them, driven by the driver's commands (ClientsCommand). Each copy of a `site.occupancy` that
 * arrives is timed with the shared wall clock the moment its handler runs.
 */
import { io as connect, type Socket } from 'socket.io-client';
import type { ServerToClientEvents } from '../shared/events';
import { wallClock, type ClientsCommand, type ClientsReply, type Receipts } from './fanoutShared';

type ClientSocket = Socket<ServerToClientEvents, Record<string, never>>;

/** Connections opened at once: enough to be quick, few enough not to time out handshakes. */
const CONNECT_BATCH = 50;

let sockets: ClientSocket[] = [];
let receipts = new Map<string, Receipts>();
let copies = 0;
let disconnected = 0;

function open(url: string, token: string | null): Promise<ClientSocket> {
  const socket: ClientSocket = connect(url, {
    auth: token === null ? {} : { token },
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
    timeout: 60_000,
  });
  socket.on('site.occupancy', ({ siteId, version }) => {
    const at = wallClock();
    const key = `${siteId}:${version}`;
    let entry = receipts.get(key);
    if (!entry) receipts.set(key, (entry = { siteId, version, at: [] }));
    entry.at.push(at);
    copies++;
  });
  socket.on('disconnect', () => disconnected++);
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (error) => {
      socket.close();
      reject(error);
    });
  });
}

async function run(command: ClientsCommand): Promise<ClientsReply> {
  switch (command.cmd) {
    case 'connect': {
      const started = wallClock();
      const failed: string[] = [];
      for (let i = 0; i < command.count; i += CONNECT_BATCH) {
        const batch = Math.min(CONNECT_BATCH, command.count - i);
        const results = await Promise.allSettled(
          Array.from({ length: batch }, () => open(command.url, command.token)),
        );
        for (const r of results) {
          if (r.status === 'fulfilled') sockets.push(r.value);
          else failed.push(String(r.reason));
        }
      }
      return { cmd: 'connect', connected: sockets.length, failed, ms: wallClock() - started };
    }
    case 'count':
      return { cmd: 'count', copies, disconnected };
    case 'take': {
      const taken = [...receipts.values()];
      receipts = new Map();
      copies = 0;
      return { cmd: 'take', receipts: taken };
    }
    case 'disconnect':
      for (const s of sockets) s.disconnect();
      sockets = [];
      disconnected = 0;
      return { cmd: 'disconnect' };
  }
}

process.on('message', (command: ClientsCommand) => {
  void run(command).then((reply) => process.send!(reply));
});
process.on('SIGTERM', () => {
  for (const s of sockets) s.disconnect();
  process.exit(0);
});
