/**
 * Events, typed once for server and client (CONVENTIONS habit 8): names are `resource.verb`.
 *
 * - `DomainEventMap`: what services raise after their transaction commits (server/events/bus.ts).
 * - `ServerToClientEvents` / `ClientToServerEvents`: what goes over Socket.IO
 *   (server/realtime/). Socket payloads carry ids, counts and statuses only: never a name, an ID
 *   number or a phone, so every room's audience may see all of them.
 */
import type { IsoDate } from './dates';
import type { Occupancy } from './dto';
import type { RoomStatus, SiteStatus, StayStatus } from './enums';

/** A site whose occupancy a change altered, with the version that change gave it. */
export interface SiteVersion {
  siteId: number;
  /** `sites.occupancyVersion` after the change: grows by one per committed change, never falls. */
  version: number;
}

export type StayAction = 'check_in' | 'release' | 'cancel' | 'extend' | 'move';
export type RoomAction =
  'create' | 'update' | 'mark_cleaned' | 'back_in_service' | 'out_of_service';
export type SiteAction = 'create' | 'update' | 'activate' | 'suspend' | 'close';

export interface DomainEventMap {
  /** A party was placed: new stays in one site. */
  'stay.created': { partyId: number; stayIds: number[]; roomIds: number[]; sites: SiteVersion[] };
  /** Stays changed status or dates (a move ends the old stays and creates new ones). */
  'stay.changed': {
    action: StayAction;
    partyId: number;
    stayIds: number[];
    status: StayStatus;
    sites: SiteVersion[];
  };
  'room.changed': {
    action: RoomAction;
    siteId: number;
    roomIds: number[];
    status: RoomStatus | null;
    /** Empty when the update changed nothing (every real change of a room moves the version). */
    sites: SiteVersion[];
  };
  'site.changed': {
    action: SiteAction;
    siteId: number;
    status: SiteStatus;
    /** Empty when the change did not alter the site's occupancy (descriptive fields). */
    sites: SiteVersion[];
  };
  /** `expired`: the party's quarantine ended before a room was found; it left the list. */
  'waitingList.changed': { action: 'queued' | 'placed' | 'expired'; partyId: number };
  /**
   * Sessions ended: one (logout) or every one of a user (disabled, password reset). Never sent to
   * a client: the realtime layer disconnects the sockets those sessions opened.
   */
  'session.revoked': { sessionId: string } | { userId: number };
  /**
   * A user's role or sites changed. Never sent to a client: the realtime layer closes the user's
   * sockets, whose rooms came from the old role; the dashboard re-reads who it is and reconnects.
   */
  'access.changed': { userId: number };
  alert: { kind: string; siteId: number | null; message: string };
  'job.progress': { jobId: string; kind: string; done: number; total: number };
}

export type DomainEventName = keyof DomainEventMap;

/** One event as the bus carries it: `{ name: 'stay.created', payload: { … } }`. */
export type DomainEvent = {
  [K in DomainEventName]: { name: K; payload: DomainEventMap[K] };
}[DomainEventName];

/** A site's totals today, as the API's `GET /api/sites` computes them, with its version. */
export interface SiteOccupancyMessage {
  siteId: number;
  /** Drop a message whose version is not above the last one applied for this site. */
  version: number;
  /** The day the totals are for (the server's "today" in APP_TIMEZONE). */
  date: IsoDate;
  status: SiteStatus;
  occupancy: Occupancy;
}

/**
 * `connected`: a first connection; `not_recovered`: too long away, or a restart without Redis;
 * `recovered_partly`: recovered, but something was sent while its sign-in was being checked again,
 * which Socket.IO does not deliver to a socket that is not connected yet.
 */
export type SnapshotReloadReason = 'connected' | 'not_recovered' | 'recovered_partly';

export interface ServerToClientEvents {
  /** Coalesced: at most one per changed site per flush (a few per second). */
  'site.occupancy': (message: SiteOccupancyMessage) => void;
  /** The connection was not recovered: events may have been missed, reload `/api/sites`. */
  'snapshot.reload': (message: { reason: SnapshotReloadReason }) => void;
  'site.changed': (payload: DomainEventMap['site.changed']) => void;
  /** Coalesced: "the waiting list changed, `changes` times since the last message". */
  'waitingList.changed': (payload: { changes: number }) => void;
  alert: (payload: DomainEventMap['alert']) => void;
  'job.progress': (payload: DomainEventMap['job.progress']) => void;
}

/** Why `site.join` was refused: stable words the dashboard translates. */
export type JoinError = 'not found' | 'forbidden' | 'invalid site id';

export type JoinAck = (
  result: { ok: true; room: string } | { ok: false; error: JoinError },
) => void;

export interface ClientToServerEvents {
  /** Officials and admins: follow one site's room too (site managers are joined to theirs). */
  'site.join': (siteId: number, ack: JoinAck) => void;
  'site.leave': (siteId: number, ack: JoinAck) => void;
}

/** Socket.IO rooms. */
export const OVERVIEW_ROOM = 'overview';
export const TRANSPORT_ROOM = 'transport';
export const WAITING_LIST_ROOM = 'waitingList';
export const siteRoom = (siteId: number) => `site:${siteId}`;
