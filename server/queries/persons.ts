/** Read side of persons: current stays for many people at once, name search, room sizes. */
import { Op, QueryTypes, type Sequelize, type Transaction } from 'sequelize';
import type { PersonCurrentStayDto, PersonSearchInput } from '../../shared/dto';
import type { StayStatus } from '../../shared/enums';
import { normaliseIdNumber } from '../../shared/idNumber';
import { Person } from '../models';
import { searchHashes, type PersonalDataKeys } from '../personalData/cipher';
import { normalisePhone } from '../personalData/mask';

/** A search returns at most this many people. */
export const SEARCH_LIMIT = 50;

interface CurrentStayRow {
  stayId: number;
  personId: number;
  roomId: number;
  siteId: number;
  status: StayStatus;
  entryDate: string | Date;
  plannedReleaseDate: string | Date;
}

const day = (value: string | Date) =>
  typeof value === 'string' ? value.slice(0, 10) : value.toISOString().slice(0, 10);

/**
 * The current stay (reserved, in transit or checked in) of each of `personIds`, in one query;
 * `activePersonId` is set exactly while a stay is current, and is unique.
 */
export async function currentStaysOf(
  sequelize: Sequelize,
  personIds: readonly number[],
  transaction?: Transaction,
): Promise<Map<number, PersonCurrentStayDto>> {
  const found = new Map<number, PersonCurrentStayDto>();
  if (personIds.length === 0) return found;
  const rows = await sequelize.query<CurrentStayRow>(
    `SELECT st.id AS stayId, st.personId AS personId, st.roomId AS roomId, rm.siteId AS siteId,
       st.status AS status, st.entryDate AS entryDate, st.plannedReleaseDate AS plannedReleaseDate
     FROM stays st JOIN rooms rm ON rm.id = st.roomId
     WHERE st.activePersonId IN (:personIds)`,
    { type: QueryTypes.SELECT, replacements: { personIds: [...personIds] }, transaction },
  );
  for (const row of rows) {
    found.set(Number(row.personId), {
      stayId: Number(row.stayId),
      roomId: Number(row.roomId),
      siteId: Number(row.siteId),
      status: row.status,
      entryDate: day(row.entryDate),
      plannedReleaseDate: day(row.plannedReleaseDate),
    });
  }
  return found;
}

/** Beds of the largest room in any active or standby site; 0 when there is none. */
export async function largestRoomBeds(sequelize: Sequelize): Promise<number> {
  const [row] = await sequelize.query<{ beds: number | string | null }>(
    `SELECT MAX(rm.beds) AS beds FROM rooms rm JOIN sites s ON s.id = rm.siteId
     WHERE s.status IN ('active', 'standby')`,
    { type: QueryTypes.SELECT },
  );
  return Number(row?.beds ?? 0);
}

/**
 * People whose name starts with `prefix` (case-insensitive where the collation is), by name then
 * id. LIKE wildcards in the prefix are matched literally; `!` is the escape character because a
 * backslash means different things in MySQL and SQLite string literals.
 */
export async function findPersonsByNamePrefix(
  sequelize: Sequelize,
  prefix: string,
): Promise<Person[]> {
  const pattern = `${prefix.replace(/[!%_]/g, '!$&')}%`;
  return Person.findAll({
    where: {
      [Op.and]: [sequelize.literal(`fullName LIKE ${sequelize.escape(pattern)} ESCAPE '!'`)],
    },
    order: [
      ['fullName', 'ASC'],
      ['id', 'ASC'],
    ],
    limit: SEARCH_LIMIT,
  });
}

/**
 * People matching exactly one criterion: an ID number or a phone (exact, through the keyed hash
 * of the normalised value: the database never sees the plaintext) or a name prefix.
 */
export async function searchPersons(
  sequelize: Sequelize,
  keys: PersonalDataKeys,
  query: PersonSearchInput,
): Promise<Person[]> {
  if (query.idNumber !== undefined) {
    const idNumberHash = searchHashes(keys, normaliseIdNumber(query.idNumber));
    return Person.findAll({ where: { idNumberHash } });
  }
  if (query.phone !== undefined) {
    const phoneHash = searchHashes(keys, normalisePhone(query.phone));
    return Person.findAll({ where: { phoneHash }, order: [['id', 'ASC']], limit: SEARCH_LIMIT });
  }
  return findPersonsByNamePrefix(sequelize, query.name ?? '');
}
