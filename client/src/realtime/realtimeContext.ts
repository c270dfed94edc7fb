/**
 * What RealtimeProvider shares: the socket (null while signed out) and its status. Views listen
 * with `useRealtimeEvent`; they never open sockets of their own.
 */
import { createContext, useContext, useEffect, useRef } from 'react';
import type { ServerToClientEvents } from '../../../shared/events';
import type { ConnectionStatus, HavenSocket } from './connection';

export interface RealtimeContextValue {
  socket: HavenSocket | null;
  status: ConnectionStatus;
  /**
   * Grows each time the server says events may have been missed (first connect, reconnect
   * without recovery): views that hold server data reload it when this changes.
   */
  snapshotGeneration: number;
}

export const RealtimeContext = createContext<RealtimeContextValue>({
  socket: null,
  status: 'offline',
  snapshotGeneration: 0,
});

export function useRealtime(): RealtimeContextValue {
  return useContext(RealtimeContext);
}

/** Calls `handler` for every `event` the server sends, for as long as the component is mounted. */
export function useRealtimeEvent<E extends keyof ServerToClientEvents>(
  event: E,
  handler: ServerToClientEvents[E],
): void {
  const { socket } = useRealtime();
  // The latest handler, so callers need not memoize it and the listener is not re-attached.
  const latest = useRef(handler);
  useEffect(() => {
    latest.current = handler;
  });
  useEffect(() => {
    if (!socket) return;
    const listener = ((...args: Parameters<ServerToClientEvents[E]>) =>
      (latest.current as (...a: Parameters<ServerToClientEvents[E]>) => void)(
        ...args,
      )) as unknown as ServerToClientEvents[E];
    // Socket.IO's typed `on` cannot see that E is one key of the map; the cast keeps E's types.
    const typed = socket as unknown as {
      on(e: E, l: ServerToClientEvents[E]): void;
      off(e: E, l: ServerToClientEvents[E]): void;
    };
    typed.on(event, listener);
    return () => typed.off(event, listener);
  }, [socket, event]);
}
