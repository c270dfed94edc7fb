/**
 * A room's own status: cleaned after a stay, out of service, back in service. Each locks the room
 * (the lock placement takes), is audited, and asks for a drain of the waiting list once it commits
 * when it adds capacity (the drain runs in the background).
 */
import { CURRENT_STATUSES_SQL } from '../allocation/rules';
import { QueryTypes, type Transaction } from 'sequelize';
import type { RoomStatus } from '../../shared/enums';
import type { RoomAction } from '../../shared/events';
import { inTransaction } from '../db/transaction';
import { emitAfterCommit } from '../events/bus';
import { bumpOccupancyVersions } from '../placement/occupancyVersion';
import { conflict, notFound } from '../errors';
import { Room } from '../models';
import { bumpRoomVersions, lockRooms } from '../placement/floorLock';
import { requestDrainAfterCommit } from '../waitingList/drainRequest';
import { recordAudit } from './audit';
import type { ServiceContext } from './context';

type RoomIds = { siteId: number; roomId: number };

async function changeStatus(
  ctx: ServiceContext,
  ids: RoomIds,
  change: {
    action: RoomAction;
    from: readonly RoomStatus[];
    to: RoomStatus;
    reason?: string;
    check?: (room: Room, transaction: Transaction) => Promise<void>;
  },
): Promise<Room> {
  const room = await inTransaction(ctx.sequelize, async (transaction) => {
    const [locked] = await lockRooms(transaction, [ids.roomId]);
    if (!locked || locked.siteId !== ids.siteId) {
      throw notFound(`Room ${ids.roomId} in site ${ids.siteId}`, 'roomId');
    }
    const room = (await Room.findByPk(ids.roomId, { transaction }))!;
    if (!change.from.includes(room.status)) {
      throw conflict(
        { code: 'room.status', params: { room: room.number, status: room.status } },
        `Room ${room.number} is ${room.status}: cannot ${change.action}.`,
        [{ field: 'roomId', message: `room is ${room.status}`, type: 'room.status' }],
      );
    }
    await change.check?.(room, transaction);
    await bumpRoomVersions(transaction, [room.id]);
    const before = { status: room.status };
    await room.update({ status: change.to, statusChangedAt: ctx.now }, { transaction });
    await recordAudit(transaction, ctx.actor, {
      entity: 'room',
      entityId: room.id,
      action: change.action,
      before,
      after: { status: room.status, ...(change.reason ? { reason: change.reason } : {}) },
    });
    const sites = await bumpOccupancyVersions(transaction, [room.siteId]);
    emitAfterCommit(transaction, {
      name: 'room.changed',
      payload: {
        action: change.action,
        siteId: room.siteId,
        roomIds: [room.id],
        status: room.status,
        sites,
      },
    });
    if (change.to === 'available') requestDrainAfterCommit(ctx, transaction);
    return room;
  });
  return room;
}

export function markRoomCleaned(ctx: ServiceContext, ids: RoomIds): Promise<Room> {
  return changeStatus(ctx, ids, { action: 'mark_cleaned', from: ['cleaning'], to: 'available' });
}

export function returnRoomToService(ctx: ServiceContext, ids: RoomIds): Promise<Room> {
  return changeStatus(ctx, ids, {
    action: 'back_in_service',
    from: ['out_of_service'],
    to: 'available',
  });
}

/** Refused with 409 while any current or future stay holds the room, naming it. */
export function setRoomOutOfService(
  ctx: ServiceContext,
  ids: RoomIds,
  input: { reason: string },
): Promise<Room> {
  return changeStatus(ctx, ids, {
    action: 'out_of_service',
    from: ['available', 'cleaning'],
    to: 'out_of_service',
    reason: input.reason,
    check: async (room, transaction) => {
      const [held] = await ctx.sequelize.query<{ id: number; entryDate: string }>(
        `SELECT id, entryDate FROM stays
         WHERE roomId = :roomId AND status IN ${CURRENT_STATUSES_SQL}
         ORDER BY entryDate LIMIT 1`,
        { type: QueryTypes.SELECT, replacements: { roomId: room.id }, transaction },
      );
      if (held) {
        throw conflict(
          {
            code: 'room.held',
            params: { room: room.number, from: String(held.entryDate).slice(0, 10) },
          },
          `Room ${room.number} is held by stay ${held.id} (from ${String(held.entryDate).slice(0, 10)}); move or end it first.`,
          [{ field: 'roomId', message: `held by stay ${held.id}`, type: 'room.occupied' }],
        );
      }
    },
  });
}
