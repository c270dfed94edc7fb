import { EXPECTED_STAY_STATUSES } from '../../shared/enums';
import { inTransaction } from '../db/transaction';
import type { Stay } from '../models';
import { requestDrainAfterCommit } from '../waitingList/drainRequest';
import { lockStay, requireStatus } from '../placement/stayLocks';
import type { ServiceContext } from './context';
import { finishOneStayChange } from './stayChange';

/** Cancels a reservation nobody has moved into: its nights are free at once (no cleaning). */
export async function cancelStay(
  ctx: ServiceContext,
  stayId: number,
  input: { reason: string },
): Promise<Stay> {
  const stay = await inTransaction(ctx.sequelize, async (transaction) => {
    const { stay, room } = await lockStay(transaction, stayId);
    requireStatus(stay, EXPECTED_STAY_STATUSES, 'cancel (a checked-in stay is released)');
    const before = { status: stay.status };
    await stay.update(
      { status: 'cancelled', endedAt: ctx.now, endReason: input.reason, activePersonId: null },
      { transaction },
    );
    await finishOneStayChange(ctx, transaction, {
      stay,
      siteId: room.siteId,
      action: 'cancel',
      before,
      after: { status: stay.status, reason: input.reason },
    });
    requestDrainAfterCommit(ctx, transaction);
    return stay;
  });
  return stay;
}
