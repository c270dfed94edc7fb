/**
 * Places a party: into the rooms the caller chose, or into the engine's best option; a party
 * nothing fits is queued on the waiting list instead (DESIGN §5).
 *
 * Never overbooks, with any number of server processes: every room of the target floor is locked
 * by primary key (in id order) and its version bumped before the bookings are re-read and checked,
 * all in one transaction; deadlocks and lock time-outs retry the whole transaction (inTransaction).
 * One current stay per person is also a unique key in the database.
 */
import { suggest } from '../allocation/suggest';
import {
  firstBrokenConstraint,
  floorCategories,
  floorKey,
  indexBookings,
} from '../allocation/constraints';
import type { AssignedRoom, PartyRequest, RoomSnapshot, Suggestion } from '../allocation/types';
import { CONSTRAINT_EXPLANATIONS } from '../../shared/placement';
import type { IsoDate } from '../../shared/dates';
import type { HardConstraint } from '../../shared/enums';
import type { PolicyDocument } from '../../shared/policy';
import type { Transaction } from 'sequelize';
import { inTransaction, RetryableConflict } from '../db/transaction';
import { conflict, validationError } from '../errors';
import { Site, type Stay } from '../models';
import {
  loadParty,
  partyRequest,
  refuseMembersInQuarantine,
  stayWindow,
  type LoadedParty,
  type StayWindow,
} from '../placement/partyLoader';
import {
  bumpRoomVersions,
  floorRoomIds,
  loadAvailableRooms,
  loadBookings,
  loadSites,
  lockRooms,
} from '../placement/snapshot';
import { markPlaced, queueParty, queuePosition } from '../placement/waitingQueue';
import { writeStays } from '../placement/writeStays';
import { recordAudit } from './audit';
import type { ServiceContext } from './context';
import { allocationPolicy, currentPolicy } from './policy';

export interface PlacePartyInput {
  partyId: number;
  /** Rooms chosen by the caller: one for a party that shares (or of one), else one per member. */
  roomIds?: number[];
  entryDate?: IsoDate;
  allowStandby?: boolean;
}

export type PlacePartyResult =
  | { outcome: 'placed'; partyId: number; siteId: number; stays: Stay[] }
  | {
      outcome: 'queued';
      partyId: number;
      waitingEntryId: number;
      position: number;
      constraint: HardConstraint | null;
      reason: string;
    };

/** How many of the engine's options are re-checked under lock before retrying from scratch. */
const OPTIONS_TRIED = 3;

export async function placeParty(
  ctx: ServiceContext,
  input: PlacePartyInput,
): Promise<PlacePartyResult> {
  return inTransaction(ctx.sequelize, async (transaction) => {
    const policy = await currentPolicy(transaction);
    const loaded = await loadParty(transaction, input.partyId);
    await refuseMembersInQuarantine(transaction, loaded);
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
    return { outcome: 'placed' as const, partyId: loaded.party.id, siteId: chosen.siteId, stays };
  });
}

interface Option {
  outcome: 'option';
  siteId: number;
  rooms: AssignedRoom[];
  /** Every room locked for it (the whole floor), whose versions are bumped on commit. */
  lockedRoomIds: number[];
  opensStandbySite: boolean;
}

type Choice = Option | { outcome: 'none'; constraint: HardConstraint | null };

/**
 * Locks the floors of `roomIds`, reads their bookings as committed now, and returns the first
 * constraint each assigned room breaks (null when the assignment holds).
 */
async function verifyUnderLock(
  ctx: ServiceContext,
  transaction: Transaction,
  policy: PolicyDocument,
  request: PartyRequest,
  assigned: readonly AssignedRoom[],
): Promise<{ broken: { index: number; constraint: HardConstraint }[]; option: Option | null }> {
  const roomIds = assigned.map((a) => a.roomId);
  const lockedIds = await floorRoomIds(transaction, roomIds);
  const rooms = await lockRooms(transaction, lockedIds);
  const byId = new Map(rooms.map((r) => [r.id, r]));
  const siteIds = [...new Set(rooms.map((r) => r.siteId))];
  const sites = await loadSites(transaction, {
    entryDate: request.entryDate,
    allowStandby: request.allowStandby,
    ids: siteIds,
  });
  const bookings = await loadBookings(transaction, lockedIds, {
    entryDate: request.entryDate,
    releaseDate: request.releaseDate,
    cleaningNights: allocationPolicy(policy).cleaningNights,
    today: ctx.today,
  });
  const index = indexBookings(rooms, bookings, request.partyId);
  const rules = allocationPolicy(policy);
  const floorCats = (room: RoomSnapshot) =>
    floorCategories(
      index.byFloor.get(floorKey(room.siteId, room.floor)),
      request.entryDate,
      request.releaseDate,
    );
  const broken: { index: number; constraint: HardConstraint }[] = [];
  assigned.forEach((a, i) => {
    const room = byId.get(a.roomId);
    if (!room) return broken.push({ index: i, constraint: 'roomStatus' });
    const unit = {
      size: a.members.length,
      needs: new Set(a.members.flatMap((m) => request.members[m].needs)),
    };
    const site = sites.find((s) => s.id === room.siteId);
    const c = firstBrokenConstraint(room, site, unit, request, index, rules, floorCats);
    if (c) broken.push({ index: i, constraint: c });
  });
  if (broken.length) return { broken, option: null };
  const siteId = byId.get(assigned[0].roomId)!.siteId;
  return {
    broken,
    option: {
      outcome: 'option',
      siteId,
      rooms: [...assigned],
      lockedRoomIds: lockedIds,
      opensStandbySite: sites.find((s) => s.id === siteId)?.status === 'standby',
    },
  };
}

async function checkChosenRooms(
  ctx: ServiceContext,
  transaction: Transaction,
  policy: PolicyDocument,
  request: PartyRequest,
  roomIds: number[],
): Promise<Option> {
  const oneRoom = request.shareRoom || request.members.length === 1;
  const expected = oneRoom ? 1 : request.members.length;
  if (roomIds.length !== expected || new Set(roomIds).size !== roomIds.length) {
    throw validationError([
      {
        field: 'roomIds',
        message: `give ${expected} different room(s): ${oneRoom ? 'one room for the whole party' : 'one room per member, in member order'}`,
        type: 'array.length',
      },
    ]);
  }
  const assigned: AssignedRoom[] = oneRoom
    ? [{ roomId: roomIds[0], number: '', members: request.members.map((_, i) => i) }]
    : roomIds.map((roomId, i) => ({ roomId, number: '', members: [i] }));
  const { broken, option } = await verifyUnderLock(ctx, transaction, policy, request, assigned);
  if (option) return option;
  throw conflict(
    `The chosen room(s) cannot take this party from ${request.entryDate} to ${request.releaseDate}.`,
    broken.map((b) => ({
      field: `roomIds.${b.index}`,
      message: `room ${roomIds[b.index]}: ${CONSTRAINT_EXPLANATIONS[b.constraint]}`,
      type: `placement.${b.constraint}`,
    })),
  );
}

/** The engine's best options, each re-checked under lock; none means the party waits. */
async function bestAvailable(
  ctx: ServiceContext,
  transaction: Transaction,
  policy: PolicyDocument,
  request: PartyRequest,
): Promise<Choice> {
  const { suggestions, mostCommonFailure } = await suggestFromDatabase(
    ctx,
    transaction,
    policy,
    request,
    OPTIONS_TRIED,
  );
  if (suggestions.length === 0) return { outcome: 'none', constraint: mostCommonFailure };
  for (const s of suggestions) {
    const { option } = await verifyUnderLock(ctx, transaction, policy, request, s.rooms);
    if (option) return option;
  }
  // Every option was taken by a concurrent placement since we read: start again.
  throw new RetryableConflict('placement options taken concurrently');
}

/** Runs the engine over a snapshot of every open site (read without locks). */
export async function suggestFromDatabase(
  ctx: ServiceContext,
  transaction: Transaction | undefined,
  policy: PolicyDocument,
  request: PartyRequest,
  limit: number,
): Promise<{
  suggestions: Suggestion[];
  mostCommonFailure: HardConstraint | null;
  feasibleRooms: number;
  rejections: Partial<Record<HardConstraint, number>>;
}> {
  const rules = allocationPolicy(policy);
  const sites = await loadSites(transaction, {
    entryDate: request.entryDate,
    allowStandby: request.allowStandby,
  });
  const siteIds = sites.map((s) => s.id);
  const rooms = await loadAvailableRooms(transaction, siteIds);
  const bookings = await loadBookings(
    transaction,
    { siteIds },
    { ...request, cleaningNights: rules.cleaningNights, today: ctx.today },
  );
  return suggest({ sites, rooms, bookings, party: request, policy: rules, limit });
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
  await markPlaced(transaction, loaded.party.id, ctx.now);
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
  return stays;
}
