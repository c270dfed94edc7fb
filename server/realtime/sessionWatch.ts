/**
 * A socket lives on the session that opened it, but makes no requests that would find the session
 * over: without a watch it would keep receiving after the idle (30 min) or absolute (12 h)
 * time-out. Each socket is re-checked when its session would end, and then as long as the session
 * keeps being used by the user's API requests (which move its end); once it has ended the socket
 * is closed, as an API request would get 401. Revocation closes sockets at once (server.ts).
 */
import type { Sessions } from '../auth/sessions';
import { getLogger } from '../logging/logger';

const log = getLogger('realtime');

/** Re-check at least this often, whatever the end says (a clock change, a missed revocation). */
export const SESSION_CHECK_MAX_MS = 5 * 60_000;

export interface WatchedSocket {
  readonly data: { sessionId: string };
  disconnect(close: boolean): unknown;
  once(event: 'disconnect', listener: () => void): unknown;
}

export function watchSession(
  socket: WatchedSocket,
  endsAt: Date,
  sessions: Sessions,
  now: () => Date,
  maxWaitMs = SESSION_CHECK_MAX_MS,
): void {
  let timer: NodeJS.Timeout | null = null;
  let closed = false;
  const schedule = (end: Date) => {
    const wait = Math.min(maxWaitMs, Math.max(0, end.getTime() - now().getTime()));
    timer = setTimeout(check, wait);
  };
  const check = () => {
    timer = null;
    sessions.sessionEndsAt(socket.data.sessionId, now()).then(
      (end) => {
        if (closed) return;
        if (end === null) {
          log.info('Socket closed: its session ended');
          socket.disconnect(true);
        } else schedule(end);
      },
      (error: unknown) => {
        // The store is unreachable: keep the socket, ask again later (API requests get 5xx now).
        log.warn('Could not re-check a socket session', { error });
        if (!closed) schedule(new Date(now().getTime() + maxWaitMs));
      },
    );
  };
  socket.once('disconnect', () => {
    closed = true;
    if (timer) clearTimeout(timer);
  });
  schedule(endsAt);
}
