/**
 * SQL checks of the rules of DESIGN §4 over whatever is in the database, the same on SQLite and
 * MariaDB, plus a canonical dump for comparing two seeds. Used by the seeder tests.
 */
import { CURRENT_STATUSES_SQL } from '../../server/allocation/rules';
import { QueryTypes } from 'sequelize';
import type { Database } from '../../server/db/database';

const CURRENT = CURRENT_STATUSES_SQL;
/** A stay holds its room for the nights [entryDate, end). */
const END = (s: string) => `COALESCE(${s}.releaseDate, ${s}.plannedReleaseDate)`;

export async function count(db: Database, sql: string): Promise<number> {
  const [row] = await rows<{ n: number | string }>(db, sql);
  return Number(row.n);
}

export async function rows<T extends object>(db: Database, sql: string): Promise<T[]> {
  try {
    return await db.sequelize.query<T>(sql, { type: QueryTypes.SELECT });
  } catch (error) {
    const original = (error as { original?: { message?: string } }).original;
    throw new Error(`${original?.message ?? String(error)} in: ${sql}`, { cause: error });
  }
}

/** Each value is the number of rows breaking one rule; all must be 0. */
export async function ruleViolations(db: Database): Promise<Record<string, number>> {
  return {
    // The busiest night of a room is the first night of one of its stays.
    roomNightOverBeds: await count(
      db,
      `SELECT COUNT(*) AS n FROM stays s JOIN rooms r ON r.id = s.roomId
       WHERE s.status <> 'cancelled' AND r.beds < (
         SELECT COUNT(*) FROM stays t WHERE t.roomId = s.roomId AND t.status <> 'cancelled'
           AND t.entryDate <= s.entryDate AND s.entryDate < ${END('t')})`,
    ),
    // Another party in the room before the day after a stay ended: two parties on one night, or
    // a new stay inside the 24-hour cleaning buffer.
    otherPartyBeforeCleaned: await count(
      db,
      `SELECT COUNT(*) AS n FROM stays s JOIN stays t
         ON t.roomId = s.roomId AND t.id <> s.id AND t.partyId <> s.partyId
       WHERE s.status <> 'cancelled' AND t.status <> 'cancelled'
         AND s.entryDate <= t.entryDate AND t.entryDate <= ${END('s')}`,
    ),
    personWithTwoCurrentStays: await count(
      db,
      `SELECT COUNT(*) AS n FROM (SELECT personId FROM stays WHERE status IN ${CURRENT}
         GROUP BY personId HAVING COUNT(*) > 1) x`,
    ),
    activePersonIdWrong: await count(
      db,
      `SELECT COUNT(*) AS n FROM stays
       WHERE (status IN ${CURRENT} AND (activePersonId IS NULL OR activePersonId <> personId))
          OR (status NOT IN ${CURRENT} AND activePersonId IS NOT NULL)`,
    ),
    membersSharingWithoutShareRoom: await count(
      db,
      `SELECT COUNT(*) AS n FROM (SELECT s.partyId, s.roomId FROM stays s
         JOIN parties p ON p.id = s.partyId WHERE p.shareRoom = 0
         GROUP BY s.partyId, s.roomId HAVING COUNT(*) > 1) x`,
    ),
    shareRoomPartySplit: await count(
      db,
      `SELECT COUNT(*) AS n FROM (SELECT s.partyId FROM stays s
         JOIN parties p ON p.id = s.partyId WHERE p.shareRoom = 1
         GROUP BY s.partyId HAVING COUNT(DISTINCT s.roomId) > 1) x`,
    ),
    stayPersonNotInParty: await count(
      db,
      `SELECT COUNT(*) AS n FROM stays s LEFT JOIN party_members m
         ON m.partyId = s.partyId AND m.personId = s.personId WHERE m.personId IS NULL`,
    ),
    emptyStay: await count(
      db,
      'SELECT COUNT(*) AS n FROM stays WHERE plannedReleaseDate <= entryDate',
    ),
    currentStayInClosedRoomOrSite: await count(
      db,
      `SELECT COUNT(*) AS n FROM stays s JOIN rooms r ON r.id = s.roomId
         JOIN sites i ON i.id = r.siteId
       WHERE s.status IN ${CURRENT} AND (r.status <> 'available' OR i.status <> 'active')`,
    ),
  };
}

export const NO_VIOLATIONS = {
  roomNightOverBeds: 0,
  otherPartyBeforeCleaned: 0,
  personWithTwoCurrentStays: 0,
  activePersonIdWrong: 0,
  membersSharingWithoutShareRoom: 0,
  shareRoomPartySplit: 0,
  stayPersonNotInParty: 0,
  emptyStay: 0,
  currentStayInClosedRoomOrSite: 0,
};

/** Every seeded row except ciphertexts and password hashes (random by design), in id order. */
export async function canonicalDump(db: Database): Promise<string> {
  const queries = [
    'SELECT * FROM sites ORDER BY id',
    'SELECT * FROM rooms ORDER BY id',
    `SELECT id, fullName, idNumberHash, phoneHash, sex, birthYear, category, exposureDate,
       originDistrict, originLatitude, originLongitude, needs, createdAt FROM persons ORDER BY id`,
    'SELECT * FROM parties ORDER BY id',
    'SELECT * FROM party_members ORDER BY partyId, personId',
    'SELECT * FROM stays ORDER BY id',
    'SELECT * FROM tests ORDER BY id',
    'SELECT * FROM waiting_entries ORDER BY id',
    'SELECT id, username, role FROM users ORDER BY id',
    'SELECT * FROM user_sites ORDER BY userId, siteId',
  ];
  const parts: unknown[] = [];
  for (const sql of queries) parts.push(await rows(db, sql));
  return JSON.stringify(parts);
}
