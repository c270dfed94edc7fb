import { Op } from 'sequelize';
import type { RoomsBulkCreateInput } from '../../shared/dto';
import { inTransaction } from '../db/transaction';
import { emitAfterCommit } from '../events/bus';
import { bumpOccupancyVersions } from '../placement/occupancyVersion';
import { conflict, notFound } from '../errors';
import { Room, Site } from '../models';
import { requestDrainAfterCommit } from '../waitingList/drainRequest';
import { recordAudit } from './audit';
import type { ServiceContext } from './context';

export interface PlannedRoom {
  number: string;
  floor: number;
}

/**
 * Room numbers for floors × rooms per floor: floor then a two-digit index (301, 302 … 1215), or
 * three digits when a floor has more than 99 rooms. Pure, so it is tested on its own.
 */
export function planRoomNumbers(input: RoomsBulkCreateInput): PlannedRoom[] {
  const width = input.roomsPerFloor > 99 ? 3 : 2;
  const out: PlannedRoom[] = [];
  for (let floor = input.floors.from; floor <= input.floors.to; floor++) {
    for (let i = 1; i <= input.roomsPerFloor; i++) {
      out.push({ floor, number: `${floor}${String(i).padStart(width, '0')}` });
    }
  }
  return out;
}

/**
 * Adds rooms to a site in bulk, all or nothing: if any number already exists in the site the
 * request is refused with 409 naming the numbers, and nothing is written. The site row is locked
 * so two bulk creations on one site cannot interleave. Audited as one event; a drain of the waiting
 * list is asked for once it commits (it runs in the background).
 */
export async function createRooms(
  ctx: ServiceContext,
  siteId: number,
  input: RoomsBulkCreateInput,
): Promise<Room[]> {
  const planned = planRoomNumbers(input);
  const rooms = await inTransaction(ctx.sequelize, async (transaction) => {
    const site = await Site.findByPk(siteId, { transaction, lock: transaction.LOCK.UPDATE });
    if (!site) throw notFound(`Site ${siteId}`, 'siteId');
    const clashes = await Room.findAll({
      attributes: ['number'],
      where: { siteId, number: { [Op.in]: planned.map((p) => p.number) } },
      order: [['number', 'ASC']],
      transaction,
    });
    if (clashes.length > 0) {
      const numbers = clashes.map((r) => r.number);
      const shown = numbers.slice(0, 10).join(', ') + (numbers.length > 10 ? ', …' : '');
      throw conflict(
        { code: 'rooms.numbersTaken', params: { site: site.code, numbers: shown } },
        `Site ${site.code} already has room(s) ${shown}.`,
        [{ field: 'floors', message: `room numbers already exist: ${shown}`, type: 'any.unique' }],
      );
    }
    const now = new Date();
    const rooms = await Room.bulkCreate(
      planned.map((p) => ({
        siteId,
        number: p.number,
        floor: p.floor,
        beds: input.beds,
        accessible: input.accessible ?? false,
        family: input.family ?? false,
        status: 'available' as const,
        statusChangedAt: now,
      })),
      { transaction },
    );
    await recordAudit(transaction, ctx.actor, {
      entity: 'site',
      entityId: siteId,
      action: 'rooms.create',
      after: { ...input, count: rooms.length },
    });
    const sites = await bumpOccupancyVersions(transaction, [siteId]);
    emitAfterCommit(transaction, {
      name: 'room.changed',
      payload: {
        action: 'create',
        siteId,
        roomIds: rooms.map((r) => r.id),
        status: 'available',
        sites,
      },
    });
    requestDrainAfterCommit(ctx, transaction);
    return rooms;
  });
  return rooms;
}
