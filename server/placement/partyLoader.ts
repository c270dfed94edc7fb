/** Reads a party and its members for placement, and refuses parties that cannot be placed. */
import { Op, type Transaction } from 'sequelize';
import { CURRENT_STAY_STATUSES } from '../../shared/enums';
import type { IsoDate } from '../../shared/dates';
import type { PolicyDocument } from '../../shared/policy';
import type { PartyRequest } from '../allocation/types';
import { conflict, notFound, validationError } from '../errors';
import { Party, PartyMember, Person, Stay } from '../models';
import { partyRelease } from './stayDates';

export interface LoadedParty {
  party: Party;
  /** In a stable order (person id): member index i in the engine is members[i]. */
  members: Person[];
}

export async function loadParty(
  transaction: Transaction | undefined,
  partyId: number,
): Promise<LoadedParty> {
  const party = await Party.findByPk(partyId, { transaction });
  if (!party) throw notFound(`Party ${partyId}`, 'partyId');
  const links = await PartyMember.findAll({ where: { partyId }, transaction });
  const members = await Person.findAll({
    where: { id: links.map((l) => l.personId) },
    order: [['id', 'ASC']],
    transaction,
  });
  return { party, members };
}

/** 409 if any member already holds a current stay (the unique key is the final guard). */
export async function refuseMembersInQuarantine(
  transaction: Transaction | undefined,
  loaded: LoadedParty,
  exceptPartyId?: number,
): Promise<void> {
  const current = await Stay.findAll({
    attributes: ['id', 'personId', 'partyId'],
    where: {
      personId: loaded.members.map((m) => m.id),
      status: { [Op.in]: [...CURRENT_STAY_STATUSES] },
    },
    transaction,
  });
  const blocking = current.filter((s) => s.partyId !== exceptPartyId);
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
