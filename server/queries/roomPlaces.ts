import type { Transaction } from 'sequelize';
import { Room } from '../models';

/** Site id and number of each room, in one query, for presenting stays. */
export async function roomPlaces(
  roomIds: readonly number[],
  transaction?: Transaction,
): Promise<Map<number, { siteId: number; number: string }>> {
  const rooms = await Room.findAll({
    attributes: ['id', 'siteId', 'number'],
    where: { id: [...new Set(roomIds)] },
    transaction,
  });
  return new Map(rooms.map((r) => [r.id, { siteId: r.siteId, number: r.number }]));
}
