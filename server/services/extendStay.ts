import { addDays, type IsoDate } from '../../shared/dates';
import { CURRENT_STAY_STATUSES } from '../../shared/enums';
import { CONSTRAINT_EXPLANATIONS } from '../../shared/placement';
import {
  brokenRoomRule,
  floorBookings,
  type FloorBookings,
  type RuleRequest,
} from '../allocation/rules';
import { ruleRequest } from '../allocation/suggest';
import { inTransaction } from '../db/transaction';
import { conflict, notFound, validationError } from '../errors';
import { Party, Stay } from '../models';
import { lockFloors } from '../placement/floorLock';
import { isCurrent } from '../placement/stayLocks';
import type { ServiceContext } from './context';
import { allocationPolicy, currentPolicy } from './policy';
import { finishOneStayChange } from './stayChange';

/**
 * Moves a current stay's planned release later (e.g. a room-mate tested positive), with a
 * reason. The added nights are checked by the same room rules as any placement of them (one
 * party per room with its cleaning buffer, one category per floor), with the stay's floor
 * locked as a placement locks it; refused with 409 naming the rule and the latest date it allows.
 */
export async function extendStay(
  ctx: ServiceContext,
  stayId: number,
  input: { plannedReleaseDate: IsoDate; reason: string },
): Promise<Stay> {
  return inTransaction(ctx.sequelize, async (transaction) => {
    const stay = await Stay.findByPk(stayId, { transaction });
    if (!stay) throw notFound(`Stay ${stayId}`, 'stayId');
    const rules = allocationPolicy(await currentPolicy(transaction));
    // The stay's floor locked as a placement locks it, then the stay read again as committed now
    // (an extension only moves its release later, so the floor's stays read from the release seen
    // before the lock are enough).
    const locked = await lockFloors(transaction, [stay.roomId], {
      entryDate: stay.plannedReleaseDate,
      cleaningNights: rules.cleaningNights,
      today: ctx.today,
    });
    await stay.reload({ transaction });
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
    // The added nights, asked of the stay's room as a placement of the party would ask them.
    const room = locked.rooms.find((r) => r.id === stay.roomId)!;
    const party = (await Party.findByPk(stay.partyId, { attributes: ['category'], transaction }))!;
    const inRoom = await Stay.count({
      where: { partyId: stay.partyId, roomId: room.id, status: [...CURRENT_STAY_STATUSES] },
      transaction,
    });
    const request: RuleRequest = ruleRequest(
      {
        partyId: stay.partyId,
        category: party.category,
        shareRoom: true,
        members: [],
        origin: null,
        entryDate: stay.plannedReleaseDate,
        releaseDate: input.plannedReleaseDate,
        allowStandby: true,
      },
      rules,
    );
    const onFloor = locked.rooms.filter((r) => r.floor === room.floor).map((r) => r.id);
    const floor = floorBookings(
      locked.bookings.filter((b) => onFloor.includes(b.roomId)),
      request,
    );
    // The party's people in the room, whose needs it met when they were placed.
    const broken = brokenRoomRule(room, { size: inRoom, needs: [] }, floor);
    if (broken) throw extensionRefused(broken, room.id, floor, rules.cleaningNights, request);

    const before = { plannedReleaseDate: stay.plannedReleaseDate };
    await stay.update({ plannedReleaseDate: input.plannedReleaseDate }, { transaction });
    await finishOneStayChange(ctx, transaction, {
      stay,
      siteId: room.siteId,
      action: 'extend',
      before,
      after: { plannedReleaseDate: stay.plannedReleaseDate, reason: input.reason },
    });
    return stay;
  });
}

/** The 409 for a rule the added nights break, with the latest release it would allow. */
function extensionRefused(
  broken: NonNullable<ReturnType<typeof brokenRoomRule>>,
  roomId: number,
  floor: FloorBookings,
  cleaningNights: number,
  request: RuleRequest,
) {
  const field = {
    field: 'plannedReleaseDate',
    message: CONSTRAINT_EXPLANATIONS[broken],
    type: `placement.${broken}`,
  };
  const blocker = floor.blockerOf(roomId);
  if (broken === 'nights' && blocker) {
    const latest = addDays(blocker.start, -cleaningNights);
    return conflict(
      { code: 'room.bookedLater', params: { from: blocker.start, latest } },
      `Room is booked by party ${blocker.partyId} from ${blocker.start}; extend to ${latest} at most, or move the party.`,
      [field],
    );
  }
  const other = floor.otherCategory;
  if (broken === 'floorCategory' && other) {
    const from = other.start > request.window.entry ? other.start : request.window.entry;
    return conflict(
      { code: 'floor.otherCategory', params: { from, category: other.category, latest: from } },
      `The floor holds ${other.category} people from ${from}; extend to ${from} at most, or move the party.`,
      [field],
    );
  }
  const { entry, release } = request.window;
  return conflict(
    { code: 'rooms.cannotTake', params: { from: entry, to: release } },
    `The room cannot keep this party from ${entry} to ${release}.`,
    [field],
  );
}
