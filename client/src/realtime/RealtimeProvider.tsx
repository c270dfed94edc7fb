/**
 * Holds the socket while someone is signed in: mount it keyed by the user (`key={user.id}`), so
 * the next user never inherits the previous one's connection or rooms; it disconnects on unmount.
 * Tracks live / reconnecting / offline for the header's indicator and counts `snapshot.reload`
 * messages for views to reload their data.
 *
 * The server closes the socket itself ("io server disconnect", after which socket.io-client does
 * not reconnect) when the session ended or the user's role or sites changed: the provider asks
 * who is signed in, and reconnects if the session still lives, so the new handshake joins the
 * rooms of the new role; if it ended, the sign-in page shows.
 */
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { useAuth } from '../auth/authContext';
import { createConnection, type ConnectionStatus } from './connection';
import { RealtimeContext } from './realtimeContext';

/** After the server closed the socket and the session check failed, try again this much later. */
const RECHECK_MS = 5_000;

export function RealtimeProvider({ children }: { children: ReactNode }) {
  const { refreshUser } = useAuth();
  const [socket] = useState(createConnection);
  const [status, setStatus] = useState<ConnectionStatus>('connecting');
  const [snapshotGeneration, setSnapshotGeneration] = useState(0);

  useEffect(() => {
    let recheck: ReturnType<typeof setTimeout> | undefined;
    const lost = () => setStatus(navigator.onLine ? 'reconnecting' : 'offline');
    const rejoin = () => {
      refreshUser().then(
        (live) => {
          if (live) socket.connect();
        },
        () => {
          recheck = setTimeout(rejoin, RECHECK_MS);
        },
      );
    };
    const dropped = (reason: string) => {
      lost();
      if (reason === 'io server disconnect') rejoin();
    };
    const live = () => setStatus('live');
    const reload = () => setSnapshotGeneration((n) => n + 1);
    const goneOffline = () => setStatus('offline');
    const backOnline = () => {
      if (!socket.connected) setStatus('reconnecting');
    };
    socket.on('connect', live);
    socket.on('disconnect', dropped);
    socket.on('connect_error', lost);
    socket.on('snapshot.reload', reload);
    window.addEventListener('offline', goneOffline);
    window.addEventListener('online', backOnline);
    socket.connect();
    return () => {
      window.removeEventListener('offline', goneOffline);
      window.removeEventListener('online', backOnline);
      socket.off('connect', live);
      socket.off('disconnect', dropped);
      clearTimeout(recheck);
      socket.off('connect_error', lost);
      socket.off('snapshot.reload', reload);
      socket.disconnect();
    };
  }, [socket, refreshUser]);

  const value = useMemo(
    () => ({ socket, status, snapshotGeneration }),
    [socket, status, snapshotGeneration],
  );
  return <RealtimeContext.Provider value={value}>{children}</RealtimeContext.Provider>;
}
