/**
 * The floor of bench:fanout, in its own process: `node --import tsx bench/fanoutFloor.ts <date>`.
 * A bare Socket.IO server (default options: no authentication, rooms, recovery, database or
 * coalescing) that broadcasts, when told, one message shaped and sized like Haven's
 * `site.occupancy` to every connected client:
 *
 *   POST /broadcast?siteId=<n>&version=<n>   → 204, after `io.emit(…)` has run
 *   GET  /bench/stamps                        → when each broadcast was ordered (wallClock)
 *
 * Prints `PORT <n>` once listening; stops on SIGTERM.
 */
import http from 'node:http';
import { Server } from 'socket.io';
import type { ServerToClientEvents, SiteOccupancyMessage } from '../shared/events';
import { wallClock, withStamps, type Stamp } from './fanoutShared';

const [date] = process.argv.slice(2);
const stamps: Stamp[] = [];

function broadcast(req: http.IncomingMessage, res: http.ServerResponse): void {
  const { pathname, searchParams } = new URL(req.url ?? '/', 'http://floor');
  const siteId = Number(searchParams.get('siteId'));
  const version = Number(searchParams.get('version'));
  if (req.method !== 'POST' || pathname !== '/broadcast' || !(siteId > 0 && version > 0)) {
    res.writeHead(404).end();
    return;
  }
  stamps.push({ siteId, version, at: wallClock() });
  // What one placement into a site of 4 single rooms changes: the same fields and digits.
  const message: SiteOccupancyMessage = {
    siteId,
    version,
    date,
    status: 'active',
    occupancy: {
      rooms: 4,
      beds: 4,
      occupied: 0,
      free: 3,
      reserved: 1,
      cleaning: 0,
      outOfService: 0,
      utilization: 0,
    },
  };
  io.emit('site.occupancy', message);
  res.writeHead(204).end();
}

const server = http.createServer(withStamps(stamps, broadcast));
const io = new Server<Record<string, never>, ServerToClientEvents>(server, { serveClient: false });
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`PORT ${typeof address === 'object' && address ? address.port : 0}\n`);
});
process.on('SIGTERM', () => {
  io.local.disconnectSockets(true);
  void io.close(() => process.exit(0));
});
