/**
 * Every hard rule of placement (DESIGN §5, README "Placement rules"), each stated once, in the
 * terms a reader checks against the README, and the rule of what holds a bed. Every path calls
 * these: the engine behind suggestions and automatic placement, chosen rooms and the re-check
 * under lock, move, extension, the waiting list's drain, occupancy and the invariant checker.
 * Speed is added around them (indexes, caching in the engine), never by a second encoding.
 *
 * Pure: no I/O. The bed-holding rule also has its SQL form here, built from the same enums.
 */
import { addDays, canonicalDate, rangesOverlap, type IsoDate } from '../../shared/dates';
import {
  CURRENT_STAY_STATUSES,
  ENDED_STAY_STATUSES,
  EXPECTED_STAY_STATUSES,
  type Category,
  type HardConstraint,
  type PersonNeed,
  type RoomFeature,
  type StayStatus,
} from '../../shared/enums';
import type { BookingSnapshot, RoomSnapshot, SiteRules } from './types';

// ── The site ──────────────────────────────────────────────────────────────────────────────────

/** siteStatus: an active site takes people; a standby site only when the request may open it. */
export function siteTakesIntake(site: Pick<SiteRules, 'status'>, allowStandby: boolean): boolean {
  return site.status === 'active' || (site.status === 'standby' && allowStandby);
}

/** siteCategory: the site accepts the party's category. */
export function siteAcceptsCategory(
  site: Pick<SiteRules, 'acceptedCategories'>,
  category: Category,
): boolean {
  return site.acceptedCategories.includes(category);
}

// ── The room ──────────────────────────────────────────────────────────────────────────────────

/** roomStatus: only an available room takes people (not one cleaning or out of service). */
export function roomInService(room: Pick<RoomSnapshot, 'status'>): boolean {
  return room.status === 'available';
}

/** beds: the room has a bed for everyone who sleeps in it. */
export function roomHasBeds(room: Pick<RoomSnapshot, 'beds'>, people: number): boolean {
  return room.beds >= people;
}

/** The room feature a need demands (the other needs are met by the site's staff, not the room). */
const FEATURE_NEEDED: Partial<Record<PersonNeed, RoomFeature>> = { wheelchair: 'accessible' };

/** Whether any of these needs asks something of the room itself. */
export function needsRoomFeature(needs: Iterable<PersonNeed>): boolean {
  for (const need of needs) if (FEATURE_NEEDED[need]) return true;
  return false;
}

/** needs: the room has every feature its occupants' needs demand (a wheelchair: accessible). */
export function roomMeetsNeeds(
  room: Pick<RoomSnapshot, RoomFeature>,
  needs: Iterable<PersonNeed>,
): boolean {
  for (const need of needs) {
    const feature = FEATURE_NEEDED[need];
    if (feature && !room[feature]) return false;
  }
  return true;
}

// ── The nights ────────────────────────────────────────────────────────────────────────────────

/**
 * The nights [entry, release) a party asks for, and what the cleaning buffer makes of them: a
 * room is free again `cleaningNights` after a stay ends, in either direction, so a booking
 * [start, end) is in the way when start < release + cleaning and end + cleaning > entry.
 * Dates compare as strings (canonical copies: the engine compares them tens of thousands of
 * times a request).
 */
export interface NightWindow {
  entry: IsoDate;
  release: IsoDate;
  /** release + cleaning nights: a booking starting before this may be in the way. */
  blockedBefore: IsoDate;
  /** entry − cleaning nights: a booking ending after this may be in the way. */
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

/**
 * nights: one party per room, always — another party's booking of the room blocks the window
 * when the two overlap once each is widened by the cleaning buffer.
 */
export function blocksNights(held: { start: IsoDate; end: IsoDate }, window: NightWindow): boolean {
  return rangesOverlap(held.start, held.end, window.blockedAfter, window.blockedBefore);
}

/** A booking is on the floor during the window's own nights (no buffer: the people, not the room). */
export function sharesNights(held: { start: IsoDate; end: IsoDate }, window: NightWindow): boolean {
  return rangesOverlap(held.start, held.end, window.entry, window.release);
}

/** floorCategory: with "one category per floor" on, two categories never share a floor's nights. */
export function categoriesClash(a: Category, b: Category, oneCategoryPerFloor: boolean): boolean {
  return oneCategoryPerFloor && a !== b;
}

// ── The household ─────────────────────────────────────────────────────────────────────────────

/** householdFloor: a household's rooms are all on one floor of one site. */
export function onOneFloor(rooms: ReadonlyArray<Pick<RoomSnapshot, 'siteId' | 'floor'>>): boolean {
  return rooms.every((r) => r.siteId === rooms[0].siteId && r.floor === rooms[0].floor);
}

// ── What holds a bed ──────────────────────────────────────────────────────────────────────────

const CURRENT = new Set<string>(CURRENT_STAY_STATUSES);
const ENDED = new Set<string>(ENDED_STAY_STATUSES);

/** A stay in a current status (reserved, in transit, checked in) holds its room. */
export function isCurrentStatus(status: StayStatus): boolean {
  return CURRENT.has(status);
}

/**
 * The night after the last one a stay keeps its room from others: its planned release while
 * current, but a checked-in person past it holds the bed until released (through tomorrow, as
 * seen today); the release date once it ended early or on time (the cleaning buffer runs from
 * there); null for a cancelled stay, which holds nothing.
 */
export function heldUntil(
  stay: { status: StayStatus; plannedReleaseDate: IsoDate; releaseDate: IsoDate | null },
  today: IsoDate,
): IsoDate | null {
  if (ENDED.has(stay.status)) return stay.releaseDate;
  if (!CURRENT.has(stay.status)) return null;
  const tomorrow = addDays(today, 1);
  return stay.status === 'checked_in' && stay.plannedReleaseDate < tomorrow
    ? tomorrow
    : stay.plannedReleaseDate;
}

/**
 * Whether a stay occupies a bed on `day`: current, begun, and either before its planned release
 * or checked in (an overdue release still holds its bed). OCCUPIES_DAY_SQL says the same in SQL.
 */
export function holdsBedOn(
  stay: { status: StayStatus; entryDate: IsoDate; plannedReleaseDate: IsoDate },
  day: IsoDate,
): boolean {
  return (
    CURRENT.has(stay.status) &&
    stay.entryDate <= day &&
    (stay.plannedReleaseDate > day || stay.status === 'checked_in')
  );
}

const sqlList = (values: readonly string[]) => `(${values.map((v) => `'${v}'`).join(', ')})`;

/** CURRENT_STAY_STATUSES as an SQL list: the statuses that hold a room. */
export const CURRENT_STATUSES_SQL = sqlList(CURRENT_STAY_STATUSES);
/** `('released', 'transferred')`: stays that ended and left their room to be cleaned. */
export const ENDED_STATUSES_SQL = sqlList(ENDED_STAY_STATUSES);
/** Stays that hold nights of a room, current or ended (a cancelled one held none). */
export const NIGHTS_HELD_STATUSES_SQL = sqlList([...CURRENT_STAY_STATUSES, ...ENDED_STAY_STATUSES]);
/** Reserved or in transit: a current stay whose person has not arrived yet. */
export const EXPECTED_STATUSES_SQL = sqlList(EXPECTED_STAY_STATUSES);

/** holdsBedOn as an SQL condition on `stays` aliased `st`, for the replacement `:day`. */
export const OCCUPIES_DAY_SQL =
  `st.status IN ${CURRENT_STATUSES_SQL} AND st.entryDate <= :day ` +
  `AND (st.plannedReleaseDate > :day OR st.status = 'checked_in')`;

/** The end of a stay's nights in SQL (before the checked-in hold): release date once ended. */
export function stayEndSql(alias: string): string {
  return `CASE WHEN ${alias}.status IN ${ENDED_STATUSES_SQL} THEN ${alias}.releaseDate ELSE ${alias}.plannedReleaseDate END`;
}

// ── The rules together ────────────────────────────────────────────────────────────────────────

/** What the rules ask of one request, once: who, which category, which nights. */
export interface RuleRequest {
  /** The party's own bookings are left out (a move or an extension re-places its own nights). */
  partyId: number | undefined;
  category: Category;
  window: NightWindow;
  allowStandby: boolean;
  oneCategoryPerFloor: boolean;
}

/** The people who would sleep in one room, and their needs. */
export interface Unit {
  size: number;
  needs: readonly PersonNeed[];
}

/**
 * The first site rule a site breaks for the request, or null (a missing site is not open).
 * Checked before the room rules, in HARD_CONSTRAINTS order, so rejection counts are stable.
 */
export function brokenSiteRule(
  site: Pick<SiteRules, 'status' | 'acceptedCategories'> | undefined,
  request: RuleRequest,
): 'siteStatus' | 'siteCategory' | null {
  if (!site || !siteTakesIntake(site, request.allowStandby)) return 'siteStatus';
  if (!siteAcceptsCategory(site, request.category)) return 'siteCategory';
  return null;
}

/** The bookings of a floor as the room rules read them (another party's, by room). */
export interface FloorBookings {
  /** Bookings of another party in this room that block the request's nights. */
  blockerOf(roomId: number): BookingSnapshot | undefined;
  /** A booking of another category on the floor during the request's nights, if that matters. */
  otherCategory: BookingSnapshot | undefined;
}

/** Reads a floor's bookings (every room of one floor) against the request, once per floor. */
export function floorBookings(
  bookings: readonly BookingSnapshot[],
  request: RuleRequest,
): FloorBookings {
  const blockers = new Map<number, BookingSnapshot>();
  let otherCategory: BookingSnapshot | undefined;
  for (const b of bookings) {
    if (b.partyId === request.partyId) continue;
    if (!blockers.has(b.roomId) && blocksNights(b, request.window)) blockers.set(b.roomId, b);
    if (
      otherCategory === undefined &&
      sharesNights(b, request.window) &&
      categoriesClash(b.category, request.category, request.oneCategoryPerFloor)
    ) {
      otherCategory = b;
    }
  }
  return { blockerOf: (roomId) => blockers.get(roomId), otherCategory };
}

/** The first room rule the room breaks for a unit of the request, or null if it may take them. */
export function brokenRoomRule(
  room: RoomSnapshot,
  unit: Unit,
  floor: FloorBookings,
): Exclude<HardConstraint, 'siteStatus' | 'siteCategory' | 'householdFloor'> | null {
  if (!roomInService(room)) return 'roomStatus';
  if (!roomHasBeds(room, unit.size)) return 'beds';
  if (!roomMeetsNeeds(room, unit.needs)) return 'needs';
  if (floor.blockerOf(room.id)) return 'nights';
  if (floor.otherCategory) return 'floorCategory';
  return null;
}

/** Every hard constraint of one room for one unit, in HARD_CONSTRAINTS order. */
export function firstBrokenConstraint(
  room: RoomSnapshot,
  site: Pick<SiteRules, 'status' | 'acceptedCategories'> | undefined,
  unit: Unit,
  floor: FloorBookings,
  request: RuleRequest,
): HardConstraint | null {
  return brokenSiteRule(site, request) ?? brokenRoomRule(room, unit, floor);
}
