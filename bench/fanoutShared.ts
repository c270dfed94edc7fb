/**
 * What the processes of bench:fanout share: one clock, the record of when each message became due
 * (the Haven and floor servers note when a placement committed or a broadcast was ordered), and
 * the message protocol between the driver and the clients process (bench/fanoutClients.ts),
 * which notes when each copy arrived; the driver subtracts.
 */
import type http from 'node:http';

/**
 * Wall-clock milliseconds with sub-millisecond precision. Every process of the bench runs on the
 * same machine, so the same clock: `Date.now()` would do, but counts whole milliseconds only.
 */
export const wallClock = (): number => performance.timeOrigin + performance.now();

/** A site's occupancy message with this version became due at `at` (wallClock). */
export interface Stamp {
  siteId: number;
  version: number;
  at: number;
}

export const STAMPS_PATH = '/bench/stamps';

/** Answers `GET /bench/stamps` with `stamps`; any other request goes to `next` (the app). */
export function withStamps(stamps: Stamp[], next: http.RequestListener): http.RequestListener {
  return (req, res) => {
    if (req.method !== 'GET' || req.url !== STAMPS_PATH) return next(req, res);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(stamps));
  };
}

/** Driver → clients process. */
export type ClientsCommand =
  /** Open `count` websocket connections to `url`, signed in with `token` (null: none). */
  | { cmd: 'connect'; url: string; token: string | null; count: number }
  /** How many `site.occupancy` copies arrived since the last `take`. */
  | { cmd: 'count' }
  /** Hand over (and forget) what arrived. */
  | { cmd: 'take' }
  | { cmd: 'disconnect' };

/** When each client got one message: the copies of (siteId, version), one time per client. */
export interface Receipts {
  siteId: number;
  version: number;
  at: number[];
}

/** Clients process → driver, one reply per command. */
export type ClientsReply =
  | { cmd: 'connect'; connected: number; failed: string[]; ms: number }
  | { cmd: 'count'; copies: number; disconnected: number }
  | { cmd: 'take'; receipts: Receipts[] }
  | { cmd: 'disconnect' };
