/**
 * Read side of the site board: current stays of one room or of a site's day lists, with their
 * tests and people, each list in a fixed number of queries (stays, tests, people) whatever its size.
 */
import { QueryTypes, type Sequelize } from 'sequelize';
import type { BoardStayDto } from '../../shared/boardDto';
import type { IsoDate } from '../../shared/dates';
import type { StayStatus, TestResult } from '../../shared/enums';
import { Person } from '../models';
import { CURRENT_STATUSES_SQL, EXPECTED_STATUSES_SQL } from '../allocation/rules';

/** A stay as read: the DTO's own fields, the person still an id, instants still dates. */
export type BoardStayRow = Omit<BoardStayDto, 'person' | 'tests' | 'checkedInAt'> & {
  personId: number;
  checkedInAt: Date | null;
};

export interface BoardTestRow {
  id: number;
  stayId: number;
  day: number;
  dueDate: IsoDate;
  result: TestResult;
  sampledAt: Date | null;
}

export interface BoardStays {
  stays: BoardStayRow[];
  tests: BoardTestRow[];
  people: Person[];
}

/** Which stays of a site a board list holds; all are current (reserved, in transit, checked in). */
export type BoardSelection =
  | { kind: 'room'; roomId: number }
  | { kind: 'arrivals' }
  | { kind: 'releases' }
  | { kind: 'testsDue' };

const CONDITIONS: Record<BoardSelection['kind'], string> = {
  room: 'st.roomId = :roomId',
  arrivals: `st.status IN ${EXPECTED_STATUSES_SQL} AND st.entryDate <= :day`,
  releases: "st.status = 'checked_in' AND st.plannedReleaseDate <= :day",
  testsDue: `EXISTS (SELECT 1 FROM tests t WHERE t.stayId = st.id AND t.dueDate <= :day
    AND t.result = 'pending' AND t.sampledAt IS NULL)`,
};

const day = (value: string | Date) =>
  typeof value === 'string' ? value.slice(0, 10) : value.toISOString().slice(0, 10);
const instant = (value: string | Date | null) => (value === null ? null : new Date(value));

export async function loadBoardStays(
  sequelize: Sequelize,
  siteId: number,
  today: IsoDate,
  selection: BoardSelection,
): Promise<BoardStays> {
  const rows = await sequelize.query<Record<keyof BoardStayRow, unknown>>(
    `SELECT st.id AS stayId, st.partyId AS partyId, st.personId AS personId, st.roomId AS roomId,
       rm.number AS roomNumber, rm.floor AS floor, st.status AS status, st.entryDate AS entryDate,
       st.plannedReleaseDate AS plannedReleaseDate, st.checkedInAt AS checkedInAt
     FROM stays st JOIN rooms rm ON rm.id = st.roomId
     WHERE rm.siteId = :siteId AND st.status IN ${CURRENT_STATUSES_SQL}
       AND ${CONDITIONS[selection.kind]}
     ORDER BY rm.floor, rm.number, st.entryDate, st.personId`,
    {
      type: QueryTypes.SELECT,
      replacements: {
        siteId,
        day: today,
        roomId: selection.kind === 'room' ? selection.roomId : null,
      },
    },
  );
  const stays: BoardStayRow[] = rows.map((r) => ({
    stayId: Number(r.stayId),
    partyId: Number(r.partyId),
    personId: Number(r.personId),
    roomId: Number(r.roomId),
    roomNumber: String(r.roomNumber),
    floor: Number(r.floor),
    status: r.status as StayStatus,
    entryDate: day(r.entryDate as string | Date),
    plannedReleaseDate: day(r.plannedReleaseDate as string | Date),
    checkedInAt: instant(r.checkedInAt as string | Date | null),
  }));
  if (stays.length === 0) return { stays, tests: [], people: [] };

  const testRows = await sequelize.query<Record<keyof BoardTestRow, unknown>>(
    `SELECT id, stayId, day, dueDate, result, sampledAt FROM tests
     WHERE stayId IN (:stayIds) ORDER BY stayId, day`,
    { type: QueryTypes.SELECT, replacements: { stayIds: stays.map((s) => s.stayId) } },
  );
  const tests: BoardTestRow[] = testRows.map((t) => ({
    id: Number(t.id),
    stayId: Number(t.stayId),
    day: Number(t.day),
    dueDate: day(t.dueDate as string | Date),
    result: t.result as TestResult,
    sampledAt: instant(t.sampledAt as string | Date | null),
  }));
  const people = await Person.findAll({
    where: { id: [...new Set(stays.map((s) => s.personId))] },
  });
  return { stays, tests, people };
}
