/**
 * Follows one site live: joins its Socket.IO room (again after every reconnect, since a new
 * connection starts without it) and counts the `site.occupancy` messages for it, dropping any
 * whose version is not newer. Views reload when the returned key changes; it also changes with
 * `snapshotGeneration`, when the server says messages may have been missed.
 */
import { useEffect, useState } from 'react';
import type { JoinError } from '../../../shared/events';
import { useRealtime, useRealtimeEvent } from '../realtime/realtimeContext';

export function useSiteFollow(siteId: number): {
  refreshKey: string;
  joinError: JoinError | null;
} {
  const { socket, snapshotGeneration } = useRealtime();
  const [version, setVersion] = useState(0);
  const [joinError, setJoinError] = useState<JoinError | null>(null);

  useRealtimeEvent('site.occupancy', (message) => {
    if (message.siteId === siteId) setVersion((seen) => Math.max(seen, message.version));
  });

  useEffect(() => {
    if (!socket) return;
    // Site managers are joined to their sites already; the ack says so, and costs nothing.
    const join = () =>
      socket.emit('site.join', siteId, (result) => setJoinError(result.ok ? null : result.error));
    if (socket.connected) join();
    socket.on('connect', join);
    return () => {
      socket.off('connect', join);
      if (socket.connected) socket.emit('site.leave', siteId, () => undefined);
    };
  }, [socket, siteId]);

  return { refreshKey: `${snapshotGeneration}:${version}`, joinError };
}
