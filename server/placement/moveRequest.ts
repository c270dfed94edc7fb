/**
 * What a move asks of the engine, shared by the move itself and its suggestions so that what is
 * suggested is what the move would accept: only members with a current stay move; people already
 * checked in move today, reservations keep their entry day; the latest planned release holds.
 */
import { Op, type Transaction } from 'sequelize';
import type { IsoDate } from '../../shared/dates';
import { CURRENT_STAY_STATUSES } from '../../shared/enums';
import type { PartyRequest } from '../allocation/types';
import { conflict } from '../errors';
import { Stay } from '../models';
import { partyRequest, type LoadedParty } from './partyLoader';

/** The party's current stays by person id; 409 when it has none to move. */
export async function currentStaysToMove(
  transaction: Transaction | undefined,
  partyId: number,
): Promise<Stay[]> {
  const current = await Stay.findAll({
    where: { partyId, status: { [Op.in]: [...CURRENT_STAY_STATUSES] } },
    order: [['personId', 'ASC']],
    transaction,
  });
  if (current.length === 0) {
    throw conflict(
      { code: 'party.noCurrentStay', params: {} },
      `Party ${partyId} has no current stay to move.`,
      [{ field: 'partyId', message: 'no current stay', type: 'stay.none' }],
    );
  }
  return current;
}

export function moveRequest(
  loaded: LoadedParty,
  current: readonly Stay[],
  today: IsoDate,
  allowStandby: boolean,
): PartyRequest {
  // Everyone still to come keeps their dates; everyone already in moves today.
  const entryDate = current.reduce(
    (d, s) => (s.status === 'checked_in' ? today : s.entryDate < d ? s.entryDate : d),
    current[0].status === 'checked_in' ? today : current[0].entryDate,
  );
  const releaseDate = current
    .map((s) => s.plannedReleaseDate)
    .sort()
    .at(-1)!;
  // Only the members with a current stay move, in the same order as the stays.
  const moving = {
    party: loaded.party,
    members: current.map((s) => loaded.members.find((m) => m.id === s.personId)!),
  };
  return partyRequest(
    moving,
    { entryDate: entryDate < today ? today : entryDate, releaseDate },
    allowStandby,
  );
}

/**
 * Whether rooms proposed for a move take the party somewhere else: at least one of them is not a
 * room it is in now (shared by the move and its suggestions).
 */
export function leavesCurrentRooms(
  current: readonly Stay[],
): (rooms: readonly { roomId: number }[]) => boolean {
  const here = new Set(current.map((s) => s.roomId));
  return (rooms) => rooms.some((r) => !here.has(r.roomId));
}
