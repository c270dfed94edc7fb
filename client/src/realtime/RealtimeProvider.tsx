/**
 * Holds the socket while someone is signed in: mount it keyed by the user (`key={user.id}`), so
 * the next user never inherits the previous one's connection or rooms; it disconnects on unmount.
 * Tracks live / reconnecting / offline for the header's indicator and counts `snapshot.reload`
 * messages for views to reload their data.
 */
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { createConnection, type ConnectionStatus } from './connection';
import { RealtimeContext } from './realtimeContext';

export function RealtimeProvider({ children }: { children: ReactNode }) {
  const [socket] = useState(createConnection);
  const [status, setStatus] = useState<ConnectionStatus>('connecting');
  const [snapshotGeneration, setSnapshotGeneration] = useState(0);

  useEffect(() => {
    const lost = () => setStatus(navigator.onLine ? 'reconnecting' : 'offline');
    const live = () => setStatus('live');
    const reload = () => setSnapshotGeneration((n) => n + 1);
    const goneOffline = () => setStatus('offline');
    const backOnline = () => {
      if (!socket.connected) setStatus('reconnecting');
    };
    socket.on('connect', live);
    socket.on('disconnect', lost);
    socket.on('connect_error', lost);
    socket.on('snapshot.reload', reload);
    window.addEventListener('offline', goneOffline);
    window.addEventListener('online', backOnline);
    socket.connect();
    return () => {
      window.removeEventListener('offline', goneOffline);
      window.removeEventListener('online', backOnline);
      socket.off('connect', live);
      socket.off('disconnect', lost);
      socket.off('connect_error', lost);
      socket.off('snapshot.reload', reload);
      socket.disconnect();
    };
  }, [socket]);

  const value = useMemo(
    () => ({ socket, status, snapshotGeneration }),
    [socket, status, snapshotGeneration],
  );
  return <RealtimeContext.Provider value={value}>{children}</RealtimeContext.Provider>;
}
