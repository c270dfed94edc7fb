import { addDays } from '../../shared/dates';
import type { IsoDate } from '../../shared/dates';
import { blocksNights } from '../allocation/constraints';
import { inTransaction } from '../db/transaction';
import { emitAfterCommit } from '../events/bus';
import { bumpOccupancyVersions } from '../events/occupancyVersion';
import { conflict, validationError } from '../errors';
import type { Stay } from '../models';
import { loadBookings } from '../placement/snapshot';
import { isCurrent, lockStay } from '../placement/stayLocks';
import { recordAudit } from './audit';
import type { ServiceContext } from './context';
import { cleaningNights, currentPolicy } from './policy';

/**
 * Moves a current stay's planned release later (e.g. a room-mate tested positive), with a
 * reason. Refused with 409 when another party holds the room (or its cleaning buffer) on the
 * added nights; the room is locked for the check.
 */
export async function extendStay(
  ctx: ServiceContext,
  stayId: number,
  input: { plannedReleaseDate: IsoDate; reason: string },
): Promise<Stay> {
  return inTransaction(ctx.sequelize, async (transaction) => {
    const { stay, room } = await lockStay(transaction, stayId);
    if (!isCurrent(stay)) {
      throw conflict(
        { code: 'stay.status', params: { status: stay.status } },
        `Stay ${stay.id} is ${stay.status}: cannot extend.`,
        [{ field: 'stayId', message: `stay is ${stay.status}`, type: 'stay.status' }],
      );
    }
    if (input.plannedReleaseDate <= stay.plannedReleaseDate) {
      throw validationError([
        {
          field: 'plannedReleaseDate',
          message: `plannedReleaseDate must be after the current ${stay.plannedReleaseDate}`,
          type: 'date.min',
        },
      ]);
    }
    const policy = await currentPolicy(transaction);
    const nights = cleaningNights(policy);
    const others = await loadBookings(transaction, [stay.roomId], {
      entryDate: stay.plannedReleaseDate,
      releaseDate: input.plannedReleaseDate,
      cleaningNights: nights,
      today: ctx.today,
    });
    const clash = others.find(
      (b) =>
        b.partyId !== stay.partyId &&
        blocksNights(b, stay.plannedReleaseDate, input.plannedReleaseDate, nights),
    );
    if (clash) {
      throw conflict(
        {
          code: 'room.bookedLater',
          params: { from: clash.start, latest: addDays(clash.start, -nights) },
        },
        `Room is booked by party ${clash.partyId} from ${clash.start}; extend to ${addDays(clash.start, -nights)} at most, or move the party.`,
        [
          {
            field: 'plannedReleaseDate',
            message: 'another party holds the room on those nights',
            type: 'placement.nights',
          },
        ],
      );
    }
    const before = { plannedReleaseDate: stay.plannedReleaseDate };
    await stay.update({ plannedReleaseDate: input.plannedReleaseDate }, { transaction });
    await recordAudit(transaction, ctx.actor, {
      entity: 'stay',
      entityId: stay.id,
      action: 'extend',
      before,
      after: { plannedReleaseDate: stay.plannedReleaseDate, reason: input.reason },
    });
    const sites = await bumpOccupancyVersions(transaction, [room.siteId]);
    emitAfterCommit(transaction, {
      name: 'stay.changed',
      payload: {
        action: 'extend',
        partyId: stay.partyId,
        stayIds: [stay.id],
        status: stay.status,
        sites,
      },
    });
    return stay;
  });
}
