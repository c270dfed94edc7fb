import { EXPECTED_STAY_STATUSES } from '../../shared/enums';
import { inTransaction } from '../db/transaction';
import { conflict } from '../errors';
import type { Stay } from '../models';
import { lockStay, requireStatus } from '../placement/stayLocks';
import type { ServiceContext } from './context';
import { finishOneStayChange } from './stayChange';

/** The person has arrived: a reserved or in-transit stay whose entry day has come is checked in. */
export async function checkInStay(ctx: ServiceContext, stayId: number): Promise<Stay> {
  return inTransaction(ctx.sequelize, async (transaction) => {
    const { stay, room } = await lockStay(transaction, stayId);
    requireStatus(stay, EXPECTED_STAY_STATUSES, 'check in');
    if (stay.entryDate > ctx.today) {
      throw conflict(
        { code: 'stay.checkInTooEarly', params: { entryDate: stay.entryDate } },
        `Stay ${stay.id} starts on ${stay.entryDate}; check-in opens that day.`,
        [
          {
            field: 'stayId',
            message: `entry date ${stay.entryDate} is in the future`,
            type: 'stay.early',
          },
        ],
      );
    }
    const before = { status: stay.status };
    await stay.update({ status: 'checked_in', checkedInAt: ctx.now }, { transaction });
    await finishOneStayChange(ctx, transaction, {
      stay,
      siteId: room.siteId,
      action: 'check_in',
      before,
      after: { status: stay.status },
    });
    return stay;
  });
}
