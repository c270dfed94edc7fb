/** Reads a party and its members for placement, and refuses parties that cannot be placed. */
import { QueryTypes, type Transaction } from 'sequelize';
import type { Category, PersonNeed } from '../../shared/enums';
import type { IsoDate } from '../../shared/dates';
import type { PolicyDocument } from '../../shared/policy';
import type { PartyRequest } from '../allocation/types';
import { conflict, notFound, validationError } from '../errors';
import { Party } from '../models';
import { policyStampColumn } from '../services/policy';
import { partyRelease } from './stayDates';

/** What placement reads of a party (plain values: no model instances on the hot path). */
export interface PartyFacts {
  id: number;
  category: Category;
  shareRoom: boolean;
}

export interface MemberFacts {
  id: number;
  exposureDate: IsoDate;
  needs: PersonNeed[];
  originLatitude: number | null;
  originLongitude: number | null;
}

export interface LoadedParty {
  party: PartyFacts;
  /** In a stable order (person id): member index i in the engine is members[i]. */
  members: MemberFacts[];
}

/** A member's current stay (reserved, in transit or checked in), as read with the party. */
export interface CurrentStayRef {
  id: number;
  personId: number;
  partyId: number;
}

export interface PartyWithStays extends LoadedParty {
  currentStays: CurrentStayRef[];
  /** What the read for placement (`forPlacement`) also tells. */
  placement?: {
    /** The policy in force, named for `policyByStamp`. */
    policyStamp: string | null;
    /** The party's entry on the waiting list while it waits (read under the party's lock). */
    waitingEntryId: number | null;
    /** Whether any party waits at all (else the queue's order asks nothing of this placement). */
    anyoneWaiting: boolean;
  };
}

/** A party's row with one of its members (the columns PARTY_MEMBER_COLUMNS selects). */
export interface PartyMemberRow {
  category: Category;
  shareRoom: number | boolean;
  personId: number | null;
  exposureDate: string | null;
  needs: string | null;
  originLatitude: number | string | null;
  originLongitude: number | string | null;
}

/** The party (aliased `pa`) and a member (`pe`), as placement reads them. */
export const PARTY_MEMBER_COLUMNS = `pa.category AS category, pa.shareRoom AS shareRoom,
  pe.id AS personId, pe.exposureDate AS exposureDate, pe.needs AS needs,
  pe.originLatitude AS originLatitude, pe.originLongitude AS originLongitude`;

/** A member as placement sees them, from their row. */
export function memberOf(row: PartyMemberRow & { personId: number | string }): MemberFacts {
  return {
    id: Number(row.personId),
    exposureDate: String(row.exposureDate).slice(0, 10),
    needs: row.needs ? (JSON.parse(row.needs) as PersonNeed[]) : [],
    originLatitude: numberOrNull(row.originLatitude),
    originLongitude: numberOrNull(row.originLongitude),
  };
}

/** The party's own facts, from any of its rows. */
export const partyOf = (id: number, row: PartyMemberRow): PartyFacts => ({
  id,
  category: row.category,
  shareRoom: Boolean(Number(row.shareRoom)),
});

interface MemberRow extends PartyMemberRow {
  currentStayId: number | null;
  currentPartyId: number | null;
  policyStamp?: string | null;
  waitingEntryId?: number | null;
  anyoneWaiting?: number | string | null;
}

/** One probe of the (status, priority, queuedAt) index: does anyone wait? */
const ANYONE_WAITING =
  "(SELECT COUNT(*) FROM (SELECT 1 FROM waiting_entries WHERE status = 'waiting' LIMIT 1) w)";

const numberOrNull = (v: number | string | null) => (v === null ? null : Number(v));

/**
 * Reads the party, its members through the link table and their current stays in one statement
 * (a person's current stay is the one row whose unique `activePersonId` is theirs). 404 when there
 * is no such party.
 *
 * `forPlacement`: the rows read are locked (MySQL; SQLite's IMMEDIATE transaction already
 * serializes), so one placement or queueing of a party runs at a time: another waits, then sees
 * the stays this one made. The party's waiting entry and the policy in force ride along.
 */
export async function loadParty(
  transaction: Transaction | undefined,
  partyId: number,
  options: { forPlacement?: boolean } = {},
): Promise<PartyWithStays> {
  if (!Number.isSafeInteger(partyId)) throw notFound(`Party ${partyId}`, 'partyId');
  const forPlacement = options.forPlacement ?? false;
  const sequelize = Party.sequelize!;
  const dialect = sequelize.getDialect();
  const rows = await sequelize.query<MemberRow>(
    `SELECT ${PARTY_MEMBER_COLUMNS}, st.id AS currentStayId, st.partyId AS currentPartyId
       ${forPlacement ? `, we.id AS waitingEntryId, ${policyStampColumn(dialect)} AS policyStamp, ${ANYONE_WAITING} AS anyoneWaiting` : ''}
     FROM parties pa
     LEFT JOIN party_members pm ON pm.partyId = pa.id
     LEFT JOIN persons pe ON pe.id = pm.personId
     LEFT JOIN stays st ON st.activePersonId = pe.id
     ${forPlacement ? "LEFT JOIN waiting_entries we ON we.partyId = pa.id AND we.status = 'waiting'" : ''}
     WHERE pa.id = ? ${forPlacement && dialect !== 'sqlite' ? 'FOR UPDATE' : ''}`,
    { type: QueryTypes.SELECT, replacements: [partyId], transaction },
  );
  const [first] = rows;
  if (!first) throw notFound(`Party ${partyId}`, 'partyId');
  const party = partyOf(partyId, first);
  const members: MemberFacts[] = [];
  const currentStays: CurrentStayRef[] = [];
  // In person id order, sorted here (an ORDER BY cost MariaDB a temporary table per request).
  const byPerson = [...rows].sort((a, b) => Number(a.personId) - Number(b.personId));
  for (const row of byPerson) {
    if (row.personId === null) continue;
    const personId = Number(row.personId);
    if (row.currentStayId !== null) {
      currentStays.push({
        id: Number(row.currentStayId),
        personId,
        partyId: Number(row.currentPartyId),
      });
    }
    if (members.at(-1)?.id === personId) continue;
    members.push(memberOf({ ...row, personId }));
  }
  if (!forPlacement) return { party, members, currentStays };
  const placement = {
    policyStamp: first.policyStamp ?? null,
    waitingEntryId: numberOrNull(first.waitingEntryId ?? null),
    anyoneWaiting: Number(first.anyoneWaiting ?? 0) === 1,
  };
  return { party, members, currentStays, placement };
}

/** 409 if any member already holds a current stay (the unique key is the final guard). */
export function refuseMembersInQuarantine(loaded: PartyWithStays, exceptPartyId?: number): void {
  const blocking = loaded.currentStays.filter((s) => s.partyId !== exceptPartyId);
  if (blocking.length) {
    throw conflict(
      { code: 'party.alreadyPlaced', params: { count: blocking.length } },
      `${blocking.length} member(s) of party ${loaded.party.id} already have a current stay.`,
      blocking.map((s) => ({
        field: `members.${loaded.members.findIndex((m) => m.id === s.personId)}`,
        message: `already in quarantine (stay ${s.id})`,
        type: 'placement.alreadyPlaced',
      })),
    );
  }
}

export interface StayWindow {
  entryDate: IsoDate;
  releaseDate: IsoDate;
}

/** Entry (today unless given, never in the past) and planned release from policy. */
export function stayWindow(
  policy: PolicyDocument,
  loaded: LoadedParty,
  today: IsoDate,
  requestedEntry?: IsoDate,
): StayWindow {
  const entryDate = requestedEntry ?? today;
  if (entryDate < today) {
    throw validationError([
      {
        field: 'entryDate',
        message: `entryDate must be today (${today}) or later`,
        type: 'date.min',
        params: { limit: today },
      },
    ]);
  }
  const releaseDate = partyRelease(
    policy,
    loaded.party.category,
    loaded.members.map((m) => m.exposureDate),
  );
  if (releaseDate <= entryDate) {
    throw validationError([
      {
        field: 'entryDate',
        message: `the party's quarantine ends on ${releaseDate}, not after ${entryDate}`,
        type: 'date.max',
      },
    ]);
  }
  return { entryDate, releaseDate };
}

export function partyRequest(
  loaded: LoadedParty,
  window: StayWindow,
  allowStandby: boolean,
): PartyRequest {
  const withOrigin = loaded.members.find(
    (m) => m.originLatitude !== null && m.originLongitude !== null,
  );
  return {
    partyId: loaded.party.id,
    category: loaded.party.category,
    shareRoom: loaded.party.shareRoom,
    members: loaded.members.map((m) => ({ needs: m.needs })),
    origin: withOrigin
      ? {
          latitude: Number(withOrigin.originLatitude),
          longitude: Number(withOrigin.originLongitude),
        }
      : null,
    entryDate: window.entryDate,
    releaseDate: window.releaseDate,
    allowStandby,
  };
}
