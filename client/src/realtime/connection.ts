/**
 * The dashboard's one Socket.IO connection, typed by shared/events.ts. It signs in with the
 * session cookie (same origin, so the browser sends it), uses websocket only (no sticky sessions
 * needed behind a load balancer), and reconnects on its own.
 */
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../../../shared/events';

export type HavenSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** What the connection indicator shows. */
export type ConnectionStatus = 'connecting' | 'live' | 'reconnecting' | 'offline';

/** A socket that connects when `connect()` is called (so creating one has no side effect). */
export function createConnection(): HavenSocket {
  return io({ transports: ['websocket'], withCredentials: true, autoConnect: false });
}
