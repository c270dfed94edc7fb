/**
 * Socket.IO on the API's HTTP server (DESIGN §6, issue 5). It only listens to domain events
 * (heard after commit) and emits to rooms; it knows nothing of HTTP routes.
 *
 * Rooms, joined at the handshake from the session's role:
 * - `overview`: admins and officials (every site's totals, site changes, alerts, job progress);
 * - `site:<id>`: a site manager's own sites; admins and officials may join one on request
 *   (`site.join` with an ack);
 * - `transport`: transport coordinators (site totals: where there is room);
 * - `waitingList`: everyone who may read the waiting list (admins, officials, site managers).
 *
 * Stay and room events are not relayed one by one: they mark their sites changed, and the
 * coalescer sends one `site.occupancy` per changed site per flush (at once while it has flush
 * tokens, then at most every 100 ms while changes keep coming), the totals of all those sites read in one query. Each carries the site's `occupancyVersion`, read in the same
 * statement as the totals, so a client keeps the highest and drops anything older — whichever
 * process, and in whatever order, the messages came from.
 *
 * Each socket is also in `user:<id>` and `session:<id>` (never announced, nothing is sent there):
 * when a session is revoked (logout, the user disabled, their password reset) the sockets it
 * opened are disconnected — in every process, through the adapter — as an API request with it
 * would get 401.
 *
 * Connection-state recovery is on: a client that drops for up to two minutes gets what it missed.
 * A connection that is not recovered (first connection, too long away, or a process restarted
 * without Redis) is sent `snapshot.reload`, and the client reloads `/api/sites`.
 * With `redisUrl`, the Redis Streams adapter carries every emit to every process's clients and
 * keeps recovery working across processes (README "Several processes").
 */
import type http from 'node:http';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import { Redis } from 'ioredis';
import { Server, type Socket } from 'socket.io';
import type { AuthUser } from '../../shared/auth';
import {
  OVERVIEW_ROOM,
  TRANSPORT_ROOM,
  WAITING_LIST_ROOM,
  siteRoom,
  type ClientToServerEvents,
  type DomainEvent,
  type JoinAck,
  type ServerToClientEvents,
  type SiteOccupancyMessage,
} from '../../shared/events';
import { authStoresFor } from '../auth/stores';
import { today, type AppContext } from '../context';
import { domainEvents, type DomainEventBus } from '../events/bus';
import { getLogger } from '../logging/logger';
import { Site } from '../models';
import { currentAlerts } from '../queries/alerts';
import { listSitesWithOccupancy } from '../queries/sites';
import { currentPolicy } from '../services/policy';
import { authenticateHandshake } from './auth';
import { watchAlerts } from './alertWatch';
import { watchSession } from './sessionWatch';
import { Coalescer, DEFAULT_FLUSH_BURST, DEFAULT_FLUSH_MS } from './coalescer';

const log = getLogger('realtime');

/** How long a dropped client's missed messages are kept for it. */
export const RECOVERY_WINDOW_MS = 2 * 60_000;

interface SocketData {
  user: AuthUser;
  sessionId: string;
  /** Deliveries counted when the handshake's sign-in began (see `deliveries` below). */
  deliveriesAtHandshake: number;
  /** When the session ends unless used again (sessionWatch.ts). */
  sessionEndsAt: Date;
}

export type RealtimeServer = Server<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  SocketData
>;
type RealtimeSocket = Socket<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  SocketData
>;

export interface RealtimeOptions {
  /** Coalescing: one flush token back per interval (default 100 ms), up to `flushBurst` (3). */
  flushIntervalMs?: number;
  flushBurst?: number;
  /** Redis for the adapter; defaults to the config's REDIS_URL. null: this process only. */
  redisUrl?: string | null;
  /** The Redis stream (tests give each run its own). */
  streamName?: string;
  /** How long a dropped client's missed messages are kept (default two minutes; tests shorten it). */
  recoveryWindowMs?: number;
  /** How often alerts are read for new ones (default one minute; tests shorten it). */
  alertCheckMs?: number;
  /** Re-check each socket's session at least this often (default 5 min; tests shorten it). */
  sessionCheckMaxMs?: number;
  /** The domain event bus to listen to (default: the process's). */
  bus?: DomainEventBus;
}

export interface Realtime {
  io: RealtimeServer;
  /** Sends what is buffered now (tests). */
  flush(): Promise<void>;
  /** Reads the alerts now and sends the new ones (tests). */
  checkAlerts(): Promise<void>;
  /** Disconnects every client and stops listening; leaves the HTTP server to its owner. */
  close(): Promise<void>;
}

interface DeliveringAdapter {
  apply(opts: unknown, callback: (socket: unknown) => void): void;
}

/** The rooms a user is put in at the handshake. */
export function roomsFor(user: AuthUser): string[] {
  switch (user.role) {
    case 'admin':
    case 'official':
      return [OVERVIEW_ROOM, WAITING_LIST_ROOM];
    case 'site_manager':
      return [...user.siteIds.map(siteRoom), WAITING_LIST_ROOM];
    case 'transport':
      return [TRANSPORT_ROOM];
  }
}

/** The rooms that name a socket's user and session, to disconnect them when it is revoked. */
const userRoom = (userId: number) => `user:${userId}`;
const sessionRoom = (sessionId: string) => `session:${sessionId}`;

/** Every room a socket is put in at the handshake. */
function handshakeRooms({ user, sessionId }: SocketData): string[] {
  return [...roomsFor(user), userRoom(user.id), sessionRoom(sessionId)];
}

/** May this socket be in this room (after a recovery, or on request)? */
function mayBeIn(data: SocketData, room: string): boolean {
  if (handshakeRooms(data).includes(room)) return true;
  const { role } = data.user;
  return /^site:\d+$/.test(room) && (role === 'admin' || role === 'official');
}

export function attachRealtime(
  httpServer: http.Server,
  ctx: AppContext,
  options: RealtimeOptions = {},
): Realtime {
  const redisUrl = options.redisUrl === undefined ? ctx.config.redisUrl : options.redisUrl;
  let redis: Redis | null = null;
  const io: RealtimeServer = new Server(httpServer, {
    serveClient: false,
    connectionStateRecovery: {
      maxDisconnectionDuration: options.recoveryWindowMs ?? RECOVERY_WINDOW_MS,
      skipMiddlewares: false,
    },
    cors: ctx.config.corsOrigins.length
      ? { origin: ctx.config.corsOrigins, credentials: true }
      : undefined,
    allowRequest: (req, callback) => {
      // Cross-site WebSocket hijacking: a browser page of another origin must not ride the cookie.
      const origin = req.headers.origin;
      if (!origin) return callback(null, true);
      const sameHost = URL.canParse(origin) && new URL(origin).host === req.headers.host;
      callback(null, sameHost || ctx.config.corsOrigins.includes(origin));
    },
  });
  if (redisUrl) {
    redis = new Redis(redisUrl, { maxRetriesPerRequest: null });
    redis.on('error', (error) => log.warn('Realtime Redis error', { error: error.message }));
    io.adapter(
      createAdapter(redis, {
        streamName: options.streamName ?? 'haven:realtime',
        sessionKeyPrefix: `${options.streamName ?? 'haven:realtime'}:session:`,
        maxLen: 10_000,
        blockTimeInMs: 2_000,
        onlyPlaintext: true,
      }),
    );
  }

  // A recovered socket is put back in its rooms before the middleware signs it in again, but the
  // adapter delivers only to connected sockets: whatever is sent meanwhile is lost to it. Count
  // the adapter's deliveries (local and from other processes alike) to know when that happened.
  // `apply` is private in socket.io-adapter's typings, but every broadcast goes through it (the
  // Redis Streams adapter hands other processes' broadcasts to the same in-memory delivery); the
  // "recovered_partly" test fails if that ever stops being true.
  const adapter = io.of('/').adapter as unknown as DeliveringAdapter;
  const apply = adapter.apply.bind(adapter);
  let deliveries = 0;
  adapter.apply = (opts, callback) => {
    deliveries++;
    apply(opts, callback);
  };

  const { sessions } = authStoresFor(ctx.config);
  io.use((socket, next) => {
    socket.data.deliveriesAtHandshake = deliveries;
    authenticateHandshake(sessions, socket.handshake, ctx.now()).then(
      (resolved) => {
        if (!resolved) {
          log.info('Socket refused: no valid session');
          return next(new Error('unauthorized'));
        }
        socket.data.user = resolved.user;
        socket.data.sessionId = resolved.sessionId;
        socket.data.sessionEndsAt = resolved.endsAt;
        next();
      },
      (error: unknown) => {
        log.error('Socket handshake failed', { error });
        next(new Error('unavailable'));
      },
    );
  });

  io.on('connection', (socket) => onConnection(socket));

  function onConnection(socket: RealtimeSocket) {
    if (socket.recovered) {
      // Rooms come back with the session: keep only those the user may still be in.
      for (const room of socket.rooms) {
        if (room !== socket.id && !mayBeIn(socket.data, room)) void socket.leave(room);
      }
    }
    void socket.join(handshakeRooms(socket.data));
    watchSession(
      socket,
      socket.data.sessionEndsAt,
      sessions,
      () => ctx.now(),
      options.sessionCheckMaxMs,
    );
    if (!socket.recovered) {
      const triedToRecover = typeof socket.handshake.auth?.pid === 'string';
      socket.emit('snapshot.reload', { reason: triedToRecover ? 'not_recovered' : 'connected' });
    } else if (deliveries !== socket.data.deliveriesAtHandshake) {
      socket.emit('snapshot.reload', { reason: 'recovered_partly' });
    }
    socket.on('site.join', (siteId, ack) => void join(socket, siteId, ack, 'join'));
    socket.on('site.leave', (siteId, ack) => void join(socket, siteId, ack, 'leave'));
  }

  async function join(
    socket: RealtimeSocket,
    siteId: unknown,
    ack: unknown,
    verb: 'join' | 'leave',
  ) {
    const reply: JoinAck = typeof ack === 'function' ? (ack as JoinAck) : () => undefined;
    const user = socket.data.user;
    if (typeof siteId !== 'number' || !Number.isSafeInteger(siteId) || siteId < 1) {
      return reply({ ok: false, error: 'invalid site id' });
    }
    const room = siteRoom(siteId);
    if (user.role === 'site_manager') {
      // Their own sites are joined at the handshake; any other is "not found", as in the API.
      return reply(
        user.siteIds.includes(siteId) ? { ok: true, room } : { ok: false, error: 'not found' },
      );
    }
    if (user.role !== 'admin' && user.role !== 'official') {
      return reply({ ok: false, error: 'forbidden' });
    }
    if (verb === 'leave') {
      await socket.leave(room);
      return reply({ ok: true, room });
    }
    const site = await Site.findByPk(siteId, { attributes: ['id'] }).catch(() => null);
    if (!site) return reply({ ok: false, error: 'not found' });
    await socket.join(room);
    reply({ ok: true, room });
  }

  async function publish(batch: { siteIds: number[]; waitingListChanges: number }) {
    if (batch.siteIds.length) {
      const date = today(ctx);
      const rows = await listSitesWithOccupancy(ctx.db.sequelize, date, { ids: batch.siteIds });
      for (const { site, occupancy } of rows) {
        const message: SiteOccupancyMessage = {
          siteId: site.id,
          version: Number(site.occupancyVersion),
          date,
          status: site.status,
          occupancy,
        };
        io.to([siteRoom(site.id), OVERVIEW_ROOM, TRANSPORT_ROOM]).emit('site.occupancy', message);
      }
    }
    if (batch.waitingListChanges) {
      io.to(WAITING_LIST_ROOM).emit('waitingList.changed', { changes: batch.waitingListChanges });
    }
  }

  const coalescer = new Coalescer(
    options.flushIntervalMs ?? DEFAULT_FLUSH_MS,
    publish,
    options.flushBurst ?? DEFAULT_FLUSH_BURST,
  );

  function relay(event: DomainEvent) {
    switch (event.name) {
      case 'stay.created':
      case 'stay.changed':
      case 'room.changed':
        coalescer.markSites(event.payload.sites.map((s) => s.siteId));
        return;
      case 'site.changed': {
        const p = event.payload;
        io.to([siteRoom(p.siteId), OVERVIEW_ROOM, TRANSPORT_ROOM]).emit('site.changed', p);
        // A new site has its first totals to show; a status change has a new version.
        coalescer.markSites(p.action === 'create' ? [p.siteId] : p.sites.map((s) => s.siteId));
        return;
      }
      case 'waitingList.changed':
        coalescer.markWaitingList();
        return;
      case 'alert': {
        const p = event.payload;
        io.to(p.siteId === null ? [OVERVIEW_ROOM] : [OVERVIEW_ROOM, siteRoom(p.siteId)]).emit(
          'alert',
          p,
        );
        return;
      }
      case 'job.progress':
        io.to(OVERVIEW_ROOM).emit('job.progress', event.payload);
        return;
      case 'session.revoked': {
        const p = event.payload;
        // The client hears `io server disconnect`, after which socket.io-client does not reconnect
        // by itself; `true` also closes the transport. A new handshake with the session is refused.
        io.in('sessionId' in p ? sessionRoom(p.sessionId) : userRoom(p.userId)).disconnectSockets(
          true,
        );
        return;
      }
      case 'access.changed':
        // Rooms were chosen from the old role and sites: a new handshake chooses them again.
        io.in(userRoom(event.payload.userId)).disconnectSockets(true);
        return;
    }
  }

  const unsubscribe = (options.bus ?? domainEvents).onAny(relay);

  const alerts = watchAlerts({
    intervalMs: options.alertCheckMs,
    // No read for a process nobody is connected to (a new client loads the alerts anyway).
    listened: () => io.of('/').sockets.size > 0,
    read: async () => currentAlerts(ctx.db.sequelize, await currentPolicy(), ctx.now(), today(ctx)),
    onNew: (fresh) => {
      for (const a of fresh) {
        const rooms = a.siteId === null ? [OVERVIEW_ROOM] : [OVERVIEW_ROOM, siteRoom(a.siteId)];
        // Local only: every process watches for its own clients.
        io.local.to(rooms).emit('alert', { kind: a.kind, siteId: a.siteId, message: a.message });
      }
    },
  });

  return {
    io,
    flush: () => coalescer.flush(),
    checkAlerts: () => alerts.check(),
    async close() {
      unsubscribe();
      alerts.stop();
      await coalescer.close();
      io.local.disconnectSockets(true);
      io.engine.close();
      io.of('/').adapter.close();
      if (redis) await redis.quit().catch(() => undefined);
    },
  };
}
