/**
 * The rooms and bookings of the open sites, kept per process between requests and refreshed site
 * by site: every change to a site's rooms or stays bumps `sites.occupancyVersion` in the same
 * transaction (server/events/occupancyVersion.ts), so one cheap read of the sites' versions tells
 * which sites changed since they were loaded — here or in any other process — and only those are
 * read again. At province scale this replaces reading 50,000 rooms and 40,000 bookings on every
 * suggestion with reading 500 site rows.
 *
 * The snapshot only proposes: a placement re-checks its rooms under row locks
 * (chooseRooms.verifyUnderLock), so a site changed between the version read and the room read can
 * cost a retry, never a wrong booking. Data is always at least as new as the version it is filed
 * under (the versions are read first), so a change is never missed, at worst read twice.
 *
 * It may be filled inside a placing transaction only because placements read before they write:
 * what it reads there is committed data. Anything that writes rooms or stays outside the services
 * (seeders, benchmarks resetting state) must bump the sites' versions, or call `forgetCity`.
 */
import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';
import { addDays, canonicalDate, type IsoDate } from '../../shared/dates';
import type { Category, SiteStatus } from '../../shared/enums';
import { indexSiteRooms, type SiteRooms } from '../allocation/roomIndex';
import type { BookingSnapshot, RoomSnapshot, SiteSnapshot } from '../allocation/types';
import { CURRENT_STATUSES_SQL } from '../queries/occupancy';
import { StatementBatch, type StatementResult } from '../db/statementBatch';
import { ROOM_COLUMNS, toBooking, toRoom, type BookingRow, type RoomRow } from './snapshot';

/** A booking with what the per-site occupancy on a given night needs. */
interface CachedBooking extends BookingSnapshot {
  /** A current stay (reserved, in transit, checked in), not one released in the buffer. */
  current: boolean;
  checkedIn: boolean;
  /** The planned release before a checked-in party's hold is extended to tomorrow. */
  plannedEnd: IsoDate;
}

interface SiteEntry {
  version: number;
  rooms: RoomSnapshot[];
  /**
   * The bookings by floor, and what filing a placement looks up: the floor of each room and the
   * bookings already held (`bookingKey`). Kept so that filing one placement costs the floor it
   * touched, not the site (it ran on every automatic placement: a tenth of Haven's CPU there).
   */
  bookingsByFloor: Map<number, CachedBooking[]>;
  floorOf: Map<number, number>;
  keys: Set<string>;
  /** Beds in rooms that are not out of service. */
  beds: number;
  /** People holding a bed, by night asked for (most parties enter today); kept up to date. */
  occupiedByDay: Map<IsoDate, number>;
  /**
   * The rooms and bookings by floor, as the engine reads them (allocation/roomIndex.ts): built
   * once when the site is read, so a request settles whole sites and floors instead of walking
   * 45,000 rooms.
   */
  floors: SiteRooms;
}

interface CityCache {
  /** Bookings kept depend on today (checked-in holds, ended stays) and the cleaning buffer. */
  key: string;
  sites: Map<number, SiteEntry>;
  /**
   * This process's committed bookings that arrived before the one committed just before them
   * (concurrent placements in one site finish in any order), by site, then by version.
   */
  early: Map<number, Map<number, readonly BookingSnapshot[]>>;
}

/** Early bookings kept per site at most: a gap that does not fill is a change made elsewhere. */
const EARLY_KEPT = 32;

const caches = new WeakMap<Sequelize, CityCache>();

/** Drops what this process holds for the database (tests truncate tables between cases). */
export function forgetCity(sequelize: Sequelize): void {
  caches.delete(sequelize);
}

/** Bookings a placement of this process committed in one site, with the version it left. */
export interface CommittedBookings {
  siteId: number;
  /** The site's occupancy version after the placement's commit. */
  version: number;
  bookings: readonly BookingSnapshot[];
}

/**
 * Files a placement this process just committed into the kept site, instead of reading the site
 * again on the next request: only once the kept entry is the version right before it (nothing
 * else changed the site in between, here or elsewhere; one that arrives before its predecessor
 * waits for it), and only on the floors it touched. Otherwise the entry is left as it is, and the
 * version read re-reads the site as before. A booking already there (read after the commit but
 * filed under the older version) is not doubled.
 */
export function noteCommittedBookings(sequelize: Sequelize, committed: CommittedBookings): void {
  const cache = caches.get(sequelize);
  const entry = cache?.sites.get(committed.siteId);
  if (!cache || !entry || committed.version <= entry.version) return;
  let early = cache.early.get(committed.siteId);
  if (!early) cache.early.set(committed.siteId, (early = new Map()));
  early.set(committed.version, committed.bookings);
  if (early.size > EARLY_KEPT) early.delete(Math.min(...early.keys()));
  applyEarly(cache, committed.siteId);
}

/**
 * Writes of this process to a site's version in transactions that have not finished yet, by
 * site: the version each wrote once known (null while its statement is on its way, or committing
 * with it). Their bookings are filed when they commit; until then a site read at one of those
 * versions needs no second read for them. (Verified under lock in any case: the snapshot only
 * proposes.)
 */
const ownInFlight = new WeakMap<Sequelize, Map<number, Set<{ version: number | null }>>>();

export interface VersionInFlight {
  /** The version the write gave the site. */
  settle(version: number): void;
  /** Forget it: call once its transaction has ended, committed or not. */
  forget(): void;
}

/**
 * Notes, before sending it, that this process's open transaction is about to bump `siteId`'s
 * version (its COMMIT may travel with it, so the new version can be seen elsewhere before this
 * process has read it back).
 */
export function noteVersionInFlight(sequelize: Sequelize, siteId: number): VersionInFlight {
  let bySite = ownInFlight.get(sequelize);
  if (!bySite) ownInFlight.set(sequelize, (bySite = new Map()));
  let writes = bySite.get(siteId);
  if (!writes) bySite.set(siteId, (writes = new Set()));
  const write = { version: null as number | null };
  writes.add(write);
  return {
    settle: (version) => {
      write.version = version;
    },
    forget: () => {
      writes.delete(write);
      if (writes.size === 0 && bySite.get(siteId) === writes) bySite.delete(siteId);
    },
  };
}

/**
 * The kept entry serves a site read at `version` when it is that version, or when every version
 * after it up to `version` is this process's own placement, committed and waiting to be filed or
 * still committing (one whose version is not known yet stands for any one of them): the entry
 * then only lacks bookings this process is about to file.
 */
function isCurrent(sequelize: Sequelize, cache: CityCache, siteId: number, version: number) {
  const entry = cache.sites.get(siteId);
  if (!entry) return false;
  // Newer than the version read (filed by this process since): newer data serves as well.
  if (entry.version >= version) return true;
  const early = cache.early.get(siteId);
  const writes = [...(ownInFlight.get(sequelize)?.get(siteId) ?? [])];
  const known = new Set(writes.map((w) => w.version));
  let unknown = writes.filter((w) => w.version === null).length;
  for (let v = entry.version + 1; v <= version; v++) {
    if (early?.has(v) || known.has(v)) continue;
    if (unknown-- === 0) return false;
  }
  return true;
}

/** Applies the kept bookings that follow the site's entry without a gap, oldest first. */
function applyEarly(cache: CityCache, siteId: number): void {
  const entry = cache.sites.get(siteId);
  const early = cache.early.get(siteId);
  if (!entry || !early) return;
  for (const version of [...early.keys()]) if (version <= entry.version) early.delete(version);
  for (let next = early.get(entry.version + 1); next; next = early.get(entry.version + 1)) {
    early.delete(entry.version + 1);
    if (!addBookings(siteId, entry, next)) {
      // A room this entry does not know (added since): the next version read re-reads the site.
      early.clear();
      return;
    }
    entry.version += 1;
  }
}

const bookingKey = (b: BookingSnapshot) => `${b.roomId}/${b.partyId}`;

/** Adds bookings to a site entry, re-indexing only the floors they touch; false if it cannot. */
function addBookings(
  siteId: number,
  entry: SiteEntry,
  bookings: readonly BookingSnapshot[],
): boolean {
  const added = bookings.filter((b) => !entry.keys.has(bookingKey(b)));
  if (added.some((b) => !entry.floorOf.has(b.roomId))) return false;
  const touched = new Set<number>();
  for (const b of added) {
    const booking: CachedBooking = { ...b, current: true, checkedIn: false, plannedEnd: b.end };
    const floor = entry.floorOf.get(b.roomId)!;
    entry.keys.add(bookingKey(b));
    fileByFloor(entry.bookingsByFloor, floor, booking);
    touched.add(floor);
    for (const [day, people] of entry.occupiedByDay) {
      if (holdsBedOn(booking, day)) entry.occupiedByDay.set(day, people + booking.people);
    }
  }
  // A new object: requests still running hold the previous one, read-only.
  entry.floors = {
    ...entry.floors,
    parties: new Set([...entry.floors.parties, ...added.map((b) => b.partyId)]),
    floors: entry.floors.floors.map((floor) =>
      touched.has(floor.floor)
        ? indexSiteRooms(siteId, floor.rooms, entry.bookingsByFloor.get(floor.floor) ?? [])
            .floors[0]
        : floor,
    ),
  };
  return true;
}

function fileByFloor(
  byFloor: Map<number, CachedBooking[]>,
  floor: number,
  booking: CachedBooking,
): void {
  const list = byFloor.get(floor);
  if (list) list.push(booking);
  else byFloor.set(floor, [booking]);
}

export interface CityOptions {
  today: IsoDate;
  cleaningNights: number;
  /** The party's first night: `SiteSnapshot.occupied` is counted on it. Not before today. */
  entryDate: IsoDate;
  allowStandby: boolean;
  /** Only these sites (a site manager's own); all when absent. */
  siteIds?: number[];
  /** The site rows, already read by the caller with the same `allowStandby` and `siteIds`. */
  siteRows?: SiteRowsRead;
}

export interface City {
  sites: SiteSnapshot[];
  /**
   * Each site's rooms and bookings by floor, for the engine (`suggest({ sites, floors, … })`).
   * Shared with later requests: read-only.
   */
  floors: SiteRooms[];
  /** Code, name and status by site id, as read with the versions (no second read to label). */
  labels: Map<number, SiteLabel>;
  /** How many sites had to be read again (0 when every site was current): for tests and logs. */
  reloadedSites: number;
}

/** What a suggestion shows of its site, read with the site rows (always fresh). */
export interface SiteLabel {
  code: string;
  name: string;
  status: SiteStatus;
}

interface SiteRow {
  id: number;
  code: string;
  name: string;
  status: SiteStatus;
  latitude: number | string;
  longitude: number | string;
  acceptedCategories: string | Category[];
  occupancyVersion: number | string;
}

/** The open sites with their versions, for loadCity: queued by a caller that batches reads. */
export type SiteRowsRead = StatementResult<SiteRow[]>;

export function queueSiteRows(
  batch: StatementBatch,
  options: Pick<CityOptions, 'allowStandby' | 'siteIds'>,
): SiteRowsRead {
  const statuses: SiteStatus[] = options.allowStandby ? ['active', 'standby'] : ['active'];
  return batch.select<SiteRow>(
    `SELECT id, code, name, status, latitude, longitude, acceptedCategories, occupancyVersion
     FROM sites
     WHERE status IN (?) ${options.siteIds ? 'AND id IN (?)' : ''} ORDER BY id`,
    options.siteIds ? [statuses, options.siteIds.length ? options.siteIds : [0]] : [statuses],
  );
}

export async function loadCity(
  sequelize: Sequelize,
  transaction: Transaction | undefined,
  options: CityOptions,
): Promise<City> {
  if (options.entryDate < options.today) {
    throw new Error('loadCity keeps bookings from today on: use the direct loaders for the past');
  }
  const key = `${options.today}|${options.cleaningNights}`;
  let cache = caches.get(sequelize);
  if (!cache || cache.key !== key) {
    cache = { key, sites: new Map(), early: new Map() };
    caches.set(sequelize, cache);
  }

  let siteRows = options.siteRows?.value;
  if (!siteRows) {
    const batch = new StatementBatch(sequelize);
    const read = queueSiteRows(batch, options);
    await batch.run(transaction);
    siteRows = read.value;
  }
  const stale = siteRows
    .filter((r) => !isCurrent(sequelize, cache, Number(r.id), Number(r.occupancyVersion)))
    .map((r) => ({ id: Number(r.id), version: Number(r.occupancyVersion) }));
  if (stale.length) {
    const loaded = await readSites(sequelize, transaction, stale, options);
    for (const [id, entry] of loaded) {
      // A placement of this process may have filed a newer version meanwhile: keep that one.
      const kept = cache.sites.get(id);
      if (!kept || kept.version < entry.version) {
        cache.sites.set(id, entry);
        applyEarly(cache, id);
      }
    }
  }

  const sites: SiteSnapshot[] = [];
  const floors: SiteRooms[] = [];
  const labels = new Map<number, SiteLabel>();
  for (const row of siteRows) {
    const entry = cache.sites.get(Number(row.id))!;
    sites.push({
      id: Number(row.id),
      status: row.status,
      latitude: Number(row.latitude),
      longitude: Number(row.longitude),
      acceptedCategories: categoriesOf(row.acceptedCategories),
      beds: entry.beds,
      occupied: occupiedOn(entry, options.entryDate),
    });
    floors.push(entry.floors);
    labels.set(Number(row.id), { code: row.code, name: row.name, status: row.status });
  }
  return { sites, floors, labels, reloadedSites: stale.length };
}

// Sites share a handful of category lists: each distinct JSON text is parsed once.
const parsedCategories = new Map<string, Category[]>();

function categoriesOf(value: string | Category[]): Category[] {
  if (typeof value !== 'string') return value;
  let categories = parsedCategories.get(value);
  if (!categories) {
    categories = JSON.parse(value) as Category[];
    if (parsedCategories.size > 1_000) parsedCategories.clear();
    parsedCategories.set(value, categories);
  }
  return categories;
}

/** Whether a booking holds its beds on `day`, as the occupancy SQL counts (queries/occupancy.ts). */
const holdsBedOn = (b: CachedBooking, day: IsoDate) =>
  b.current && b.start <= day && (b.plannedEnd > day || b.checkedIn);

/** People holding a bed on `day`. */
function occupiedOn(entry: SiteEntry, day: IsoDate): number {
  let people = entry.occupiedByDay.get(day);
  if (people === undefined) {
    people = 0;
    for (const onFloor of entry.bookingsByFloor.values()) {
      for (const b of onFloor) if (holdsBedOn(b, day)) people += b.people;
    }
    entry.occupiedByDay.set(day, people);
  }
  return people;
}

/** Up to this many sites read again, their current stays are found from their rooms. */
const FEW_SITES = 10;

/** Rooms and bookings of the given sites, as new entries filed under their versions. */
async function readSites(
  sequelize: Sequelize,
  transaction: Transaction | undefined,
  stale: { id: number; version: number }[],
  options: CityOptions,
): Promise<Map<number, SiteEntry>> {
  const siteIds = stale.map((s) => s.id);
  const entries = new Map<number, Omit<SiteEntry, 'floors'>>(
    stale.map((s) => [
      s.id,
      {
        version: s.version,
        rooms: [],
        bookingsByFloor: new Map(),
        floorOf: new Map(),
        keys: new Set(),
        beds: 0,
        occupiedByDay: new Map(),
      },
    ]),
  );
  const roomRows = await sequelize.query<RoomRow>(
    `SELECT ${ROOM_COLUMNS} FROM rooms WHERE siteId IN (:siteIds)`,
    { type: QueryTypes.SELECT, replacements: { siteIds }, transaction },
  );
  for (const row of roomRows) {
    const room = toRoom(row);
    const entry = entries.get(room.siteId)!;
    entry.rooms.push(room);
    entry.floorOf.set(room.id, room.floor);
    if (room.status !== 'out_of_service') entry.beds += room.beds;
  }
  // Every current stay, and the ended ones whose cleaning buffer still reaches today: the
  // engine checks each against the party's nights, whatever they are.
  //
  // The current stays of a few sites are found from their rooms (CROSS JOIN keeps SQLite from
  // reordering it): SQLite otherwise walks all 40,000 current stays of the province by status to
  // keep those of one site (21 ms against 2 ms, after every placement). For many sites (the first
  // read) the walk by status is the cheaper one (33 ms against 1 s for the whole province).
  // MariaDB plans both forms from the rooms.
  const currentStays =
    siteIds.length <= FEW_SITES
      ? `SELECT st.roomId, st.partyId, st.entryDate, st.plannedReleaseDate AS endDate, 1 AS current,
           CASE WHEN st.status = 'checked_in' THEN 1 ELSE 0 END AS checkedIn
         FROM rooms r CROSS JOIN stays st
         WHERE r.siteId IN (:siteIds) AND st.roomId = r.id
           AND st.status IN ${CURRENT_STATUSES_SQL}`
      : `SELECT roomId, partyId, entryDate, plannedReleaseDate AS endDate, 1 AS current,
           CASE WHEN status = 'checked_in' THEN 1 ELSE 0 END AS checkedIn
         FROM stays
         WHERE status IN ${CURRENT_STATUSES_SQL}
           AND roomId IN (SELECT id FROM rooms WHERE siteId IN (:siteIds))`;
  const bookingRows = await sequelize.query<BookingRow & { siteId: number; current: number }>(
    `SELECT rm.siteId AS siteId, st.roomId AS roomId, st.partyId AS partyId,
       p.category AS category, st.current AS current,
       MIN(st.entryDate) AS start, MAX(st.endDate) AS end, COUNT(*) AS people,
       MAX(st.checkedIn) AS checkedIn
     FROM (
       ${currentStays}
       UNION ALL
       SELECT roomId, partyId, entryDate, releaseDate AS endDate, 0 AS current, 0 AS checkedIn
       FROM stays
       WHERE status IN ('released', 'transferred') AND releaseDate > :from
         AND roomId IN (SELECT id FROM rooms WHERE siteId IN (:siteIds))
     ) st
     JOIN rooms rm ON rm.id = st.roomId
     JOIN parties p ON p.id = st.partyId
     GROUP BY rm.siteId, st.roomId, st.partyId, p.category, st.current`,
    {
      type: QueryTypes.SELECT,
      replacements: { siteIds, from: addDays(options.today, -options.cleaningNights) },
      transaction,
    },
  );
  const holdUntil = addDays(options.today, 1);
  const read = bookingRows.map((row) => ({
    siteId: Number(row.siteId),
    booking: toBooking(row, holdUntil),
    current: Number(row.current) === 1,
    checkedIn: Number(row.checkedIn) === 1,
    plannedEnd: canonicalDate(String(row.end).slice(0, 10)),
  }));
  // Built in a second pass, once the driver's rows are garbage: objects allocated side by side
  // are read in a fraction of the time (34,000 checks: 35 ms when built among the rows, 1.5 ms
  // built together), since the engine walks them all on every request.
  for (const { siteId, booking: b, current, checkedIn, plannedEnd } of read) {
    const entry = entries.get(siteId)!;
    const floor = entry.floorOf.get(b.roomId);
    // A room added between the two reads: its site's version has moved, the next read has it.
    if (floor === undefined) continue;
    const booking: CachedBooking = {
      roomId: b.roomId,
      partyId: b.partyId,
      category: b.category,
      start: b.start,
      end: b.end,
      people: b.people,
      current,
      checkedIn,
      plannedEnd,
    };
    entry.keys.add(bookingKey(booking));
    fileByFloor(entry.bookingsByFloor, floor, booking);
  }
  return new Map(
    [...entries].map(([id, entry]) => [
      id,
      {
        ...entry,
        floors: indexSiteRooms(id, entry.rooms, [...entry.bookingsByFloor.values()].flat()),
      },
    ]),
  );
}
