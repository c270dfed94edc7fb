/**
 * The rules of DESIGN §4 stated as SQL over what is stored, independent of the code that writes
 * it: any finding is a bug. Used by `npm run check:invariants` and by the tests.
 */
import { QueryTypes, type Sequelize } from 'sequelize';
import { CURRENT_STATUSES_SQL, NIGHTS_HELD_STATUSES_SQL, stayEndSql } from '../allocation/rules';

export interface Finding {
  rule: 'over_beds' | 'two_parties' | 'cleaning_buffer' | 'two_current_stays';
  detail: string;
}

/** The last night + 1 a stay holds its room (cancelled stays hold none and are left out). */
const end = stayEndSql;

function addDaysSql(sequelize: Sequelize, expr: string, days: number): string {
  return sequelize.getDialect() === 'sqlite'
    ? `date(${expr}, '+${days} days')`
    : `DATE_ADD(${expr}, INTERVAL ${days} DAY)`;
}

const day = (v: unknown) => (v instanceof Date ? v.toISOString() : String(v)).slice(0, 10);

export async function checkInvariants(
  sequelize: Sequelize,
  options: { cleaningNights: number },
): Promise<Finding[]> {
  const select = <T extends object>(sql: string) =>
    sequelize.query<T>(sql, { type: QueryTypes.SELECT });
  const findings: Finding[] = [];

  // Occupancy peaks on some stay's first night, so checking those nights covers every night.
  const overBeds = await select<{ roomId: number; night: string; people: number; beds: number }>(
    `SELECT s.roomId AS roomId, s.entryDate AS night, COUNT(*) AS people, r.beds AS beds
     FROM stays s
     JOIN stays t ON t.roomId = s.roomId AND t.status IN ${NIGHTS_HELD_STATUSES_SQL}
       AND t.entryDate <= s.entryDate AND s.entryDate < ${end('t')}
     JOIN rooms r ON r.id = s.roomId
     WHERE s.status IN ${NIGHTS_HELD_STATUSES_SQL}
     GROUP BY s.id, s.roomId, s.entryDate, r.beds
     HAVING COUNT(*) > r.beds`,
  );
  for (const r of overBeds) {
    findings.push({
      rule: 'over_beds',
      detail: `room ${r.roomId} holds ${r.people} people in ${r.beds} beds on ${day(r.night)}`,
    });
  }

  const twoParties = await select<{ roomId: number; a: number; b: number; night: string }>(
    `SELECT DISTINCT s.roomId AS roomId, s.partyId AS a, t.partyId AS b, t.entryDate AS night
     FROM stays s
     JOIN stays t ON t.roomId = s.roomId AND t.partyId > s.partyId AND t.status IN ${NIGHTS_HELD_STATUSES_SQL}
       AND s.entryDate < ${end('t')} AND t.entryDate < ${end('s')}
     WHERE s.status IN ${NIGHTS_HELD_STATUSES_SQL}`,
  );
  for (const r of twoParties) {
    findings.push({
      rule: 'two_parties',
      detail: `room ${r.roomId} holds parties ${r.a} and ${r.b} on overlapping nights (from ${day(r.night)})`,
    });
  }

  if (options.cleaningNights > 0) {
    const buffer = await select<{ roomId: number; a: number; b: number; night: string }>(
      `SELECT DISTINCT s.roomId AS roomId, s.partyId AS a, t.partyId AS b, t.entryDate AS night
       FROM stays s
       JOIN stays t ON t.roomId = s.roomId AND t.partyId <> s.partyId AND t.status IN ${NIGHTS_HELD_STATUSES_SQL}
         AND t.entryDate >= ${end('s')}
         AND t.entryDate < ${addDaysSql(sequelize, end('s'), options.cleaningNights)}
       WHERE s.status IN ${NIGHTS_HELD_STATUSES_SQL}`,
    );
    for (const r of buffer) {
      findings.push({
        rule: 'cleaning_buffer',
        detail: `room ${r.roomId}: party ${r.b} enters on ${day(r.night)}, inside the cleaning time after party ${r.a}`,
      });
    }
  }

  const twoCurrent = await select<{ personId: number; stays: number }>(
    `SELECT personId, COUNT(*) AS stays FROM stays
     WHERE status IN ${CURRENT_STATUSES_SQL}
     GROUP BY personId HAVING COUNT(*) > 1`,
  );
  for (const r of twoCurrent) {
    findings.push({
      rule: 'two_current_stays',
      detail: `person ${r.personId} has ${r.stays} current stays`,
    });
  }
  return findings;
}
