/** Reads a party and its members for placement, and refuses parties that cannot be placed. */
import type { Transaction } from 'sequelize';
import { CURRENT_STAY_STATUSES } from '../../shared/enums';
import type { IsoDate } from '../../shared/dates';
import type { PolicyDocument } from '../../shared/policy';
import type { PartyRequest } from '../allocation/types';
import { conflict, notFound, validationError } from '../errors';
import { takeJoinedColumns } from '../db/joinedColumns';
import { Party, Person } from '../models';
import { partyRelease } from './stayDates';

export interface LoadedParty {
  party: Party;
  /** In a stable order (person id): member index i in the engine is members[i]. */
  members: Person[];
}

/** A member's current stay (reserved, in transit or checked in), as read with the party. */
export interface CurrentStayRef {
  id: number;
  personId: number;
  partyId: number;
}

export interface PartyWithStays extends LoadedParty {
  currentStays: CurrentStayRef[];
}

export async function loadParty(
  transaction: Transaction | undefined,
  partyId: number,
): Promise<PartyWithStays> {
  if (!Number.isSafeInteger(partyId)) throw notFound(`Party ${partyId}`, 'partyId');
  const party = await Party.findByPk(partyId, { transaction });
  if (!party) throw notFound(`Party ${partyId}`, 'partyId');
  // Members through the link table, with their current stays, in one statement (placement reads
  // this on every request). A person has at most one current stay (a unique key): one row each.
  const rows = await Person.sequelize!.query(
    `SELECT pe.*, st.id AS currentStayId, st.partyId AS currentPartyId
     FROM party_members pm
     JOIN persons pe ON pe.id = pm.personId
     LEFT JOIN stays st ON st.personId = pe.id AND st.status IN (:current)
     WHERE pm.partyId = :partyId ORDER BY pe.id, st.id`,
    {
      model: Person,
      mapToModel: true,
      replacements: { partyId, current: [...CURRENT_STAY_STATUSES] },
      transaction,
    },
  );
  const members: Person[] = [];
  const currentStays: CurrentStayRef[] = [];
  for (const row of rows) {
    const { currentStayId, currentPartyId } = takeJoinedColumns(row, [
      'currentStayId',
      'currentPartyId',
    ]);
    if (currentStayId !== null && currentStayId !== undefined) {
      currentStays.push({
        id: Number(currentStayId),
        personId: row.id,
        partyId: Number(currentPartyId),
      });
    }
    if (members.at(-1)?.id !== row.id) members.push(row);
  }
  return { party, members, currentStays };
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
    shareRoom: Boolean(loaded.party.shareRoom),
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
