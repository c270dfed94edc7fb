/**
 * Choosing rooms for a party under lock: the caller's choice checked, or the engine's best
 * options re-checked. Every room of each target floor is locked by primary key in id order before
 * its bookings are read, so what is checked is what is committed (shared by place and move).
 */
import type { Transaction } from 'sequelize';
import { indexRooms } from '../allocation/roomIndex';
import { firstBrokenConstraint, floorBookings, onOneFloor } from '../allocation/rules';
import { ruleRequest, suggest } from '../allocation/suggest';
import type {
  AssignedRoom,
  PartyRequest,
  RoomSnapshot,
  SiteRules,
  SiteSnapshot,
  Suggestion,
} from '../allocation/types';
import type { HardConstraint } from '../../shared/enums';
import { CONSTRAINT_EXPLANATIONS } from '../../shared/placement';
import type { PolicyDocument } from '../../shared/policy';
import { RetryableConflict } from '../db/transaction';
import { conflict, validationError } from '../errors';
import type { ServiceContext } from '../services/context';
import { allocationPolicy } from '../services/policy';
import type { RoomPlace } from '../queries/roomPlaces';
import { loadCity, type SiteLabel } from './citySnapshot';
import { lockFloors, RoomsBusy, type LockedFloor } from './floorLock';

/** How many floors of the engine's options are locked and tried before retrying from scratch. */
const FLOORS_TRIED = 3;
/** Options read from the engine to find those floors (several options often share a floor). */
const SUGGESTIONS_READ = 10;

export interface Option {
  outcome: 'option';
  siteId: number;
  rooms: AssignedRoom[];
  opensStandbySite: boolean;
  /** Site and number of each assigned room, as read under lock (for presenting the stays). */
  places: Map<number, RoomPlace>;
}

export type Choice = Option | { outcome: 'none'; constraint: HardConstraint | null };

/**
 * Locks the floors of the assigned rooms, reads their bookings as committed now, and returns the
 * first constraint each assigned room breaks (null when the assignment holds).
 */
export async function verifyUnderLock(
  ctx: ServiceContext,
  transaction: Transaction,
  policy: PolicyDocument,
  request: PartyRequest,
  assigned: readonly AssignedRoom[],
  options: { wait?: boolean } = {},
): Promise<{
  broken: { index: number; constraint: HardConstraint }[];
  option: Option | null;
  /** The locked floor as read under its locks: what any other choice on it can rely on. */
  locked: LockedFloor;
}> {
  const rules = allocationPolicy(policy);
  const locked = await lockFloors(
    transaction,
    assigned.map((a) => a.roomId),
    { entryDate: request.entryDate, cleaningNights: rules.cleaningNights, today: ctx.today },
    options,
  );
  const byId = new Map(locked.rooms.map((r) => [r.id, r]));
  const rulesFor = ruleRequest(request, rules);
  const arranged = indexRooms(locked.rooms, locked.bookings);
  const bookingsOnFloorOf = (room: RoomSnapshot) =>
    floorBookings(
      arranged.find((s) => s.siteId === room.siteId)!.floors.find((f) => f.floor === room.floor)!
        .bookings,
      rulesFor,
    );
  const broken: { index: number; constraint: HardConstraint }[] = [];
  // A household's rooms are on one floor (DESIGN §3): also what lets a placement's one site
  // version bump stand for every row it contends on (see placeParty).
  const first = byId.get(assigned[0]?.roomId);
  assigned.forEach((a, i) => {
    const room = byId.get(a.roomId);
    if (!room) return broken.push({ index: i, constraint: 'roomStatus' });
    if (first && !onOneFloor([first, room])) {
      return broken.push({ index: i, constraint: 'householdFloor' });
    }
    const unit = {
      size: a.members.length,
      needs: [...new Set(a.members.flatMap((m) => request.members[m].needs))],
    };
    const site = locked.sites.find((s) => s.id === room.siteId);
    const c = firstBrokenConstraint(room, site, unit, bookingsOnFloorOf(room), rulesFor);
    if (c) broken.push({ index: i, constraint: c });
  });
  if (broken.length) return { broken, option: null, locked };
  return { broken, option: lockedOption(locked, [...assigned]), locked };
}

function lockedOption(locked: LockedFloor, rooms: AssignedRoom[]): Option {
  const byId = new Map(locked.rooms.map((r) => [r.id, r]));
  const siteId = byId.get(rooms[0].roomId)!.siteId;
  return {
    outcome: 'option',
    siteId,
    rooms,
    opensStandbySite: locked.sites.find((s) => s.id === siteId)?.status === 'standby',
    places: new Map(
      rooms.map(({ roomId }) => {
        const room = byId.get(roomId)!;
        return [roomId, { siteId: room.siteId, number: room.number }];
      }),
    ),
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
  // The hard constraints need no occupancy: the site's aggregate is not read for a chosen room.
  const { broken, option } = await verifyUnderLock(ctx, transaction, policy, request, assigned);
  if (option) return option;
  throw conflict(
    { code: 'rooms.cannotTake', params: { from: request.entryDate, to: request.releaseDate } },
    `The chosen room(s) cannot take this party from ${request.entryDate} to ${request.releaseDate}.`,
    broken.map((b) => ({
      field: `roomIds.${b.index}`,
      message:
        b.constraint === 'householdFloor'
          ? `room ${roomIds[b.index]}: not on the floor of room ${roomIds[0]} (a household's rooms are on one floor)`
          : `room ${roomIds[b.index]}: ${CONSTRAINT_EXPLANATIONS[b.constraint]}`,
      type: `placement.${b.constraint}`,
    })),
  );
}

/**
 * The engine's best options, each re-checked under lock; none means the party waits. When a
 * concurrent placement took the proposed rooms, the floor is locked and freshly read by then, so
 * the best of what is left on it is taken at once (as sure as a verified option: nobody else can
 * change that floor before this commits) instead of retrying the whole transaction — concurrent
 * requests for parties from one district are all proposed the same best room.
 */
export async function bestAvailable(
  ctx: ServiceContext,
  transaction: Transaction,
  policy: PolicyDocument,
  request: PartyRequest,
  options: {
    /** Which options may be taken (a move: not the rooms the party is in); default all. */
    accept?: (rooms: readonly AssignedRoom[]) => boolean;
  } = {},
): Promise<Choice> {
  const { accept } = options;
  const found = await suggestFromDatabase(ctx, transaction, policy, request, SUGGESTIONS_READ);
  const { mostCommonFailure, sites } = found;
  const suggestions = accept ? found.suggestions.filter((s) => accept(s.rooms)) : found.suggestions;
  if (suggestions.length === 0) return { outcome: 'none', constraint: mostCommonFailure };
  const floors: Suggestion[] = [];
  for (const s of suggestions) {
    if (floors.length === FLOORS_TRIED) break;
    if (!floors.some((f) => f.siteId === s.siteId && f.floor === s.floor)) floors.push(s);
  }
  for (const [i, s] of floors.entries()) {
    // A floor another placement holds is skipped rather than waited for (concurrent parties from
    // one district are all proposed the same floor), except the last one tried.
    const wait = i === floors.length - 1;
    let verified;
    try {
      verified = await verifyUnderLock(ctx, transaction, policy, request, s.rooms, { wait });
    } catch (error) {
      if (error instanceof RoomsBusy) continue;
      throw error;
    }
    const { option, locked } = verified;
    if (option) return option;
    const best = suggest({
      sites: withLockedRules(sites, locked.sites),
      floors: indexRooms(locked.rooms, locked.bookings),
      party: request,
      policy: allocationPolicy(policy),
      limit: accept ? SUGGESTIONS_READ : 1,
    }).suggestions.find((s) => !accept || accept(s.rooms));
    if (best) return lockedOption(locked, best.rooms);
  }
  // Every floor tried filled up since we read: start again.
  throw new RetryableConflict('placement options taken concurrently');
}

/**
 * The engine's sites with the status and categories read under lock. Occupancy stays as the
 * engine scored it: within one floor it is the same for every room, so it ranks nothing there.
 */
function withLockedRules(
  sites: readonly SiteSnapshot[],
  locked: readonly SiteRules[],
): SiteSnapshot[] {
  return locked.flatMap((rules) => {
    const site = sites.find((s) => s.id === rules.id);
    return site
      ? [{ ...site, status: rules.status, acceptedCategories: rules.acceptedCategories }]
      : [];
  });
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
  /** The sites' labels, read with the city. */
  siteLabels: ReadonlyMap<number, SiteLabel>;
  /** The sites the engine ranked, with the occupancy it scored them by. */
  sites: readonly SiteSnapshot[];
}> {
  const rules = allocationPolicy(policy);
  const city = await loadCity(ctx.sequelize, transaction, {
    today: ctx.today,
    cleaningNights: rules.cleaningNights,
    entryDate: request.entryDate,
    allowStandby: request.allowStandby,
    ...(ctx.siteScope ? { siteIds: ctx.siteScope } : {}),
  });
  const result = suggest({
    sites: city.sites,
    floors: city.floors,
    party: request,
    policy: rules,
    limit,
  });
  return { ...result, siteLabels: city.labels, sites: city.sites };
}
