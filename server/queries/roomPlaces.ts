import type { Transaction } from 'sequelize';
import { Room } from '../models';

/** Where a room is, as a stay is presented: its site and its number. */
export interface RoomPlace {
  siteId: number;
  number: string;
}

/** Site id and number of each room, in one query, for presenting stays. */
export async function roomPlaces(
  roomIds: readonly number[],
  transaction?: Transaction,
): Promise<Map<number, RoomPlace>> {
  const rooms = await Room.findAll({
    attributes: ['id', 'siteId', 'number'],
    where: { id: [...new Set(roomIds)] },
    transaction,
  });
  return new Map(rooms.map((r) => [r.id, { siteId: r.siteId, number: r.number }]));
}
