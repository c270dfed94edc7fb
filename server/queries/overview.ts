/**
 * Read side of the city overview (officials, admins): today's movements, the waiting list in
 * brief, and the free-bed forecast, each computed by the database in one statement.
 */
import { QueryTypes, type Sequelize } from 'sequelize';
import { addDays, type IsoDate } from '../../shared/dates';
import { CURRENT_STATUSES_SQL } from './occupancy';

type Count = number | string | null;

export interface OverviewTodayRow {
  intake: Count;
  released: Count;
  releasesDue: Count;
  waitingParties: Count;
  waitingPeople: Count;
  oldestQueuedAt: Date | string | null;
}

export interface ForecastRow {
  forecastDay: string;
  capacity: Count;
  booked: Count;
  arrivals: Count;
  releases: Count;
}

export async function overviewToday(
  sequelize: Sequelize,
  today: IsoDate,
): Promise<OverviewTodayRow> {
  const [row] = await sequelize.query<OverviewTodayRow>(
    `SELECT
       (SELECT COUNT(*) FROM stays st
         WHERE st.entryDate = :today AND st.status <> 'cancelled') AS intake,
       (SELECT COUNT(*) FROM stays st
         WHERE st.status = 'released' AND st.releaseDate = :today) AS released,
       (SELECT COUNT(*) FROM stays st
         WHERE st.status IN ${CURRENT_STATUSES_SQL} AND st.plannedReleaseDate <= :today) AS releasesDue,
       (SELECT COUNT(*) FROM waiting_entries w WHERE w.status = 'waiting') AS waitingParties,
       (SELECT COUNT(*) FROM waiting_entries w JOIN party_members m ON m.partyId = w.partyId
         WHERE w.status = 'waiting') AS waitingPeople,
       (SELECT MIN(w.queuedAt) FROM waiting_entries w WHERE w.status = 'waiting') AS oldestQueuedAt`,
    { type: QueryTypes.SELECT, replacements: { today } },
  );
  return row;
}

/**
 * One row per night from `first` for `days` nights: the beds of available rooms in active sites
 * (capacity), the beds of those rooms that a stay holds that night (booked: each room counted
 * once, since one party holds a room), and the people arriving and due to leave that day.
 *
 * The nights are a derived table of literal dates (portable across SQLite and MySQL, unlike a
 * recursive CTE over dates); current stays are joined to it by HOLDS_NIGHT_SQL, so the first
 * night equals today's `free` of active sites.
 */
/**
 * A current stay holds its room on night `n2.forecastDay` when it has started and its planned
 * release is later; a stay already past its planned release and still checked in holds its bed
 * until someone releases it (as today's occupancy counts it), so it is counted on every night.
 * On the first night this is exactly today's occupancy rule.
 */
const HOLDS_NIGHT_SQL =
  `st.status IN ${CURRENT_STATUSES_SQL} AND st.entryDate <= n2.forecastDay ` +
  `AND (st.plannedReleaseDate > n2.forecastDay ` +
  `OR (st.status = 'checked_in' AND st.plannedReleaseDate <= :first))`;

export async function freeBedForecast(
  sequelize: Sequelize,
  first: IsoDate,
  days: number,
): Promise<ForecastRow[]> {
  const nights = Array.from({ length: days }, (_, i) => addDays(first, i));
  const replacements = Object.fromEntries(nights.map((night, i) => [`night${i}`, night]));
  const nightsTable = nights.map((_, i) => `SELECT :night${i} AS forecastDay`).join(' UNION ALL ');
  const activeAvailableRoom = "s.status = 'active' AND rm.status = 'available'";
  return sequelize.query<ForecastRow>(
    `SELECT n.forecastDay AS forecastDay,
       (SELECT COALESCE(SUM(rm.beds), 0) FROM rooms rm JOIN sites s ON s.id = rm.siteId
         WHERE ${activeAvailableRoom}) AS capacity,
       COALESCE(b.booked, 0) AS booked,
       COALESCE(a.arrivals, 0) AS arrivals,
       COALESCE(r.releases, 0) AS releases
     FROM (${nightsTable}) n
     LEFT JOIN (
       SELECT held.forecastDay, SUM(held.beds) AS booked FROM (
         SELECT DISTINCT n2.forecastDay AS forecastDay, rm.id AS roomId, rm.beds AS beds
         FROM (${nightsTable}) n2
         JOIN stays st ON ${HOLDS_NIGHT_SQL}
         JOIN rooms rm ON rm.id = st.roomId
         JOIN sites s ON s.id = rm.siteId
         WHERE ${activeAvailableRoom}
       ) held GROUP BY held.forecastDay
     ) b ON b.forecastDay = n.forecastDay
     LEFT JOIN (
       SELECT st.entryDate AS forecastDay, COUNT(*) AS arrivals FROM stays st
       WHERE st.status IN ${CURRENT_STATUSES_SQL} AND st.entryDate BETWEEN :first AND :last
       GROUP BY st.entryDate
     ) a ON a.forecastDay = n.forecastDay
     LEFT JOIN (
       SELECT st.plannedReleaseDate AS forecastDay, COUNT(*) AS releases FROM stays st
       WHERE st.status IN ${CURRENT_STATUSES_SQL} AND st.plannedReleaseDate BETWEEN :first AND :last
       GROUP BY st.plannedReleaseDate
     ) r ON r.forecastDay = n.forecastDay
     ORDER BY n.forecastDay`,
    {
      type: QueryTypes.SELECT,
      replacements: { ...replacements, first, last: nights[nights.length - 1] },
    },
  );
}
