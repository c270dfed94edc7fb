/**
 * Places a party: into the rooms the caller chose, or into the engine's best option; a party
 * nothing fits is queued on the waiting list instead (DESIGN §5).
 *
 * Never overbooks, with any number of server processes: every room of the target floor is locked
 * by primary key (in id order) and its version bumped before the bookings are re-read and checked,
 * all in one transaction; deadlocks and lock time-outs retry the whole transaction (inTransaction).
 * One current stay per person is also a unique key in the database.
 * After commit (never on rollback): `stay.created` with the site's new occupancy version, and
 * `waitingList.changed` when the party joined or left the waiting list.
 */
import type { Transaction } from 'sequelize';
import type { IsoDate } from '../../shared/dates';
import type { HardConstraint } from '../../shared/enums';
import type { PolicyDocument } from '../../shared/policy';
import { inTransaction } from '../db/transaction';
import { emitAfterCommit } from '../events/bus';
import { bumpOccupancyVersions } from '../events/occupancyVersion';
import { Site, type Stay } from '../models';
import { bestAvailable, checkChosenRooms, type Option } from '../placement/chooseRooms';
import {
  loadParty,
  partyRequest,
  refuseMembersInQuarantine,
  stayWindow,
  type LoadedParty,
  type StayWindow,
} from '../placement/partyLoader';
import { bumpRoomVersions } from '../placement/snapshot';
import { markPlaced, queueParty, queuePosition } from '../placement/waitingQueue';
import { writeStays } from '../placement/writeStays';
import type { RoomPlace } from '../queries/roomPlaces';
import { recordAudit } from './audit';
import type { ServiceContext } from './context';
import { currentPolicy } from './policy';

export interface PlacePartyInput {
  partyId: number;
  /** Rooms chosen by the caller: one for a party that shares (or of one), else one per member. */
  roomIds?: number[];
  entryDate?: IsoDate;
  allowStandby?: boolean;
}

export type PlacePartyResult =
  | {
      outcome: 'placed';
      partyId: number;
      siteId: number;
      stays: Stay[];
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
  return inTransaction(ctx.sequelize, async (transaction) => {
    const policy = await currentPolicy(transaction);
    const loaded = await loadParty(transaction, input.partyId);
    refuseMembersInQuarantine(loaded);
    const window = stayWindow(policy, loaded, ctx.today, input.entryDate);
    const request = partyRequest(loaded, window, input.allowStandby ?? false);

    const chosen = input.roomIds
      ? await checkChosenRooms(ctx, transaction, policy, request, input.roomIds)
      : await bestAvailable(ctx, transaction, policy, request);
    if (chosen.outcome === 'none') {
      const entry = await queueParty(transaction, loaded, policy, chosen.constraint, ctx.now);
      await recordAudit(transaction, ctx.actor, {
        entity: 'party',
        entityId: loaded.party.id,
        action: 'queue',
        after: { constraint: chosen.constraint },
      });
      emitAfterCommit(transaction, {
        name: 'waitingList.changed',
        payload: { action: 'queued', partyId: loaded.party.id },
      });
      return {
        outcome: 'queued' as const,
        partyId: loaded.party.id,
        waitingEntryId: entry.id,
        position: await queuePosition(transaction, entry),
        constraint: chosen.constraint,
        reason: entry.reason ?? '',
      };
    }
    const stays = await commitPlacement(ctx, transaction, policy, loaded, window, chosen);
    return {
      outcome: 'placed' as const,
      partyId: loaded.party.id,
      siteId: chosen.siteId,
      stays,
      places: chosen.places,
    };
  });
}

async function commitPlacement(
  ctx: ServiceContext,
  transaction: Transaction,
  policy: PolicyDocument,
  loaded: LoadedParty,
  window: StayWindow,
  option: Option,
): Promise<Stay[]> {
  await bumpRoomVersions(transaction, option.lockedRoomIds);
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
  const wasWaiting = await markPlaced(transaction, loaded.party.id, ctx.now);
  await recordAudit(transaction, ctx.actor, {
    entity: 'party',
    entityId: loaded.party.id,
    action: 'place',
    after: {
      siteId: option.siteId,
      rooms: option.rooms.map((r) => r.roomId),
      entryDate: window.entryDate,
      releaseDate: window.releaseDate,
    },
  });
  const sites = await bumpOccupancyVersions(transaction, [option.siteId]);
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
  if (wasWaiting) {
    emitAfterCommit(transaction, {
      name: 'waitingList.changed',
      payload: { action: 'placed', partyId: loaded.party.id },
    });
  }
  return stays;
}
