/**
 * Moves a party's current stays to other rooms, atomically: the old nights are freed and the new
 * ones taken in one transaction, so a failure anywhere leaves everything as it was.
 * People already checked in leave their old room today (it goes into cleaning once empty) and are
 * checked in to the new one; reservations move with their dates. Pending tests follow the person.
 */
import { Op } from 'sequelize';
import { inTransaction } from '../db/transaction';
import { conflict } from '../errors';
import { Room, Stay, StayTest } from '../models';
import { bestAvailable, checkChosenRooms } from '../placement/chooseRooms';
import { loadParty } from '../placement/partyLoader';
import { currentStaysToMove, leavesCurrentRooms, moveRequest } from '../placement/moveRequest';
import { bumpRoomVersions, lockRooms } from '../placement/floorLock';
import { startCleaningIfEmpty } from '../placement/stayLocks';
import { requestDrainAfterCommit } from '../waitingList/drainRequest';
import type { ServiceContext } from './context';
import { currentPolicy } from './policy';
import { finishStayChange } from './stayChange';

export interface MovePartyInput {
  partyId: number;
  /** Target rooms as for placement; omitted: the engine's best option elsewhere. */
  roomIds?: number[];
  reason: string;
  allowStandby?: boolean;
}

export async function moveParty(ctx: ServiceContext, input: MovePartyInput): Promise<Stay[]> {
  const moved = await inTransaction(ctx.sequelize, async (transaction) => {
    const policy = await currentPolicy(transaction);
    const loaded = await loadParty(transaction, input.partyId);
    const current = await currentStaysToMove(transaction, input.partyId);
    const request = moveRequest(loaded, current, ctx.today, input.allowStandby ?? false);
    const oldRoomIds = [...new Set(current.map((s) => s.roomId))];
    const choice = input.roomIds
      ? await checkChosenRooms(ctx, transaction, policy, request, input.roomIds)
      : await bestAvailable(ctx, transaction, policy, request, {
          accept: leavesCurrentRooms(current),
        });
    if (choice.outcome === 'none') {
      throw conflict(
        { code: 'move.noRoom', params: {} },
        `No other room fits party ${input.partyId} now.`,
        [
          {
            field: 'roomIds',
            message: 'no room fits',
            type: `placement.${choice.constraint ?? 'none'}`,
          },
        ],
      );
    }
    if (choice.rooms.every((r) => oldRoomIds.includes(r.roomId))) {
      throw conflict(
        { code: 'move.sameRooms', params: {} },
        'The party is already in those rooms.',
        [{ field: 'roomIds', message: 'same rooms as now', type: 'placement.sameRooms' }],
      );
    }
    await lockRooms(transaction, oldRoomIds);
    await bumpRoomVersions(transaction, [...oldRoomIds, ...choice.rooms.map((r) => r.roomId)]);

    // Free the old stays first: one current stay per person is a unique key.
    const wasCheckedIn = new Map(current.map((s) => [s.id, s.status === 'checked_in']));
    const originalStatus = new Map(current.map((s) => [s.id, s.status]));
    const reason = `moved: ${input.reason}`;
    for (const stay of current) {
      const wasIn = wasCheckedIn.get(stay.id)!;
      await stay.update(
        wasIn
          ? {
              status: 'transferred',
              releaseDate: ctx.today,
              endedAt: ctx.now,
              endReason: reason,
              activePersonId: null,
            }
          : { status: 'cancelled', endedAt: ctx.now, endReason: reason, activePersonId: null },
        { transaction },
      );
    }
    const newRows = choice.rooms.flatMap((room) =>
      room.members.map((index) => {
        const old = current[index];
        const wasIn = wasCheckedIn.get(old.id)!;
        return {
          personId: old.personId,
          partyId: old.partyId,
          roomId: room.roomId,
          entryDate: wasIn ? ctx.today : old.entryDate < ctx.today ? ctx.today : old.entryDate,
          plannedReleaseDate: old.plannedReleaseDate,
          status: originalStatus.get(old.id)!,
          checkedInAt: wasIn ? ctx.now : null,
          activePersonId: old.personId,
        };
      }),
    );
    const created = await Stay.bulkCreate(newRows, { transaction });
    for (const stay of created) {
      const old = current.find((s) => s.personId === stay.personId)!;
      await StayTest.update(
        { stayId: stay.id },
        { where: { stayId: old.id, result: 'pending' }, transaction },
      );
    }
    for (const roomId of oldRoomIds) {
      const room = (await Room.findByPk(roomId, { transaction }))!;
      const leaving = current.filter((s) => s.roomId === roomId);
      if (leaving.some((s) => s.releaseDate === ctx.today)) {
        await startCleaningIfEmpty(
          transaction,
          room,
          ctx.today,
          leaving.map((s) => s.id),
          ctx.now,
        );
      }
    }
    const oldSites = await Room.findAll({
      attributes: ['siteId'],
      where: { id: { [Op.in]: oldRoomIds } },
      transaction,
    });
    await finishStayChange(ctx, transaction, {
      action: 'move',
      partyId: input.partyId,
      stayIds: [...current.map((s) => s.id), ...created.map((s) => s.id)],
      status: created[0]?.status ?? 'reserved',
      siteIds: [...oldSites.map((r) => r.siteId), choice.siteId],
      audit: {
        entity: 'party',
        entityId: input.partyId,
        action: 'move',
        before: { rooms: oldRoomIds },
        after: { rooms: choice.rooms.map((r) => r.roomId), reason: input.reason },
      },
    });
    requestDrainAfterCommit(ctx, transaction);
    return created;
  });
  return moved;
}
