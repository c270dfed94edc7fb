import { inTransaction } from '../db/transaction';
import { emitAfterCommit } from '../events/bus';
import { bumpOccupancyVersions } from '../events/occupancyVersion';
import type { Stay } from '../models';
import { lockStay, requireStatus } from '../placement/stayLocks';
import { requestDrainAfterCommit } from '../waitingList/drainRequest';
import { recordAudit } from './audit';
import type { ServiceContext } from './context';

/** Cancels a reservation nobody has moved into: its nights are free at once (no cleaning). */
export async function cancelStay(
  ctx: ServiceContext,
  stayId: number,
  input: { reason: string },
): Promise<Stay> {
  const stay = await inTransaction(ctx.sequelize, async (transaction) => {
    const { stay, room } = await lockStay(transaction, stayId);
    requireStatus(stay, ['reserved', 'in_transit'], 'cancel (a checked-in stay is released)');
    const before = { status: stay.status };
    await stay.update(
      { status: 'cancelled', endedAt: ctx.now, endReason: input.reason, activePersonId: null },
      { transaction },
    );
    await recordAudit(transaction, ctx.actor, {
      entity: 'stay',
      entityId: stay.id,
      action: 'cancel',
      before,
      after: { status: stay.status, reason: input.reason },
    });
    const sites = await bumpOccupancyVersions(transaction, [room.siteId]);
    emitAfterCommit(transaction, {
      name: 'stay.changed',
      payload: {
        action: 'cancel',
        partyId: stay.partyId,
        stayIds: [stay.id],
        status: stay.status,
        sites,
      },
    });
    requestDrainAfterCommit(ctx, transaction);
    return stay;
  });
  return stay;
}
