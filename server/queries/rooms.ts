/** Read side of rooms: a site's rooms with who is in them today, in one SQL query. */
import type { Sequelize } from 'sequelize';
import type { IsoDate } from '../../shared/dates';
import type { Category } from '../../shared/enums';
import { takeJoinedColumns } from '../db/joinedColumns';
import { Room } from '../models';
import { EXPECTED_STATUSES_SQL, OCCUPIES_DAY_SQL } from '../allocation/rules';

export interface RoomWithOccupancy {
  room: Room;
  /** People holding a bed tonight, whether they have arrived or not. */
  occupants: number;
  /** Of those, the ones checked in. */
  checkedIn: number;
  category: Category | null;
  upcoming: number;
}

export async function listRoomsWithOccupancy(
  sequelize: Sequelize,
  day: IsoDate,
  filter: { siteId: number; floor?: number },
): Promise<RoomWithOccupancy[]> {
  const siteRooms = 'st.roomId IN (SELECT id FROM rooms WHERE siteId = :siteId)';
  const rooms = await sequelize.query(
    `SELECT rm.*, COALESCE(o.occupants, 0) AS occupants, o.category AS category,
       COALESCE(o.checkedIn, 0) AS checkedIn, COALESCE(u.upcoming, 0) AS upcoming
     FROM rooms rm
     LEFT JOIN (
       SELECT st.roomId, COUNT(*) AS occupants, MIN(p.category) AS category,
         SUM(CASE WHEN st.status = 'checked_in' THEN 1 ELSE 0 END) AS checkedIn
       FROM stays st JOIN parties p ON p.id = st.partyId
       WHERE ${OCCUPIES_DAY_SQL} AND ${siteRooms}
       GROUP BY st.roomId
     ) o ON o.roomId = rm.id
     LEFT JOIN (
       SELECT st.roomId, COUNT(*) AS upcoming FROM stays st
       WHERE st.status IN ${EXPECTED_STATUSES_SQL} AND st.entryDate > :day AND ${siteRooms}
       GROUP BY st.roomId
     ) u ON u.roomId = rm.id
     WHERE rm.siteId = :siteId ${filter.floor !== undefined ? 'AND rm.floor = :floor' : ''}
     ORDER BY rm.floor, rm.number`,
    {
      model: Room,
      mapToModel: true,
      replacements: { day, siteId: filter.siteId, floor: filter.floor ?? null },
    },
  );
  return rooms.map((room) => {
    const extra = takeJoinedColumns(room, ['occupants', 'checkedIn', 'category', 'upcoming']);
    return {
      room,
      occupants: Number(extra.occupants ?? 0),
      checkedIn: Number(extra.checkedIn ?? 0),
      category: (extra.category as Category | null) ?? null,
      upcoming: Number(extra.upcoming ?? 0),
    };
  });
}
