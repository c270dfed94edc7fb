/**
 * The whole waiting list in placement order, each party with what placing it needs (category,
 * shareRoom, members' exposure dates, needs and origins), read in one statement: a drain looks at
 * every waiting party, not one round trip per party.
 */
import { QueryTypes, type Sequelize } from 'sequelize';
import type { Category, PersonNeed } from '../../shared/enums';
import type { LoadedParty } from '../placement/partyLoader';

/** A waiting party, as a drain sees it. */
export interface WaitingParty extends LoadedParty {
  entryId: number;
}

interface Row {
  entryId: number;
  partyId: number;
  category: Category;
  shareRoom: number | boolean;
  personId: number | null;
  exposureDate: string | null;
  needs: string | null;
  originLatitude: number | string | null;
  originLongitude: number | string | null;
}

/** Priority (from the category), then waiting time, then entry id: the order of DESIGN §3. */
export const WAITING_ORDER = 'w.priority, w.queuedAt, w.id';

export async function readWaitingParties(sequelize: Sequelize): Promise<WaitingParty[]> {
  const rows = await sequelize.query<Row>(
    `SELECT w.id AS entryId, w.partyId AS partyId, pa.category AS category,
       pa.shareRoom AS shareRoom, pe.id AS personId, pe.exposureDate AS exposureDate,
       pe.needs AS needs, pe.originLatitude AS originLatitude, pe.originLongitude AS originLongitude
     FROM waiting_entries w
     JOIN parties pa ON pa.id = w.partyId
     LEFT JOIN party_members pm ON pm.partyId = w.partyId
     LEFT JOIN persons pe ON pe.id = pm.personId
     WHERE w.status = 'waiting'
     ORDER BY ${WAITING_ORDER}, pe.id`,
    { type: QueryTypes.SELECT },
  );
  const parties: WaitingParty[] = [];
  for (const row of rows) {
    let party = parties.at(-1);
    if (party?.entryId !== Number(row.entryId)) {
      party = {
        entryId: Number(row.entryId),
        party: {
          id: Number(row.partyId),
          category: row.category,
          shareRoom: Boolean(Number(row.shareRoom)),
        },
        members: [],
      };
      parties.push(party);
    }
    if (row.personId === null) continue;
    const coordinate = (v: number | string | null) => (v === null ? null : Number(v));
    party.members.push({
      id: Number(row.personId),
      exposureDate: String(row.exposureDate).slice(0, 10),
      needs: row.needs ? (JSON.parse(row.needs) as PersonNeed[]) : [],
      originLatitude: coordinate(row.originLatitude),
      originLongitude: coordinate(row.originLongitude),
    });
  }
  return parties;
}
