/**
 * The row locks a change to rooms or stays takes before it checks the rules (README
 * "Concurrency"): one stay's room, or every room on a floor (the scope of "one category per
 * floor"), read with what the rules need as committed now. SQLite ignores FOR UPDATE: its
 * IMMEDIATE transaction already holds the database's write lock.
 */
import { QueryTypes, type Transaction } from 'sequelize';
import { addDays, type IsoDate } from '../../shared/dates';
import type { Category, SiteStatus } from '../../shared/enums';
import type { BookingSnapshot, RoomSnapshot, SiteRules } from '../allocation/types';
import { Room } from '../models';
import { ROOM_COLUMNS, toRoom, type RoomRow } from './roomRows';
import { bookingsOf, ON_FLOORS_OF, readStayNights } from './stayNights';

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

const sequelizeOf = () => Room.sequelize!;

function forUpdate(wait: boolean | undefined): string {
  if (sequelizeOf().getDialect() === 'sqlite') return '';
  return wait === false ? 'FOR UPDATE NOWAIT' : 'FOR UPDATE';
}

/**
 * Locks rooms by primary key, in id order (so two transactions never wait on each other in a
 * cycle), and returns them as they are now: one stay's room, for a change to that stay. On MySQL
 * this is a record lock per row, no gap lock.
 */
export async function lockRooms(
  transaction: Transaction,
  roomIds: number[],
): Promise<RoomSnapshot[]> {
  if (roomIds.length === 0) return [];
  const rows = await sequelizeOf().query<RoomRow>(
    `SELECT ${ROOM_COLUMNS} FROM rooms WHERE id IN (?) ORDER BY id ${forUpdate(true)}`,
    { type: QueryTypes.SELECT, replacements: [roomIds], transaction },
  );
  return rows.map(toRoom);
}

/**
 * Contention is a write (DESIGN §6): a change to a stay or a room bumps the room's version, so on
 * a multi-master cluster two conflicting changes cannot both commit (a placement writes its site's
 * occupancy version instead, which every such change also writes).
 */
export async function bumpRoomVersions(transaction: Transaction, roomIds: number[]): Promise<void> {
  if (roomIds.length === 0) return;
  await Room.increment({ version: 1 }, { where: { id: roomIds }, transaction, silent: true });
}

/** A floor (or floors) locked, with what the hard constraints read of it, as committed now. */
export interface LockedFloor {
  rooms: RoomSnapshot[];
  sites: SiteRules[];
  bookings: BookingSnapshot[];
}

export interface FloorWindow {
  /** The first night asked for: ended stays whose cleaning buffer reaches it are read too. */
  entryDate: IsoDate;
  cleaningNights: number;
  /** Today: a checked-in stay past its planned release still holds its room until released. */
  today: IsoDate;
}

/**
 * Locks every room on the floors of `roomIds` and reads them, their sites' rules and their
 * bookings. On MySQL the rows are locked through the (siteId, floor) index, forced (a table scan,
 * which the optimizer may pick on a small or freshly filled table, would lock every room of the
 * city), one floor's rooms in id order: two transactions locking the same floor take its rows in
 * the same order, so they queue rather than deadlock. The site's rules ride along as scalar
 * subqueries on the given rooms' rows: read, not locked (checked on MariaDB 10.11).
 *
 * `wait: false` (MySQL) gives up at once with RoomsBusy when another transaction holds one of
 * them, so the caller can try another floor. Rows it did lock stay locked until the transaction
 * ends: it never waits on them afterwards, so that cannot deadlock.
 */
export async function lockFloors(
  transaction: Transaction,
  roomIds: number[],
  window: FloorWindow,
  options: { wait?: boolean } = {},
): Promise<LockedFloor> {
  const sequelize = sequelizeOf();
  let rows: (RoomRow & { siteStatus: SiteStatus | null; siteCategories: string | null })[];
  try {
    rows = await sequelize.query(
      `SELECT ${ROOM_COLUMNS},
         CASE WHEN id IN (?) THEN (SELECT status FROM sites WHERE sites.id = rooms.siteId) END
           AS siteStatus,
         CASE WHEN id IN (?) THEN (SELECT acceptedCategories FROM sites WHERE sites.id = rooms.siteId) END
           AS siteCategories
       FROM rooms ${sequelize.getDialect() === 'sqlite' ? '' : 'FORCE INDEX (rooms_site_floor)'}
       WHERE ${ON_FLOORS_OF} ORDER BY id ${forUpdate(options.wait)}`,
      { type: QueryTypes.SELECT, replacements: [roomIds, roomIds, roomIds], transaction },
    );
  } catch (error) {
    if (options.wait === false && lockWasBusy(error)) throw new RoomsBusy();
    throw error;
  }
  const stays = await readStayNights(
    sequelize,
    transaction,
    { floorsOfRooms: roomIds },
    addDays(window.entryDate, -window.cleaningNights),
  );
  const sites = new Map<number, SiteRules>();
  for (const r of rows) {
    const id = Number(r.siteId);
    if (r.siteStatus !== null && r.siteCategories !== null && !sites.has(id)) {
      sites.set(id, {
        id,
        status: r.siteStatus,
        acceptedCategories: JSON.parse(r.siteCategories) as Category[],
      });
    }
  }
  return {
    rooms: rows.map(toRoom),
    sites: [...sites.values()],
    bookings: bookingsOf(stays, window.today),
  };
}
