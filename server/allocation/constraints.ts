/**
 * Hard constraints of DESIGN §5, room by room. A room that fails one is never offered.
 */
import { addDays, rangesOverlap, type IsoDate } from '../../shared/dates';
import type { Category, PersonNeed } from '../../shared/enums';
import type {
  AllocationPolicy,
  BookingSnapshot,
  HardConstraint,
  PartyRequest,
  RoomSnapshot,
  SiteSnapshot,
} from './types';

/** Bookings grouped by room and by floor, built once per request. */
export interface BookingIndex {
  byRoom: Map<number, BookingSnapshot[]>;
  /** Key `${siteId}:${floor}`. */
  byFloor: Map<string, BookingSnapshot[]>;
}

export const floorKey = (siteId: number, floor: number) => `${siteId}:${floor}`;

export function indexBookings(
  rooms: readonly RoomSnapshot[],
  bookings: readonly BookingSnapshot[],
  ignorePartyId?: number,
): BookingIndex {
  const roomById = new Map(rooms.map((r) => [r.id, r]));
  const byRoom = new Map<number, BookingSnapshot[]>();
  const byFloor = new Map<string, BookingSnapshot[]>();
  for (const booking of bookings) {
    if (ignorePartyId !== undefined && booking.partyId === ignorePartyId) continue;
    const room = roomById.get(booking.roomId);
    if (!room) continue;
    const list = byRoom.get(booking.roomId);
    if (list) list.push(booking);
    else byRoom.set(booking.roomId, [booking]);
    const key = floorKey(room.siteId, room.floor);
    const floorList = byFloor.get(key);
    if (floorList) floorList.push(booking);
    else byFloor.set(key, [booking]);
  }
  return { byRoom, byFloor };
}

/**
 * Does a booking block the nights [entry, release)? Both stays are extended by the cleaning
 * buffer: a room is free again `cleaningNights` after a stay ends, in either direction.
 */
export function blocksNights(
  booking: { start: IsoDate; end: IsoDate },
  entry: IsoDate,
  release: IsoDate,
  cleaningNights: number,
): boolean {
  return rangesOverlap(
    booking.start,
    addDays(booking.end, cleaningNights),
    entry,
    addDays(release, cleaningNights),
  );
}

/** Categories of the people on a floor during the nights [entry, release). */
export function floorCategories(
  floorBookings: readonly BookingSnapshot[] | undefined,
  entry: IsoDate,
  release: IsoDate,
): Set<Category> {
  const out = new Set<Category>();
  for (const b of floorBookings ?? []) {
    if (rangesOverlap(b.start, b.end, entry, release)) out.add(b.category);
  }
  return out;
}

export interface Unit {
  /** People who would sleep in the room. */
  size: number;
  needs: ReadonlySet<PersonNeed>;
}

/**
 * The first hard constraint the room breaks for a unit of the party, or null if it may be
 * offered. Checked in HARD_CONSTRAINTS order so rejection counts are stable.
 */
export function firstBrokenConstraint(
  room: RoomSnapshot,
  site: SiteSnapshot | undefined,
  unit: Unit,
  party: PartyRequest,
  bookings: BookingIndex,
  policy: AllocationPolicy,
  floorCategoriesOf: (room: RoomSnapshot) => ReadonlySet<Category>,
): HardConstraint | null {
  if (!site) return 'siteStatus';
  if (!(site.status === 'active' || (site.status === 'standby' && party.allowStandby))) {
    return 'siteStatus';
  }
  if (!site.acceptedCategories.includes(party.category)) return 'siteCategory';
  if (room.status !== 'available') return 'roomStatus';
  if (room.beds < unit.size) return 'beds';
  if (unit.needs.has('wheelchair') && !room.accessible) return 'needs';
  for (const booking of bookings.byRoom.get(room.id) ?? []) {
    if (blocksNights(booking, party.entryDate, party.releaseDate, policy.cleaningNights)) {
      return 'nights';
    }
  }
  if (policy.oneCategoryPerFloor) {
    for (const category of floorCategoriesOf(room)) {
      if (category !== party.category) return 'floorCategory';
    }
  }
  return null;
}
