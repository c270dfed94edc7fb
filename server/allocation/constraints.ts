/**
 * Hard constraints of DESIGN §5, room by room. A room that fails one is never offered.
 */
import { addDays, canonicalDate, type IsoDate } from '../../shared/dates';
import { CATEGORIES, type Category, type PersonNeed } from '../../shared/enums';
import type {
  AllocationPolicy,
  BookingSnapshot,
  HardConstraint,
  PartyRequest,
  RoomSnapshot,
  SiteRules,
} from './types';

/** Bookings grouped by room and by floor, built once per request. */
export interface BookingIndex {
  byRoom: Map<number, BookingSnapshot[]>;
  /** Key `floorKey(siteId, floor)`. */
  byFloor: Map<number, BookingSnapshot[]>;
  /** Parties that hold nights, so a kept index can be reused for a party that holds none. */
  parties: { has(partyId: number): boolean };
}

/**
 * One number per floor of a site: tens of thousands of lookups a request, and number keys hash
 * without building a string each time. Floors are whole numbers, well inside ±5,000 (validated
 * 1–200; shared/validations.ts).
 */
export const floorKey = (siteId: number, floor: number) => siteId * 10_000 + floor;

export function indexBookings(
  rooms: readonly RoomSnapshot[],
  bookings: readonly BookingSnapshot[],
  ignorePartyId?: number,
): BookingIndex {
  const roomById = new Map(rooms.map((r) => [r.id, r]));
  const byRoom = new Map<number, BookingSnapshot[]>();
  const byFloor = new Map<number, BookingSnapshot[]>();
  const parties = new Set<number>();
  for (const booking of bookings) {
    if (ignorePartyId !== undefined && booking.partyId === ignorePartyId) continue;
    parties.add(booking.partyId);
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
  return { byRoom, byFloor, parties };
}

/**
 * The party's nights [entry, release) and, computed once per request, the range a booking must
 * stay out of: both stays are extended by the cleaning buffer (a room is free again
 * `cleaningNights` after a stay ends, in either direction), so a booking [start, end) blocks the
 * party exactly when start < release + cleaning and end + cleaning > entry, i.e.
 * end > entry − cleaning. Dates compare as strings; no date is parsed in the inner loop.
 */
export interface NightWindow {
  entry: IsoDate;
  release: IsoDate;
  /** release + cleaning nights: a booking starting before this may block. */
  blockedBefore: IsoDate;
  /** entry − cleaning nights: a booking ending after this may block. */
  blockedAfter: IsoDate;
}

export function nightWindow(entry: IsoDate, release: IsoDate, cleaningNights: number): NightWindow {
  return {
    entry: canonicalDate(entry),
    release: canonicalDate(release),
    blockedBefore: canonicalDate(addDays(release, cleaningNights)),
    blockedAfter: canonicalDate(addDays(entry, -cleaningNights)),
  };
}

export function windowBlockedBy(booking: { start: IsoDate; end: IsoDate }, w: NightWindow) {
  return booking.start < w.blockedBefore && booking.end > w.blockedAfter;
}

/** Does a booking block the nights [entry, release), cleaning buffers included? */
export function blocksNights(
  booking: { start: IsoDate; end: IsoDate },
  entry: IsoDate,
  release: IsoDate,
  cleaningNights: number,
): boolean {
  return windowBlockedBy(booking, nightWindow(entry, release, cleaningNights));
}

/** One bit per category, so a floor's mix is a number: no Set per floor per request. */
const CATEGORY_BIT = new Map(CATEGORIES.map((c, i) => [c, 1 << i]));
export const categoryBit = (category: Category) => CATEGORY_BIT.get(category)!;

/** Categories (as bits) of the people on a floor during the nights [entry, release). */
export function floorCategories(
  floorBookings: readonly BookingSnapshot[] | undefined,
  entry: IsoDate,
  release: IsoDate,
): number {
  let bits = 0;
  for (const b of floorBookings ?? []) {
    if (b.start < release && entry < b.end) bits |= categoryBit(b.category);
  }
  return bits;
}

export interface Unit {
  /** People who would sleep in the room. */
  size: number;
  needs: ReadonlySet<PersonNeed>;
}

/** What every room of one request is checked against, with the per-floor work cached. */
export interface RoomCheck {
  party: PartyRequest;
  window: NightWindow;
  bookings: BookingIndex;
  oneCategoryPerFloor: boolean;
  /** `floorCategories` of the room's floor, computed once per floor. */
  floorCategoriesOf(room: RoomSnapshot): number;
}

export function roomCheck(
  party: PartyRequest,
  bookings: BookingIndex,
  policy: AllocationPolicy,
): RoomCheck {
  const categoryCache = new Map<number, number>();
  const window = nightWindow(party.entryDate, party.releaseDate, policy.cleaningNights);
  return {
    party,
    window,
    bookings,
    oneCategoryPerFloor: policy.oneCategoryPerFloor,
    floorCategoriesOf(room) {
      const key = floorKey(room.siteId, room.floor);
      let categories = categoryCache.get(key);
      if (categories === undefined) {
        categories = floorCategories(bookings.byFloor.get(key), window.entry, window.release);
        categoryCache.set(key, categories);
      }
      return categories;
    },
  };
}

/**
 * The first hard constraint the room breaks for a unit of the party, or null if it may be
 * offered. Checked in HARD_CONSTRAINTS order so rejection counts are stable.
 */
export function firstBrokenConstraint(
  room: RoomSnapshot,
  site: SiteRules | undefined,
  unit: Unit,
  check: RoomCheck,
): HardConstraint | null {
  const { party } = check;
  if (!site) return 'siteStatus';
  if (!(site.status === 'active' || (site.status === 'standby' && party.allowStandby))) {
    return 'siteStatus';
  }
  if (!site.acceptedCategories.includes(party.category)) return 'siteCategory';
  if (room.status !== 'available') return 'roomStatus';
  if (room.beds < unit.size) return 'beds';
  if (unit.needs.has('wheelchair') && !room.accessible) return 'needs';
  for (const booking of check.bookings.byRoom.get(room.id) ?? []) {
    if (windowBlockedBy(booking, check.window)) return 'nights';
  }
  if (check.oneCategoryPerFloor && check.floorCategoriesOf(room) & ~categoryBit(party.category)) {
    return 'floorCategory';
  }
  return null;
}
