/**
 * Choosing rooms for a party under lock: the caller's choice checked, or the engine's best
 * options re-checked. Every room of each target floor is locked by primary key in id order before
 * its bookings are read, so what is checked is what is committed (shared by place and move).
 */
import type { Transaction } from 'sequelize';
import { firstBrokenConstraint, indexBookings, roomCheck } from '../allocation/constraints';
import { suggest } from '../allocation/suggest';
import type { AssignedRoom, PartyRequest, Suggestion } from '../allocation/types';
import type { HardConstraint } from '../../shared/enums';
import { CONSTRAINT_EXPLANATIONS } from '../../shared/placement';
import type { PolicyDocument } from '../../shared/policy';
import { RetryableConflict } from '../db/transaction';
import { conflict, validationError } from '../errors';
import type { ServiceContext } from '../services/context';
import { allocationPolicy } from '../services/policy';
import { loadCity } from './citySnapshot';
import { floorRoomIds, loadSiteRooms, loadBookings, loadSites, lockRooms } from './snapshot';

/** How many of the engine's options are re-checked under lock before retrying from scratch. */
const OPTIONS_TRIED = 3;

export interface Option {
  outcome: 'option';
  siteId: number;
  rooms: AssignedRoom[];
  /** Every room locked for it (the whole floor), whose versions are bumped on commit. */
  lockedRoomIds: number[];
  opensStandbySite: boolean;
}

export type Choice = Option | { outcome: 'none'; constraint: HardConstraint | null };

/**
 * Locks the floors of `roomIds`, reads their bookings as committed now, and returns the first
 * constraint each assigned room breaks (null when the assignment holds).
 */
export async function verifyUnderLock(
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
  const check = roomCheck(
    request,
    indexBookings(rooms, bookings, request.partyId),
    allocationPolicy(policy),
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
    const c = firstBrokenConstraint(room, site, unit, check);
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

export async function checkChosenRooms(
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
export async function bestAvailable(
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
  const city =
    request.entryDate >= ctx.today
      ? await loadCity(ctx.sequelize, transaction, {
          today: ctx.today,
          cleaningNights: rules.cleaningNights,
          entryDate: request.entryDate,
          allowStandby: request.allowStandby,
          ...(ctx.siteScope ? { siteIds: ctx.siteScope } : {}),
        })
      : await loadDirectly(ctx, transaction, request, rules.cleaningNights);
  return suggest({ ...city, party: request, policy: rules, limit });
}

/** The snapshot read whole from the database, for nights that began before today. */
async function loadDirectly(
  ctx: ServiceContext,
  transaction: Transaction | undefined,
  request: PartyRequest,
  cleaningNights: number,
) {
  const sites = await loadSites(transaction, {
    entryDate: request.entryDate,
    allowStandby: request.allowStandby,
    ...(ctx.siteScope ? { ids: ctx.siteScope } : {}),
  });
  const siteIds = sites.map((s) => s.id);
  const rooms = await loadSiteRooms(transaction, siteIds);
  const bookings = await loadBookings(
    transaction,
    { siteIds },
    { ...request, cleaningNights, today: ctx.today },
  );
  return { sites, rooms, bookings };
}
