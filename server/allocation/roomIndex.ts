/**
 * Rooms and bookings arranged by site and floor, the way the engine settles them: a site that
 * breaks a site rule is rejected whole, a floor's rooms are ordered once (not on every request),
 * and a floor's bookings are at hand for its rules (allocation/rules.ts). Built by a pure function
 * from rooms and bookings, so it can be kept between requests (server/placement/citySnapshot.ts
 * keeps one per site); the rules themselves are never encoded here.
 */
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
   * Indexes into `rooms` by beds, then id. For one unit the score on a floor varies only with the
   * beds (best fit), so this is the floor's own ranking: the engine reads it from the top and
   * stops early.
   */
  byBeds: readonly number[];
  /** The bookings of the floor's rooms. */
  bookings: readonly BookingSnapshot[];
}

export interface SiteRooms {
  siteId: number;
  roomCount: number;
  /** Parties holding nights in the site's rooms (a party being moved has its own left out). */
  parties: ReadonlySet<number>;
  /** By floor number. */
  floors: readonly FloorRooms[];
}

/** One floor's rooms (any order) and their bookings, arranged for the engine. */
export function indexFloor(
  siteId: number,
  floor: number,
  rooms: readonly RoomSnapshot[],
  bookings: readonly BookingSnapshot[],
): FloorRooms {
  const ordered = [...rooms].sort((a, b) => compareRoomNumbers(a.number, b.number) || a.id - b.id);
  const byBeds = ordered
    .map((_, i) => i)
    .sort((i, j) => ordered[i].beds - ordered[j].beds || ordered[i].id - ordered[j].id);
  return { siteId, floor, rooms: ordered, byBeds, bookings };
}

/**
 * One site's rooms and the bookings that hold them (bookings of other rooms are ignored, as the
 * engine ignores bookings of rooms it does not know).
 */
export function indexSiteRooms(
  siteId: number,
  rooms: readonly RoomSnapshot[],
  bookings: readonly BookingSnapshot[],
): SiteRooms {
  const roomsByFloor = groupBy(rooms, (r) => r.floor);
  const floorOf = new Map(rooms.map((r) => [r.id, r.floor]));
  const bookingsByFloor = new Map<number, BookingSnapshot[]>();
  const parties = new Set<number>();
  for (const booking of bookings) {
    const floor = floorOf.get(booking.roomId);
    if (floor === undefined) continue;
    parties.add(booking.partyId);
    pushTo(bookingsByFloor, floor, booking);
  }
  return {
    siteId,
    roomCount: rooms.length,
    parties,
    floors: [...roomsByFloor.keys()]
      .sort((a, b) => a - b)
      .map((floor) =>
        indexFloor(siteId, floor, roomsByFloor.get(floor)!, bookingsByFloor.get(floor) ?? []),
      ),
  };
}

/** Every site of `rooms`, each with the bookings of its rooms. */
export function indexRooms(
  rooms: readonly RoomSnapshot[],
  bookings: readonly BookingSnapshot[],
): SiteRooms[] {
  const bySite = groupBy(rooms, (r) => r.siteId);
  const siteOf = new Map(rooms.map((r) => [r.id, r.siteId]));
  const bookingsBySite = groupBy(
    bookings.filter((b) => siteOf.has(b.roomId)),
    (b) => siteOf.get(b.roomId)!,
  );
  return [...bySite].map(([siteId, list]) =>
    indexSiteRooms(siteId, list, bookingsBySite.get(siteId) ?? []),
  );
}

/**
 * The site with more bookings filed (a placement just committed, seen by whoever made it):
 * only the floors they touch are arranged again. A booking of a room the site does not know is
 * left out, as indexSiteRooms leaves it out.
 */
export function withBookings(site: SiteRooms, added: readonly BookingSnapshot[]): SiteRooms {
  const floorOf = new Map(site.floors.flatMap((f) => f.rooms.map((r) => [r.id, f.floor])));
  const known = added.filter((b) => floorOf.has(b.roomId));
  if (known.length === 0) return site;
  const addedByFloor = groupBy(known, (b) => floorOf.get(b.roomId)!);
  return {
    ...site,
    parties: new Set([...site.parties, ...known.map((b) => b.partyId)]),
    floors: site.floors.map((f) => {
      const more = addedByFloor.get(f.floor);
      return more ? { ...f, bookings: [...f.bookings, ...more] } : f;
    }),
  };
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function groupBy<K, V>(values: readonly V[], key: (v: V) => K): Map<K, V[]> {
  const map = new Map<K, V[]>();
  for (const v of values) pushTo(map, key(v), v);
  return map;
}
