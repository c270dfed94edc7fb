/**
 * Rooms and bookings arranged by site and floor, the way the engine settles them: a site that
 * fails a site-level constraint is rejected with one addition, a floor's rooms are ordered once
 * (not on every request), and a floor's bookings are at hand for its night, category and cohort
 * checks. Built by a pure function from the same rooms and bookings the engine would otherwise
 * walk one by one, so it can be kept between requests (server/placement/citySnapshot.ts keeps one
 * per site) and must give exactly the full walk's result (test/allocation/roomIndex.test.ts).
 */
import { dayNumber } from '../../shared/dates';
import { categoryBit } from './constraints';
import type { BookingSnapshot, RoomSnapshot } from './types';

// One collator for every comparison: `localeCompare` with options builds one per call.
const roomNumberCollator = new Intl.Collator('en', { numeric: true });

/** Room numbers compared as people read them: 98 < 101 < 1001, then by text. */
export function compareRoomNumbers(a: string, b: string): number {
  return roomNumberCollator.compare(a, b);
}

export interface FloorRooms {
  siteId: number;
  floor: number;
  /** Every room of the floor in number order, then id: a household's span counts rooms between. */
  rooms: readonly RoomSnapshot[];
  /**
   * The floor's `available` rooms by beds, then id. For one unit the score on a floor varies only
   * with the beds (best fit), so this is the floor's own ranking: the engine reads it from the top
   * and stops early.
   */
  available: readonly RoomSnapshot[];
  /** The bookings of the floor's rooms. */
  bookings: readonly BookingSnapshot[];
  /**
   * The same bookings packed in one array, HELD_FIELDS numbers each (HELD_START, …), read on
   * every request for every floor (40,000 at province scale): nights as day numbers, the category
   * as its bit and the room as its index in `rooms`, so the checks compare numbers side by side
   * instead of visiting objects across the heap.
   */
  held: Float64Array;
  /**
   * By index in `rooms`: twice the beds of an available room (0 for one that is not), plus 1 if
   * it is accessible. What a booking's room is checked against, read without visiting the room.
   */
  roomFit: Int32Array;
  /** The beds of `available[i]`. */
  availableBeds: Int32Array;
  /** `availableAt[i]`: the index in `rooms` of `available[i]`. */
  availableAt: Int32Array;
  /** `groupEnd[i]`: the first index in `available` after `i` with other beds than `available[i]`. */
  groupEnd: Int32Array;
  /** `inaccessibleFrom[i]`: rooms in `available[i..]` that are not accessible. */
  inaccessibleFrom: Int32Array;
}

/** The fields of one booking in `FloorRooms.held`. */
export const HELD_START = 0;
export const HELD_END = 1;
export const HELD_CATEGORY = 2;
export const HELD_ROOM = 3;
export const HELD_PARTY = 4;
export const HELD_FIELDS = 5;

export interface SiteRooms {
  siteId: number;
  roomCount: number;
  /** Parties holding nights in the site's rooms (a party being moved has its own left out). */
  parties: ReadonlySet<number>;
  /** By floor number. */
  floors: readonly FloorRooms[];
}

/**
 * One site's rooms and the bookings that hold them (bookings of other rooms are ignored, as the
 * full walk ignores bookings of unknown rooms).
 */
export function indexSiteRooms(
  siteId: number,
  rooms: readonly RoomSnapshot[],
  bookings: readonly BookingSnapshot[],
): SiteRooms {
  const byFloor = new Map<number, RoomSnapshot[]>();
  for (const room of rooms) {
    const list = byFloor.get(room.floor);
    if (list) list.push(room);
    else byFloor.set(room.floor, [room]);
  }
  const at = new Map<number, { floor: number; position: number }>();
  const floors = [...byFloor.keys()].sort((a, b) => a - b);
  const floorBookings = new Map<number, { booking: BookingSnapshot; position: number }[]>();
  for (const floor of floors) {
    const list = byFloor.get(floor)!;
    list.sort((a, b) => compareRoomNumbers(a.number, b.number) || a.id - b.id);
    list.forEach((room, position) => at.set(room.id, { floor, position }));
    floorBookings.set(floor, []);
  }
  for (const booking of bookings) {
    const where = at.get(booking.roomId);
    if (where) floorBookings.get(where.floor)!.push({ booking, position: where.position });
  }
  return {
    siteId,
    roomCount: rooms.length,
    parties: new Set(floors.flatMap((f) => floorBookings.get(f)!.map((h) => h.booking.partyId))),
    floors: floors.map((floor) => {
      const ordered = byFloor.get(floor)!;
      const available = ordered
        .filter((r) => r.status === 'available')
        .sort((a, b) => a.beds - b.beds || a.id - b.id);
      const positionOf = new Map(ordered.map((r, i) => [r.id, i]));
      const inaccessibleFrom = new Int32Array(available.length + 1);
      const groupEnd = new Int32Array(available.length);
      for (let i = available.length - 1; i >= 0; i--) {
        inaccessibleFrom[i] = inaccessibleFrom[i + 1] + (available[i].accessible ? 0 : 1);
        const sameAsNext = i + 1 < available.length && available[i + 1].beds === available[i].beds;
        groupEnd[i] = sameAsNext ? groupEnd[i + 1] : i + 1;
      }
      const held = floorBookings.get(floor)!;
      return {
        siteId,
        floor,
        rooms: ordered,
        available,
        bookings: held.map((h) => h.booking),
        held: Float64Array.from(
          held.flatMap(({ booking, position }) => [
            dayNumber(booking.start),
            dayNumber(booking.end),
            categoryBit(booking.category),
            position,
            booking.partyId,
          ]),
        ),
        roomFit: Int32Array.from(
          ordered.map((r) => (r.status === 'available' ? 2 * r.beds : 0) + (r.accessible ? 1 : 0)),
        ),
        availableBeds: Int32Array.from(available.map((r) => r.beds)),
        availableAt: Int32Array.from(available.map((r) => positionOf.get(r.id)!)),
        groupEnd,
        inaccessibleFrom,
      };
    }),
  };
}

/** Every site of `rooms`, each with the bookings of its rooms. */
export function indexRooms(
  rooms: readonly RoomSnapshot[],
  bookings: readonly BookingSnapshot[],
): SiteRooms[] {
  const bySite = new Map<number, RoomSnapshot[]>();
  for (const room of rooms) {
    const list = bySite.get(room.siteId);
    if (list) list.push(room);
    else bySite.set(room.siteId, [room]);
  }
  const siteOf = new Map(rooms.map((r) => [r.id, r.siteId]));
  const bookingsBySite = new Map<number, BookingSnapshot[]>();
  for (const booking of bookings) {
    const siteId = siteOf.get(booking.roomId);
    if (siteId === undefined) continue;
    const list = bookingsBySite.get(siteId);
    if (list) list.push(booking);
    else bookingsBySite.set(siteId, [booking]);
  }
  return [...bySite].map(([siteId, list]) =>
    indexSiteRooms(siteId, list, bookingsBySite.get(siteId) ?? []),
  );
}
