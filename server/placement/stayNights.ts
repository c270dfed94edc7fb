/**
 * The one read of stays as the nights they hold a room, for the engine: the city reader
 * (citySnapshot.ts) and the floor a placement locks (floorLock.ts) both read stays here, and turn
 * them into bookings the same way, by the bed-holding rule (allocation/rules.ts).
 */
import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';
import { canonicalDate, type IsoDate } from '../../shared/dates';
import type { Category, StayStatus } from '../../shared/enums';
import { CURRENT_STATUSES_SQL, ENDED_STATUSES_SQL, heldUntil } from '../allocation/rules';
import type { BookingSnapshot } from '../allocation/types';

/** A stay with what its nights and its bed depend on. */
export interface StayNights {
  roomId: number;
  partyId: number;
  category: Category;
  status: StayStatus;
  entryDate: IsoDate;
  plannedReleaseDate: IsoDate;
  releaseDate: IsoDate | null;
}

/** Whose stays: every room of some sites, or every room on the floors of some rooms. */
export type StayScope = { siteIds: number[] } | { floorsOfRooms: number[] };

/** The rooms on the floors of the given rooms (the subquery's own rows are not locked). */
export const ON_FLOORS_OF = '(siteId, floor) IN (SELECT siteId, floor FROM rooms WHERE id IN (?))';

/** Up to this many sites, their current stays are found from their rooms. */
const FEW_SITES = 10;

interface Row {
  roomId: number;
  partyId: number;
  category: Category;
  status: StayStatus;
  entryDate: string | Date;
  plannedReleaseDate: string | Date;
  releaseDate: string | Date | null;
}

const SELECT = `SELECT st.roomId, st.partyId, p.category, st.status, st.entryDate,
    st.plannedReleaseDate, st.releaseDate
  FROM stays st JOIN parties p ON p.id = st.partyId`;
const ENDED_AFTER = `st.status IN ${ENDED_STATUSES_SQL} AND st.releaseDate > ?`;

/**
 * Current stays whatever their dates, and ended ones released after `endedAfter` (whose cleaning
 * buffer may still reach the nights asked for). The statement's shape depends on the scope, for
 * speed on a province (1,000,000 past stays): a floor's few rooms are read by the (roomId,
 * entryDate) index; a few sites' current stays from their rooms (CROSS JOIN keeps SQLite from
 * walking all 40,000 current stays by status: 21 ms against 2 ms); many sites by status, with the
 * ended ones found through the (status, releaseDate) index instead of every room's history.
 */
export async function readStayNights(
  sequelize: Sequelize,
  transaction: Transaction | undefined,
  scope: StayScope,
  endedAfter: IsoDate,
): Promise<StayNights[]> {
  let sql: string;
  let replacements: unknown[];
  if ('floorsOfRooms' in scope) {
    if (scope.floorsOfRooms.length === 0) return [];
    sql = `${SELECT} WHERE st.roomId IN (SELECT id FROM rooms WHERE ${ON_FLOORS_OF})
      AND (st.status IN ${CURRENT_STATUSES_SQL} OR (${ENDED_AFTER}))`;
    replacements = [scope.floorsOfRooms, endedAfter];
  } else {
    if (scope.siteIds.length === 0) return [];
    const inSites = 'st.roomId IN (SELECT id FROM rooms WHERE siteId IN (?))';
    const current =
      scope.siteIds.length <= FEW_SITES
        ? `SELECT st.roomId, st.partyId, p.category, st.status, st.entryDate,
             st.plannedReleaseDate, st.releaseDate
           FROM rooms r CROSS JOIN stays st JOIN parties p ON p.id = st.partyId
           WHERE r.siteId IN (?) AND st.roomId = r.id AND st.status IN ${CURRENT_STATUSES_SQL}`
        : `${SELECT} WHERE st.status IN ${CURRENT_STATUSES_SQL} AND ${inSites}`;
    sql = `${current} UNION ALL ${SELECT} WHERE ${ENDED_AFTER} AND ${inSites}`;
    replacements = [scope.siteIds, endedAfter, scope.siteIds];
  }
  const rows = await sequelize.query<Row>(sql, {
    type: QueryTypes.SELECT,
    replacements,
    transaction,
  });
  return rows.map((r) => ({
    roomId: Number(r.roomId),
    partyId: Number(r.partyId),
    category: r.category,
    status: r.status,
    entryDate: day(r.entryDate),
    plannedReleaseDate: day(r.plannedReleaseDate),
    releaseDate: r.releaseDate === null ? null : day(r.releaseDate),
  }));
}

/** A driver's DATE as a canonical `YYYY-MM-DD` (compared tens of thousands of times a request). */
function day(value: string | Date): IsoDate {
  return canonicalDate((value instanceof Date ? value.toISOString() : String(value)).slice(0, 10));
}

/**
 * One booking per party and room: from its first entry to the end of the nights its stays hold
 * (rules.heldUntil, as seen `today`), with its people. Cancelled stays hold nothing.
 */
export function bookingsOf(stays: readonly StayNights[], today: IsoDate): BookingSnapshot[] {
  const bookings = new Map<string, BookingSnapshot>();
  for (const stay of stays) {
    const end = heldUntil(stay, today);
    if (end === null) continue;
    const key = `${stay.roomId}/${stay.partyId}`;
    const known = bookings.get(key);
    if (!known) {
      bookings.set(key, {
        roomId: stay.roomId,
        partyId: stay.partyId,
        category: stay.category,
        start: stay.entryDate,
        end: canonicalDate(end),
        people: 1,
      });
      continue;
    }
    if (stay.entryDate < known.start) known.start = stay.entryDate;
    if (end > known.end) known.end = canonicalDate(end);
    known.people += 1;
  }
  return [...bookings.values()];
}
