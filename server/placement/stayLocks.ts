/** Loading a stay for a change, with its room locked first (the same lock placement takes). */
import { QueryTypes, type Transaction } from 'sequelize';
import { isCurrentStatus } from '../allocation/rules';
import type { IsoDate } from '../../shared/dates';
import { conflict, notFound } from '../errors';
import { Room, Stay } from '../models';
import { bumpRoomVersions, lockRooms } from './floorLock';

export const isCurrent = (stay: Stay) => isCurrentStatus(stay.status);

/** The stay and its room, the room row locked and its version bumped (contention is a write). */
export async function lockStay(
  transaction: Transaction,
  stayId: number,
): Promise<{ stay: Stay; room: Room }> {
  const found = await Stay.findByPk(stayId, { attributes: ['id', 'roomId'], transaction });
  if (!found) throw notFound(`Stay ${stayId}`, 'stayId');
  await lockRooms(transaction, [found.roomId]);
  await bumpRoomVersions(transaction, [found.roomId]);
  const stay = (await Stay.findByPk(stayId, { transaction }))!;
  const room = (await Room.findByPk(stay.roomId, { transaction }))!;
  return { stay, room };
}

export function requireStatus(stay: Stay, allowed: readonly Stay['status'][], action: string) {
  if (!allowed.includes(stay.status)) {
    throw conflict(
      { code: 'stay.status', params: { status: stay.status } },
      `Stay ${stay.id} is ${stay.status}: cannot ${action}.`,
      [{ field: 'stayId', message: `stay is ${stay.status}`, type: 'stay.status' }],
    );
  }
}

/** Does anyone but `exceptStayId` still hold the room on or after `day`? */
export async function roomStillHeld(
  transaction: Transaction,
  roomId: number,
  day: IsoDate,
  exceptStayIds: number[],
): Promise<boolean> {
  const [row] = await Room.sequelize!.query<{ n: number | string }>(
    `SELECT COUNT(*) AS n FROM stays
     WHERE roomId = :roomId AND status = 'checked_in' AND id NOT IN (:except)
       AND entryDate <= :day`,
    {
      type: QueryTypes.SELECT,
      replacements: { roomId, day, except: exceptStayIds.length ? exceptStayIds : [0] },
      transaction,
    },
  );
  return Number(row?.n ?? 0) > 0;
}

/** After the last occupant leaves, the room waits for terminal disinfection. */
export async function startCleaningIfEmpty(
  transaction: Transaction,
  room: Room,
  day: IsoDate,
  leavingStayIds: number[],
  now: Date,
): Promise<boolean> {
  if (await roomStillHeld(transaction, room.id, day, leavingStayIds)) return false;
  await room.update({ status: 'cleaning', statusChangedAt: now }, { transaction });
  return true;
}
