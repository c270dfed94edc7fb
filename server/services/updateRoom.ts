import { CURRENT_STATUSES_SQL } from '../allocation/rules';
import { Op, QueryTypes } from 'sequelize';
import type { RoomUpdateInput } from '../../shared/dto';
import { inTransaction } from '../db/transaction';
import { emitAfterCommit } from '../events/bus';
import { bumpOccupancyVersions } from '../placement/occupancyVersion';
import { conflict, notFound } from '../errors';
import { Room } from '../models';
import { presentRoom } from '../presenters/room';
import { recordAudit } from './audit';
import type { ServiceContext } from './context';

/** What an update may change, each of which the allocation engine reads. */
const ROOM_FIELDS = ['number', 'floor', 'beds', 'accessible', 'family'] as const;

/**
 * Changes a room's number, floor, beds or features. Refused with 409 when the new number is taken
 * in the site, or when fewer beds would no longer hold the party booked in it now or later.
 * The room row is locked, so a placement cannot slip in between the check and the change.
 */
export async function updateRoom(
  ctx: ServiceContext,
  ids: { siteId: number; roomId: number },
  changes: RoomUpdateInput,
): Promise<Room> {
  return inTransaction(ctx.sequelize, async (transaction) => {
    const room = await Room.findOne({
      where: { id: ids.roomId, siteId: ids.siteId },
      transaction,
      lock: transaction.LOCK.UPDATE,
    });
    if (!room) throw notFound(`Room ${ids.roomId} in site ${ids.siteId}`, 'roomId');
    if (changes.number !== undefined && changes.number !== room.number) {
      const taken = await Room.findOne({
        where: { siteId: ids.siteId, number: changes.number, id: { [Op.ne]: room.id } },
        transaction,
      });
      if (taken) {
        throw conflict(
          { code: 'room.numberTaken', params: { number: changes.number } },
          `Room number ${changes.number} is already used in this site.`,
          [
            {
              field: 'number',
              message: 'number is already taken in this site',
              type: 'any.unique',
            },
          ],
        );
      }
    }
    if (changes.beds !== undefined && changes.beds < room.beds) {
      // One party per room, so the largest party booked from today on is the most it must hold.
      const [row] = await ctx.sequelize.query<{ largest: number | string | null }>(
        `SELECT MAX(n) AS largest FROM (
           SELECT COUNT(*) AS n FROM stays
           WHERE roomId = :roomId AND status IN ${CURRENT_STATUSES_SQL}
             AND (plannedReleaseDate > :today OR status = 'checked_in')
           GROUP BY partyId) parties`,
        {
          type: QueryTypes.SELECT,
          replacements: { roomId: room.id, today: ctx.today },
          transaction,
        },
      );
      const largest = Number(row?.largest ?? 0);
      if (largest > changes.beds) {
        throw conflict(
          { code: 'room.holdsLargerParty', params: { room: room.number, largest } },
          `Room ${room.number} holds a party of ${largest} now or later.`,
          [
            {
              field: 'beds',
              message: `beds must be at least ${largest} while that party is booked`,
              type: 'number.min',
            },
          ],
        );
      }
    }
    const before = presentRoom(room);
    await room.update(changes, { transaction });
    await recordAudit(transaction, ctx.actor, {
      entity: 'room',
      entityId: room.id,
      action: 'update',
      before,
      after: presentRoom(room),
    });
    // Any change moves the version, not only beds (the totals): the placement snapshots kept by
    // every process (placement/citySnapshot.ts) read a site again only when its version moves,
    // and a room's floor, number or features decide where people may go.
    const after = presentRoom(room);
    const sites = ROOM_FIELDS.some((field) => before[field] !== after[field])
      ? await bumpOccupancyVersions(transaction, [room.siteId])
      : [];
    emitAfterCommit(transaction, {
      name: 'room.changed',
      payload: { action: 'update', siteId: room.siteId, roomIds: [room.id], status: null, sites },
    });
    return room;
  });
}
