import { inTransaction } from '../db/transaction';
import { conflict, validationError } from '../errors';
import type { Stay } from '../models';
import { requestDrainAfterCommit } from '../waitingList/drainRequest';
import { lockStay, requireStatus, startCleaningIfEmpty } from '../placement/stayLocks';
import type { ServiceContext } from './context';
import { finishOneStayChange } from './stayChange';

/**
 * Releases a checked-in person today: on time, or early with a reason. When the last occupant
 * leaves, the room goes into cleaning (it is free again only once marked clean). Once it commits
 * a drain of the waiting list is asked for; the release does not wait for it.
 */
export async function releaseStay(
  ctx: ServiceContext,
  stayId: number,
  input: { reason?: string },
): Promise<Stay> {
  const stay = await inTransaction(ctx.sequelize, async (transaction) => {
    const { stay, room } = await lockStay(transaction, stayId);
    requireStatus(
      stay,
      ['checked_in'],
      'release (only a checked-in stay can be released; cancel a reservation)',
    );
    if (ctx.today < stay.entryDate) {
      throw conflict(
        { code: 'stay.notStarted', params: { entryDate: stay.entryDate } },
        `Stay ${stay.id} has not started (entry ${stay.entryDate}).`,
        [{ field: 'stayId', message: 'release before entry', type: 'stay.beforeEntry' }],
      );
    }
    const early = ctx.today < stay.plannedReleaseDate;
    if (early && !input.reason) {
      throw validationError([
        {
          field: 'reason',
          message: `reason is required to release before the planned date ${stay.plannedReleaseDate}`,
          type: 'any.required',
        },
      ]);
    }
    const before = { status: stay.status, plannedReleaseDate: stay.plannedReleaseDate };
    await stay.update(
      {
        status: 'released',
        releaseDate: ctx.today,
        endedAt: ctx.now,
        endReason: input.reason ?? 'quarantine completed',
        activePersonId: null,
      },
      { transaction },
    );
    const cleaning = await startCleaningIfEmpty(transaction, room, ctx.today, [stay.id], ctx.now);
    await finishOneStayChange(ctx, transaction, {
      stay,
      siteId: room.siteId,
      action: 'release',
      auditAction: early ? 'release_early' : 'release',
      before,
      after: {
        status: stay.status,
        releaseDate: stay.releaseDate,
        reason: stay.endReason,
        roomCleaning: cleaning,
      },
    });
    requestDrainAfterCommit(ctx, transaction);
    return stay;
  });
  return stay;
}
