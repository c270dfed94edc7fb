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
import type { IsoDate } from '../../shared/dates';
import type { HardConstraint } from '../../shared/enums';
import type { PolicyDocument } from '../../shared/policy';
import { inTransaction } from '../db/transaction';
import { emitAfterCommit, runAfterCommit } from '../events/bus';
import { Site } from '../models';
import { bestAvailable, checkChosenRooms, type Option } from '../placement/chooseRooms';
import { fileCommittedStays } from '../placement/citySnapshot';
import { bumpOccupancyVersions } from '../placement/occupancyVersion';
import {
  loadParty,
  partyRequest,
  refuseMembersInQuarantine,
  stayWindow,
  type LoadedParty,
  type StayWindow,
} from '../placement/partyLoader';
import { markPlaced, queueParty, queuePosition } from '../placement/waitingQueue';
import { writeStays } from '../placement/writeStays';
import type { StayFields } from '../presenters/stay';
import type { RoomPlace } from '../queries/roomPlaces';
import { requestDrainAfterCommit } from '../waitingList/drainRequest';
import {
  queueOrder,
  readQueueAhead,
  type QueueOrder,
  type QueueTurn,
} from '../waitingList/queueOrder';
import { recordAudit } from './audit';
import type { ServiceContext } from './context';
import { policyByStamp } from './policy';

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
  return inTransaction(ctx.sequelize, (transaction) => placeOnce(ctx, input, transaction));
}

async function placeOnce(
  ctx: ServiceContext,
  input: PlacePartyInput,
  transaction: Transaction,
): Promise<PlacePartyResult> {
  // The party is read locked (one placement of it at a time), with its waiting entry and the name
  // of the policy in force (this process keeps the document until another is in force).
  const loaded = await loadParty(transaction, input.partyId, { forPlacement: true });
  const { policyStamp, waitingEntryId } = loaded.placement!;
  const policy = await policyByStamp(ctx.sequelize, transaction, policyStamp);
  refuseMembersInQuarantine(loaded);
  const window = stayWindow(policy, loaded, ctx.today, input.entryDate);
  const request = partyRequest(loaded, window, input.allowStandby ?? false);
  // No jumping the queue: behind earlier parties of its priority, the party waits its turn.
  const order = queueOrder(input, loaded, policy, await readQueueAhead(transaction, input, loaded));

  const chosen = order.wait
    ? ({ outcome: 'none', constraint: null } as const)
    : input.roomIds
      ? await checkChosenRooms(ctx, transaction, policy, request, input.roomIds)
      : await bestAvailable(ctx, transaction, policy, request);
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
  const stays = await writePlacement(ctx, transaction, policy, loaded, window, chosen, {
    waitingEntryId,
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
 * Writes an option: the standby site opened if it must be, the stays and their tests, the
 * waiting entry resolved, the audit record and, last, the site's version (its row's lock is
 * held only from there to COMMIT). The events are heard once the transaction commits.
 */
async function writePlacement(
  ctx: ServiceContext,
  transaction: Transaction,
  policy: PolicyDocument,
  loaded: LoadedParty,
  window: StayWindow,
  option: Option,
  { waitingEntryId, orderNote }: { waitingEntryId: number | null; orderNote: QueueOrder['note'] },
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
  const stays = await writeStays(transaction, loaded, option.rooms, window, policy);
  // The entry was read under the party's lock: no one can queue the party meanwhile.
  if (waitingEntryId !== null) await markPlaced(transaction, waitingEntryId, ctx.now);
  await recordAudit(transaction, ctx.actor, {
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
  const sites = await bumpOccupancyVersions(transaction, [option.siteId]);
  // The next automatic placement here need not read this site again for what this one wrote.
  runAfterCommit(transaction, () =>
    fileCommittedStays(ctx.sequelize, {
      siteId: option.siteId,
      version: sites[0].version,
      stays: stays.map((stay) => ({
        roomId: stay.roomId,
        partyId: stay.partyId,
        category: loaded.party.category,
        status: stay.status,
        entryDate: stay.entryDate,
        plannedReleaseDate: stay.plannedReleaseDate,
        releaseDate: null,
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
