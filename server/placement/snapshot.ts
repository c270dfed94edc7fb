/**
 * Loads what the allocation engine needs from the database, with raw queries (tens of thousands
 * of rows at province scale: no model instances). Everything runs inside the caller's
 * transaction.
 */
import { QueryTypes, type Transaction } from 'sequelize';
import { addDays, canonicalDate, type IsoDate } from '../../shared/dates';
import type { Category, SiteStatus } from '../../shared/enums';
import { StatementBatch } from '../db/statementBatch';
import type { BookingSnapshot, RoomSnapshot, SiteRules, SiteSnapshot } from '../allocation/types';
import { Site } from '../models';
import { listSitesWithOccupancy } from '../queries/sites';

interface Window {
  entryDate: IsoDate;
  releaseDate: IsoDate;
  cleaningNights: number;
  /** Today: a checked-in stay past its planned release still holds its room until released. */
  today: IsoDate;
}

/** Active sites, and standby ones when they may be opened, with beds and occupancy on entry. */
export async function loadSites(
  transaction: Transaction | undefined,
  options: { entryDate: IsoDate; allowStandby: boolean; ids?: number[] },
): Promise<SiteSnapshot[]> {
  const rows = await listSitesWithOccupancy(
    Site.sequelize!,
    options.entryDate,
    { status: options.allowStandby ? ['active', 'standby'] : ['active'], ids: options.ids },
    transaction,
  );
  return rows.map(({ site, occupancy }) => ({
    id: site.id,
    status: site.status,
    latitude: Number(site.latitude),
    longitude: Number(site.longitude),
    acceptedCategories: site.acceptedCategories,
    beds: occupancy.beds,
    occupied: occupancy.occupied,
  }));
}

interface SiteRulesRow {
  id: number;
  status: SiteStatus;
  acceptedCategories: string;
}

const toSiteRules = (r: SiteRulesRow): SiteRules => ({
  id: Number(r.id),
  status: r.status,
  acceptedCategories: JSON.parse(r.acceptedCategories) as Category[],
});

export interface RoomRow {
  id: number;
  siteId: number;
  floor: number;
  number: string;
  beds: number;
  accessible: number | boolean;
  family: number | boolean;
  status: RoomSnapshot['status'];
}

export const toRoom = (r: RoomRow): RoomSnapshot => ({
  id: Number(r.id),
  siteId: Number(r.siteId),
  floor: Number(r.floor),
  number: r.number,
  beds: Number(r.beds),
  accessible: Boolean(Number(r.accessible)),
  family: Boolean(Number(r.family)),
  status: r.status,
});

// `accessible` is a reserved word in MySQL: quote every column.
export const ROOM_COLUMNS =
  '`id`, `siteId`, `floor`, `number`, `beds`, `accessible`, `family`, `status`';

/** Every room of the given sites (the engine counts those it refuses, e.g. still cleaning). */
export async function loadSiteRooms(
  transaction: Transaction | undefined,
  siteIds: number[],
): Promise<RoomSnapshot[]> {
  if (siteIds.length === 0) return [];
  const rows = await Site.sequelize!.query<RoomRow>(
    `SELECT ${ROOM_COLUMNS} FROM rooms WHERE siteId IN (:siteIds)`,
    { type: QueryTypes.SELECT, replacements: { siteIds }, transaction },
  );
  return rows.map(toRoom);
}

/** lockFloors({ wait: false }) found a room locked by another transaction. */
export class RoomsBusy extends Error {
  constructor() {
    super('rooms locked by another transaction');
    this.name = 'RoomsBusy';
  }
}

/** MariaDB answers NOWAIT with a lock wait time-out (1205), MySQL 8 with ER_LOCK_NOWAIT (3572). */
const LOCK_BUSY_ERRNOS = new Set([1205, 3572]);

function lockWasBusy(error: unknown): boolean {
  const errno = (error as { parent?: { errno?: number } } | null)?.parent?.errno;
  return errno !== undefined && LOCK_BUSY_ERRNOS.has(errno);
}

/**
 * Locks rooms by primary key, in id order (so two transactions never wait on each other in a
 * cycle), and returns them as they are now: one stay's room, for a change to that stay. On MySQL
 * this is a record lock per row, no gap lock. SQLite ignores FOR UPDATE; its IMMEDIATE
 * transaction already holds the write lock.
 */
export async function lockRooms(
  transaction: Transaction,
  roomIds: number[],
): Promise<RoomSnapshot[]> {
  if (roomIds.length === 0) return [];
  const sequelize = Site.sequelize!;
  const rows = await sequelize.query<RoomRow>(
    `SELECT ${ROOM_COLUMNS} FROM rooms WHERE id IN (:roomIds) ORDER BY id ${forUpdateClause(sequelize.getDialect(), true)}`,
    { type: QueryTypes.SELECT, replacements: { roomIds }, transaction },
  );
  return rows.map(toRoom);
}

function forUpdateClause(dialect: string, wait: boolean | undefined): string {
  return dialect === 'sqlite' ? '' : wait === false ? 'FOR UPDATE NOWAIT' : 'FOR UPDATE';
}

/** The rooms on the floors of the given rooms (the subquery's own rows are not locked). */
const ON_FLOORS_OF = '(siteId, floor) IN (SELECT siteId, floor FROM rooms WHERE id IN (?))';

/** A floor (or floors) locked, with what the hard constraints read of it, as committed now. */
export interface LockedFloor {
  rooms: RoomSnapshot[];
  sites: SiteRules[];
  bookings: BookingSnapshot[];
}

/**
 * Locks every room on the floors of `roomIds` (the scope of the one-category rule) and reads
 * them, their sites' rules and their bookings in `window` — one round trip: the reads run after
 * the lock is granted, in the same batch. On MySQL the rows are locked through the (siteId,
 * floor) index, one floor's rooms in id order: two transactions locking the same floor take its
 * rows in the same order, so they queue rather than deadlock.
 *
 * `wait: false` (MySQL) gives up at once with RoomsBusy when another transaction holds one of
 * them, so the caller can try another floor. Rows it did lock stay locked until the transaction
 * ends (InnoDB keeps a failed statement's locks): it never waits on them afterwards, so that
 * cannot deadlock, it only holds them a little longer.
 */
export async function lockFloors(
  transaction: Transaction,
  roomIds: number[],
  window: Window,
  options: { wait?: boolean } = {},
): Promise<LockedFloor> {
  const batch = new StatementBatch(Site.sequelize!);
  const floor = queueFloorLock(batch, roomIds, bookingRange(window).from, options);
  try {
    await batch.run(transaction);
  } catch (error) {
    if (options.wait === false && lockWasBusy(error)) throw new RoomsBusy();
    throw error;
  }
  return floor.take(window);
}

/** A floor lock queued in a caller's batch; `take` once the batch ran. */
export interface QueuedFloorLock {
  /** Whether the bookings read reach back far enough for this window. */
  covers(window: Window): boolean;
  take(window: Window): LockedFloor;
}

/**
 * Queues lockFloors' statements in a caller's batch, reading ended stays back to `readFrom` and
 * current ones whatever their dates (a floor holds few), so the window may be settled after the
 * batch ran (a chosen room is locked in the same round trip as the party is read). A caller
 * that queues a NOWAIT lock turns the busy error into RoomsBusy itself (lockFloors does).
 */
export function queueFloorLock(
  batch: StatementBatch,
  roomIds: number[],
  readFrom: IsoDate,
  options: { wait?: boolean } = {},
): QueuedFloorLock {
  const dialect = Site.sequelize!.getDialect();
  // The floor's index, always: a table scan (which the optimizer may pick on a small or freshly
  // filled table) would lock, or wait for, every room of the city.
  // The site's rules ride along as scalar subqueries: read, not locked (checked on MariaDB 10.11;
  // MySQL 8 locks a subquery's rows only when it says FOR UPDATE itself), and only on the given
  // rooms' rows (a floor is in one site): on all 25 they cost more than a statement of their own.
  const rooms = batch.select<RoomRow & { siteStatus: SiteStatus | null; siteCategories: string }>(
    `SELECT ${ROOM_COLUMNS},
       CASE WHEN id IN (?) THEN (SELECT status FROM sites WHERE sites.id = rooms.siteId) END
         AS siteStatus,
       CASE WHEN id IN (?) THEN (SELECT acceptedCategories FROM sites WHERE sites.id = rooms.siteId) END
         AS siteCategories
     FROM rooms ${dialect === 'sqlite' ? '' : 'FORCE INDEX (rooms_site_floor)'}
     WHERE ${ON_FLOORS_OF} ORDER BY id ${forUpdateClause(dialect, options.wait)}`,
    [roomIds, roomIds, roomIds],
  );
  const bookings = queueBookings(
    batch,
    `st.roomId IN (SELECT id FROM rooms WHERE ${ON_FLOORS_OF})`,
    [roomIds],
    { from: readFrom },
  );
  return {
    covers: (window) => bookingRange(window).from >= readFrom,
    take: (window) => {
      const sites = new Map<number, SiteRules>();
      for (const r of rooms.value) {
        const id = Number(r.siteId);
        if (r.siteStatus !== null && !sites.has(id)) {
          sites.set(
            id,
            toSiteRules({ id, status: r.siteStatus, acceptedCategories: r.siteCategories }),
          );
        }
      }
      return {
        rooms: rooms.value.map(toRoom),
        sites: [...sites.values()],
        bookings: bookings(window),
      };
    },
  };
}

/**
 * Contention is a write (DESIGN §6): a change to a stay or a room bumps the room's version, so on
 * a multi-master cluster two conflicting changes cannot both commit (a placement writes its site's
 * occupancy version instead, which every such change also writes).
 */
export async function bumpRoomVersions(transaction: Transaction, roomIds: number[]): Promise<void> {
  if (roomIds.length === 0) return;
  const batch = new StatementBatch(Site.sequelize!);
  batch.write('UPDATE rooms SET version = version + 1 WHERE id IN (?)', [roomIds]);
  await batch.run(transaction);
}

export interface BookingRow {
  roomId: number;
  partyId: number;
  category: Category;
  start: string;
  end: string;
  people: number | string;
  checkedIn: number | string;
}

/** A booking row as the engine sees it; a checked-in party holds its room until `holdUntil` (tomorrow). */
export function toBooking(r: BookingRow, holdUntil: IsoDate): BookingSnapshot {
  const end = String(r.end).slice(0, 10);
  return {
    roomId: Number(r.roomId),
    partyId: Number(r.partyId),
    category: r.category,
    start: canonicalDate(String(r.start).slice(0, 10)),
    // A checked-in party past its planned release still holds the room until released.
    end: canonicalDate(Number(r.checkedIn) && end < holdUntil ? holdUntil : end),
    people: Number(r.people),
  };
}

/**
 * Bookings (one per party and room) that touch [entry − cleaning, release + cleaning) in the given
 * rooms: current stays, and ended ones whose cleaning buffer may still reach the window.
 */
export async function loadBookings(
  transaction: Transaction | undefined,
  roomIds: number[] | { siteIds: number[] },
  window: Window,
): Promise<BookingSnapshot[]> {
  if (Array.isArray(roomIds) ? roomIds.length === 0 : roomIds.siteIds.length === 0) return [];
  const batch = new StatementBatch(Site.sequelize!);
  const bookings = Array.isArray(roomIds)
    ? queueBookings(batch, 'st.roomId IN (?)', [roomIds], bookingRange(window))
    : queueBookings(
        batch,
        'st.roomId IN (SELECT id FROM rooms WHERE siteId IN (?))',
        [roomIds.siteIds],
        bookingRange(window),
        false,
      );
  await batch.run(transaction);
  return bookings(window);
}

/** A stay as the bookings read returns it, before it is grouped per party and room. */
interface StayNightsRow {
  roomId: number;
  partyId: number;
  category: Category;
  entryDate: string;
  endDate: string;
  status: string;
}

/** One booking per party and room: first entry, last end, people, anyone checked in. */
function groupByPartyAndRoom(rows: readonly StayNightsRow[]): BookingRow[] {
  const bookings = new Map<string, BookingRow>();
  for (const r of rows) {
    const key = `${r.roomId}/${r.partyId}`;
    const start = String(r.entryDate).slice(0, 10);
    const end = String(r.endDate).slice(0, 10);
    const checkedIn = r.status === 'checked_in' ? 1 : 0;
    const b = bookings.get(key);
    if (!b) {
      bookings.set(key, {
        roomId: r.roomId,
        partyId: r.partyId,
        category: r.category,
        start,
        end,
        people: 1,
        checkedIn,
      });
      continue;
    }
    if (start < b.start) b.start = start;
    if (end > b.end) b.end = end;
    b.people = Number(b.people) + 1;
    b.checkedIn = Math.max(Number(b.checkedIn), checkedIn);
  }
  return [...bookings.values()];
}

const CURRENT = "st.status IN ('reserved', 'in_transit', 'checked_in')";
const ENDED = "st.status IN ('released', 'transferred') AND st.releaseDate > ?";

/**
 * Adds the bookings read to a batch; `inRooms` is a condition on `st.roomId` with `params`.
 * Stays come back one per row and are grouped here (a GROUP BY over a derived table cost MariaDB
 * three times the server CPU). A few rooms (`narrow`): one scan of each room's stays by the
 * (roomId, entryDate) index; whole sites: current and ended stays as two branches, so the ended
 * ones are found through the (status, releaseDate) index instead of every room's history.
 */
function queueBookings(
  batch: StatementBatch,
  inRooms: string,
  params: unknown[],
  read: { from: IsoDate; to?: IsoDate },
  narrow = true,
): (window: Window) => BookingSnapshot[] {
  const select = `SELECT st.roomId, st.partyId, p.category, st.entryDate,
       CASE WHEN st.status IN ('released', 'transferred') THEN st.releaseDate
         ELSE st.plannedReleaseDate END AS endDate, st.status
     FROM stays st JOIN parties p ON p.id = st.partyId`;
  const before = read.to ? 'AND st.entryDate < ?' : '';
  const to = read.to ? [read.to] : [];
  const rows = narrow
    ? batch.select<StayNightsRow>(
        `${select} WHERE ${inRooms} ${before} AND (${CURRENT} OR (${ENDED}))`,
        [...params, ...to, read.from],
      )
    : batch.select<StayNightsRow>(
        `${select} WHERE ${CURRENT} AND ${inRooms} ${before}
         UNION ALL
         ${select} WHERE ${ENDED} AND ${inRooms} ${before}`,
        [...params, ...to, read.from, ...params, ...to],
      );
  return (window) => {
    const { from, to: until } = bookingRange(window);
    if (from < read.from || (read.to !== undefined && until > read.to)) {
      throw new Error('Bookings were read for a narrower window than asked');
    }
    // The window's own bounds, per stay, before grouping: exactly what a read bounded by them
    // would have returned, however wide the read was.
    const inWindow = rows.value.filter(
      (r) =>
        String(r.entryDate).slice(0, 10) < until &&
        (!ENDED_STATUSES.has(r.status) || String(r.endDate).slice(0, 10) > from),
    );
    const holdUntil = addDays(window.today, 1);
    return groupByPartyAndRoom(inWindow)
      .map((r) => toBooking(r, holdUntil))
      .filter((b) => b.end > from);
  };
}

const ENDED_STATUSES = new Set(['released', 'transferred']);

/** The nights whose bookings matter to a window: its own, widened by the cleaning buffer. */
function bookingRange(window: Window): { from: IsoDate; to: IsoDate } {
  return {
    from: addDays(window.entryDate, -window.cleaningNights),
    to: addDays(window.releaseDate, window.cleaningNights),
  };
}
