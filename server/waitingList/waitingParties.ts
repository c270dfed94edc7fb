/**
 * The waiting list in placement order, each party with what placing it needs (category,
 * shareRoom, members' exposure dates, needs and origins): a drain looks at every waiting party,
 * in a few statements rather than one round trip per party. The order is read whole (entry ids
 * only, from the queue's index); the parties are read a page at a time, so that building
 * thousands of them never holds the event loop (and the requests waiting on it) for long.
 */
import { WAITING_ORDER } from '../placement/waitingQueue';
import { QueryTypes, type Sequelize } from 'sequelize';
import {
  memberOf,
  partyOf,
  PARTY_MEMBER_COLUMNS,
  type LoadedParty,
  type PartyMemberRow,
} from '../placement/partyLoader';

/** A waiting party, as a drain sees it. */
export interface WaitingParty extends LoadedParty {
  entryId: number;
}

interface Row extends PartyMemberRow {
  entryId: number;
  partyId: number;
}

/** Parties read per statement by `readWaitingParties`. */
export const WAITING_PAGE = 1000;

/** The ids of the entries waiting now, in placement order. */
export async function waitingOrder(sequelize: Sequelize): Promise<number[]> {
  const rows = await sequelize.query<{ id: number }>(
    `SELECT w.id AS id FROM waiting_entries w WHERE w.status = 'waiting' ORDER BY ${WAITING_ORDER}`,
    { type: QueryTypes.SELECT },
  );
  return rows.map((r) => Number(r.id));
}

/**
 * The parties of the given entries that still wait, in the order given; every waiting party
 * when no ids are given (a page at a time).
 */
export async function readWaitingParties(
  sequelize: Sequelize,
  entryIds?: readonly number[],
): Promise<WaitingParty[]> {
  const ids = entryIds ?? (await waitingOrder(sequelize));
  const parties: WaitingParty[] = [];
  for (let from = 0; from < ids.length; from += WAITING_PAGE) {
    parties.push(...(await readPage(sequelize, ids.slice(from, from + WAITING_PAGE))));
  }
  return parties;
}

async function readPage(sequelize: Sequelize, ids: readonly number[]): Promise<WaitingParty[]> {
  if (ids.length === 0) return [];
  const rows = await sequelize.query<Row>(
    `SELECT w.id AS entryId, w.partyId AS partyId, ${PARTY_MEMBER_COLUMNS}
     FROM waiting_entries w
     JOIN parties pa ON pa.id = w.partyId
     LEFT JOIN party_members pm ON pm.partyId = w.partyId
     LEFT JOIN persons pe ON pe.id = pm.personId
     WHERE w.id IN (?) AND w.status = 'waiting'`,
    { type: QueryTypes.SELECT, replacements: [ids] },
  );
  const byEntry = new Map<number, WaitingParty>();
  // Members in person id order, as placement reads them (member i in the engine is members[i]).
  const sorted = [...rows].sort((a, b) => Number(a.personId) - Number(b.personId));
  for (const row of sorted) {
    const entryId = Number(row.entryId);
    let party = byEntry.get(entryId);
    if (!party) {
      party = { entryId, party: partyOf(Number(row.partyId), row), members: [] };
      byEntry.set(entryId, party);
    }
    if (row.personId === null) continue;
    party.members.push(memberOf({ ...row, personId: row.personId }));
  }
  return ids.flatMap((id) => byEntry.get(id) ?? []);
}
