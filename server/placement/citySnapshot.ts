/**
 * The one city reader: the open sites with their rooms and bookings for the engine, kept per
 * process between requests and refreshed site by site. Every change to a site's rooms or stays
 * bumps `sites.occupancyVersion` in its own transaction (occupancyVersion.ts), so one read of the
 * open sites' rows tells which kept sites are stale — changed here or in any other process — and
 * only those are read again. At province scale this replaces reading 50,000 rooms and 40,000
 * bookings on every suggestion with reading 500 site rows.
 *
 * Freshness is the version alone: a kept site is used exactly when its version equals the one just
 * read (a placement of this process files its own stays when its commit was the site's only change
 * since: fileCommittedStays). Its rooms and stays are read after the version, so they are at least as new as the
 * version they are filed under: a change is never missed, at worst read twice. And the reader
 * only proposes: a placement re-checks its rooms under row locks (chooseRooms.verifyUnderLock).
 *
 * Anything that writes rooms or stays outside the services (seeders, benchmarks resetting state)
 * must bump the sites' versions, or call `forgetCity`.
 */
import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';
import { addDays, type IsoDate } from '../../shared/dates';
import type { Category, SiteStatus } from '../../shared/enums';
import { indexSiteRooms, withBookings, type SiteRooms } from '../allocation/roomIndex';
import { holdsBedOn } from '../allocation/rules';
import type { RoomSnapshot, SiteSnapshot } from '../allocation/types';
import { ROOM_COLUMNS, toRoom, type RoomRow } from './roomRows';
import { bookingsOf, readStayNights, type StayNights } from './stayNights';

interface SiteEntry {
  version: number;
  /** Beds in rooms that are not out of service. */
  beds: number;
  /** The site's stays, for the people holding a bed on a given night. */
  stays: StayNights[];
  /** People holding a bed, by night asked for (most parties enter today). */
  occupiedByDay: Map<IsoDate, number>;
  /** The rooms and bookings by floor, as the engine reads them (allocation/roomIndex.ts). */
  floors: SiteRooms;
}

interface CityCache {
  /** Bookings kept depend on today (checked-in holds, ended stays) and the cleaning buffer. */
  key: string;
  today: IsoDate;
  sites: Map<number, SiteEntry>;
}

const caches = new WeakMap<Sequelize, CityCache>();

/** Drops what this process holds for the database (tests truncate tables between cases). */
export function forgetCity(sequelize: Sequelize): void {
  caches.delete(sequelize);
}

/**
 * Files stays this process has just committed into its kept site, instead of reading the site
 * again on the next request — only when the version the commit left is the kept one plus one,
 * i.e. that commit was the site's only change since it was read. Otherwise the kept site stays as
 * it is, and the next read finds it stale by its version as usual.
 */
export function fileCommittedStays(
  sequelize: Sequelize,
  committed: { siteId: number; version: number; stays: readonly StayNights[] },
): void {
  const cache = caches.get(sequelize);
  const entry = cache?.sites.get(committed.siteId);
  if (!cache || !entry || entry.version !== committed.version - 1) return;
  cache.sites.set(committed.siteId, {
    version: committed.version,
    beds: entry.beds,
    stays: [...entry.stays, ...committed.stays],
    occupiedByDay: new Map(),
    floors: withBookings(entry.floors, bookingsOf(committed.stays, cache.today)),
  });
}

export interface CityOptions {
  today: IsoDate;
  cleaningNights: number;
  /** The party's first night: `SiteSnapshot.occupied` is counted on it. Not before today. */
  entryDate: IsoDate;
  allowStandby: boolean;
  /** Only these sites (a site manager's own); all when absent. */
  siteIds?: number[];
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

export async function loadCity(
  sequelize: Sequelize,
  transaction: Transaction | undefined,
  options: CityOptions,
): Promise<City> {
  if (options.entryDate < options.today) {
    throw new Error('loadCity keeps bookings from today on: an entry cannot be in the past');
  }
  const key = `${options.today}|${options.cleaningNights}`;
  let cache = caches.get(sequelize);
  if (!cache || cache.key !== key) {
    cache = { key, today: options.today, sites: new Map() };
    caches.set(sequelize, cache);
  }
  const rows = await readOpenSites(sequelize, transaction, options);
  const stale = rows
    .map((r) => ({ id: Number(r.id), version: Number(r.occupancyVersion) }))
    .filter((r) => cache.sites.get(r.id)?.version !== r.version);
  if (stale.length) {
    for (const [id, entry] of await readSites(sequelize, transaction, stale, options)) {
      cache.sites.set(id, entry);
    }
  }

  const sites: SiteSnapshot[] = [];
  const floors: SiteRooms[] = [];
  const labels = new Map<number, SiteLabel>();
  for (const row of rows) {
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

/** The sites the engine may propose (active, and standby when allowed), with their versions. */
function readOpenSites(
  sequelize: Sequelize,
  transaction: Transaction | undefined,
  options: Pick<CityOptions, 'allowStandby' | 'siteIds'>,
): Promise<SiteRow[]> {
  const statuses: SiteStatus[] = options.allowStandby ? ['active', 'standby'] : ['active'];
  const scoped = options.siteIds !== undefined;
  return sequelize.query<SiteRow>(
    `SELECT id, code, name, status, latitude, longitude, acceptedCategories, occupancyVersion
     FROM sites WHERE status IN (?) ${scoped ? 'AND id IN (?)' : ''} ORDER BY id`,
    {
      type: QueryTypes.SELECT,
      replacements: scoped
        ? [statuses, options.siteIds!.length ? options.siteIds : [0]]
        : [statuses],
      transaction,
    },
  );
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

/** People holding a bed on `day`, by the bed-holding rule. */
function occupiedOn(entry: SiteEntry, day: IsoDate): number {
  let people = entry.occupiedByDay.get(day);
  if (people === undefined) {
    people = entry.stays.filter((stay) => holdsBedOn(stay, day)).length;
    entry.occupiedByDay.set(day, people);
  }
  return people;
}

/** Rooms and stays of the given sites, as new entries filed under the versions read before. */
async function readSites(
  sequelize: Sequelize,
  transaction: Transaction | undefined,
  stale: { id: number; version: number }[],
  options: CityOptions,
): Promise<Map<number, SiteEntry>> {
  const siteIds = stale.map((s) => s.id);
  const roomRows = await sequelize.query<RoomRow>(
    `SELECT ${ROOM_COLUMNS} FROM rooms WHERE siteId IN (?)`,
    { type: QueryTypes.SELECT, replacements: [siteIds], transaction },
  );
  // Every current stay, and the ended ones whose cleaning buffer still reaches today: the engine
  // checks each against the party's nights, whatever they are.
  const stays = await readStayNights(
    sequelize,
    transaction,
    { siteIds },
    addDays(options.today, -options.cleaningNights),
  );
  const rooms = new Map<number, RoomSnapshot[]>(siteIds.map((id) => [id, []]));
  const siteOfRoom = new Map<number, number>();
  for (const row of roomRows) {
    const room = toRoom(row);
    rooms.get(room.siteId)!.push(room);
    siteOfRoom.set(room.id, room.siteId);
  }
  const staysBySite = new Map<number, StayNights[]>(siteIds.map((id) => [id, []]));
  // A stay in a room added between the two reads: its site's version has moved, the next read has it.
  for (const stay of stays) staysBySite.get(siteOfRoom.get(stay.roomId) ?? -1)?.push(stay);
  return new Map(
    stale.map(({ id, version }) => {
      const siteRooms = rooms.get(id)!;
      const siteStays = staysBySite.get(id)!;
      return [
        id,
        {
          version,
          beds: siteRooms.reduce((n, r) => n + (r.status === 'out_of_service' ? 0 : r.beds), 0),
          stays: siteStays,
          occupiedByDay: new Map(),
          floors: indexSiteRooms(id, siteRooms, bookingsOf(siteStays, options.today)),
        },
      ];
    }),
  );
}
