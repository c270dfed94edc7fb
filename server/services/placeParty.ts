/**
 * Places a party: into the rooms the caller chose, or into the engine's best option; a party
 * nothing fits is queued on the waiting list instead (DESIGN §5).
 *
 * Never overbooks, with any number of server processes: every room of the target floor is locked
 * by primary key (in id order) before the bookings are re-read and checked, all in one
 * transaction; deadlocks and lock time-outs retry the whole transaction (inTransaction). The
 * contention is also a write (DESIGN §6): the placement bumps its site's occupancy version, a row
 * every change to that site's rooms or stays writes, so on a multi-master cluster the second of
 * two conflicting commits fails. A party's rooms are on one floor, so one site row covers them.
 * One current stay per person is also a unique key in the database.
 * After commit (never on rollback): `stay.created` with the site's new occupancy version, and
 * `waitingList.changed` when the party joined or left the waiting list.
 */
import type { Transaction } from 'sequelize';
import { addDays } from '../../shared/dates';
import type { IsoDate } from '../../shared/dates';
import type { HardConstraint } from '../../shared/enums';
import type { PolicyDocument } from '../../shared/policy';
import { StatementBatch } from '../db/statementBatch';
import { inTransaction } from '../db/transaction';
import { emitAfterCommit, runAfterCommit } from '../events/bus';
import { queueOccupancyBump } from '../events/occupancyVersion';
import { Site } from '../models';
import { bestAvailable, checkChosenRooms, type Option } from '../placement/chooseRooms';
import {
  partyRequest,
  queuePartyRead,
  refuseMembersInQuarantine,
  stayWindow,
  type LoadedParty,
  type StayWindow,
} from '../placement/partyLoader';
import {
  noteCommittedBookings,
  noteVersionInFlight,
  queueSiteRows,
} from '../placement/citySnapshot';
import { queueFloorLock } from '../placement/snapshot';
import { queueMarkPlaced, queueParty, queuePosition } from '../placement/waitingQueue';
import { queueStayWrites } from '../placement/writeStays';
import type { StayFields } from '../presenters/stay';
import type { RoomPlace } from '../queries/roomPlaces';
import { requestDrainAfterCommit } from '../waitingList/drainRequest';
import {
  queueAheadRead,
  queueOrder,
  type QueueOrder,
  type QueueTurn,
} from '../waitingList/queueOrder';
import { queueAudit, recordAudit } from './audit';
import type { ServiceContext } from './context';
import { lastReadCleaningNights, policyByStamp } from './policy';

export interface PlacePartyInput {
  partyId: number;
  /** Rooms chosen by the caller: one for a party that shares (or of one), else one per member. */
  roomIds?: number[];
  entryDate?: IsoDate;
  allowStandby?: boolean;
  /** How the placement stands towards the waiting list's order (waitingList/queueOrder.ts). */
  turn?: QueueTurn;
}

export type PlacePartyResult =
  | {
      outcome: 'placed';
      partyId: number;
      siteId: number;
      stays: StayFields[];
      /** Site and number of each room taken, as read under lock. */
      places: Map<number, RoomPlace>;
    }
  | {
      outcome: 'queued';
      partyId: number;
      waitingEntryId: number;
      position: number;
      constraint: HardConstraint | null;
      reason: string;
    };

export async function placeParty(
  ctx: ServiceContext,
  input: PlacePartyInput,
): Promise<PlacePartyResult> {
  // Site versions an attempt wrote, forgotten as soon as it has ended (see citySnapshot).
  const inFlight: (() => void)[] = [];
  const afterAttempt = () => inFlight.splice(0).forEach((forget) => forget());
  return inTransaction(
    ctx.sequelize,
    (transaction) => placeOnce(ctx, input, transaction, inFlight),
    { afterAttempt },
  );
}

async function placeOnce(
  ctx: ServiceContext,
  input: PlacePartyInput,
  transaction: Transaction,
  inFlight: (() => void)[],
): Promise<PlacePartyResult> {
  // One round trip reads the party, locked (one placement of it at a time), with its waiting
  // entry and the name of the policy in force (this process keeps the document until another
  // is), and with it: for a chosen room, its floor locked and read (ended stays back as far as
  // the cleaning buffer this process last saw, checked once the policy is known); for the
  // engine, the open sites and their versions.
  const reads = new StatementBatch(ctx.sequelize);
  const readParty = queuePartyRead(reads, input.partyId, { forPlacement: true });
  const readAhead = queueAheadRead(reads, input.partyId, input.turn);
  const allowStandby = input.allowStandby ?? false;
  const entryDate = input.entryDate ?? ctx.today;
  const chosenFloor = input.roomIds?.length
    ? queueFloorLock(
        reads,
        input.roomIds,
        addDays(entryDate, -lastReadCleaningNights(ctx.sequelize)),
      )
    : undefined;
  const siteRows = input.roomIds
    ? undefined
    : queueSiteRows(reads, { allowStandby, ...(ctx.siteScope ? { siteIds: ctx.siteScope } : {}) });
  await reads.run(transaction);
  const loaded = readParty();
  const { policyStamp, waitingEntryId } = loaded.placement!;
  const policy = await policyByStamp(ctx.sequelize, transaction, policyStamp);
  refuseMembersInQuarantine(loaded);
  const window = stayWindow(policy, loaded, ctx.today, input.entryDate);
  const request = partyRequest(loaded, window, allowStandby);
  // No jumping the queue: behind earlier parties of its priority, the party waits its turn.
  const order = queueOrder(input, loaded, policy, readAhead());

  const chosen = order.wait
    ? ({ outcome: 'none', constraint: null } as const)
    : input.roomIds
      ? await checkChosenRooms(ctx, transaction, policy, request, input.roomIds, chosenFloor)
      : await bestAvailable(ctx, transaction, policy, request, siteRows ? { siteRows } : {});
  if (chosen.outcome === 'none') {
    const reason = order.wait ? order.reason : undefined;
    const entry = await queueParty(transaction, loaded, policy, chosen.constraint, ctx.now, reason);
    await recordAudit(transaction, ctx.actor, {
      entity: 'party',
      entityId: loaded.party.id,
      action: 'queue',
      after: { constraint: chosen.constraint, ...order.note },
    });
    emitAfterCommit(transaction, {
      name: 'waitingList.changed',
      payload: { action: 'queued', partyId: loaded.party.id },
    });
    if (order.wait) requestDrainAfterCommit(ctx, transaction);
    return {
      outcome: 'queued' as const,
      partyId: loaded.party.id,
      waitingEntryId: entry.id,
      position: await queuePosition(transaction, entry),
      constraint: chosen.constraint,
      reason: entry.reason ?? '',
    };
  }
  const stays = await commitPlacement(ctx, transaction, policy, loaded, window, chosen, {
    waitingEntryId,
    inFlight,
    orderNote: order.note,
  });
  return {
    outcome: 'placed' as const,
    partyId: loaded.party.id,
    siteId: chosen.siteId,
    stays,
    places: chosen.places,
  };
}

/**
 * Writes an option: the standby site opened if it must be (rare: through the models), then every
 * write of a placement — stays, tests, waiting entry, audit, site version (last: the site row's
 * lock is held only from there to COMMIT) — as one batch (one round trip on MySQL).
 */
async function commitPlacement(
  ctx: ServiceContext,
  transaction: Transaction,
  policy: PolicyDocument,
  loaded: LoadedParty,
  window: StayWindow,
  option: Option,
  {
    waitingEntryId,
    inFlight,
    orderNote,
  }: {
    waitingEntryId: number | null;
    inFlight: (() => void)[];
    orderNote: QueueOrder['note'];
  },
): Promise<StayFields[]> {
  if (option.opensStandbySite) {
    const site = await Site.findByPk(option.siteId, { transaction, lock: transaction.LOCK.UPDATE });
    if (site && site.status === 'standby') {
      await site.update({ status: 'active' }, { transaction });
      await recordAudit(transaction, ctx.actor, {
        entity: 'site',
        entityId: site.id,
        action: 'activate',
        before: { status: 'standby' },
        after: { status: 'active', reason: `opened to place party ${loaded.party.id}` },
      });
    }
  }
  const writes = new StatementBatch(ctx.sequelize);
  const readStays = queueStayWrites(writes, loaded, option.rooms, window, policy);
  // The entry was read under the party's lock: no one can queue the party meanwhile.
  if (waitingEntryId !== null) queueMarkPlaced(writes, waitingEntryId, ctx.now);
  queueAudit(writes, ctx.actor, {
    entity: 'party',
    entityId: loaded.party.id,
    action: 'place',
    after: {
      siteId: option.siteId,
      rooms: option.rooms.map((r) => r.roomId),
      entryDate: window.entryDate,
      releaseDate: window.releaseDate,
      ...orderNote,
    },
  });
  const readSites = queueOccupancyBump(writes, [option.siteId]);
  const written = noteVersionInFlight(ctx.sequelize, option.siteId);
  inFlight.push(written.forget);
  // The placement's last statements: the batch commits it (nothing below may fail).
  await writes.run(transaction, { commit: true });
  const stays = readStays();
  const sites = readSites();
  written.settle(sites[0].version);
  // The next automatic placement here need not read this site again for what this one wrote.
  runAfterCommit(transaction, () =>
    noteCommittedBookings(ctx.sequelize, {
      siteId: option.siteId,
      version: sites[0].version,
      bookings: option.rooms.map((room) => ({
        roomId: room.roomId,
        partyId: loaded.party.id,
        category: loaded.party.category,
        start: window.entryDate,
        end: window.releaseDate,
        people: room.members.length,
      })),
    }),
  );
  if (option.opensStandbySite) {
    emitAfterCommit(transaction, {
      name: 'site.changed',
      payload: { action: 'activate', siteId: option.siteId, status: 'active', sites },
    });
  }
  emitAfterCommit(transaction, {
    name: 'stay.created',
    payload: {
      partyId: loaded.party.id,
      stayIds: stays.map((s) => s.id),
      roomIds: option.rooms.map((r) => r.roomId),
      sites,
    },
  });
  if (waitingEntryId !== null) {
    emitAfterCommit(transaction, {
      name: 'waitingList.changed',
      payload: { action: 'placed', partyId: loaded.party.id },
    });
  }
  return stays;
}
