/**
 * The reference engine the property tests hold the real one (server/allocation/suggest.ts) to:
 * every room of the city checked in turn against the same rules (server/allocation/rules.ts),
 * with no memo, no bounds and no early stop. Slow and plain, so a shortcut in the engine that
 * changes a result shows up as a difference.
 */
import { firstBrokenConstraint, floorBookings } from '../../server/allocation/rules';
import {
  bestRunOnFloor,
  floorStats,
  ranking,
  type Rejections,
} from '../../server/allocation/ranking';
import { compareRoomNumbers } from '../../server/allocation/roomIndex';
import { isHousehold, ruleRequest, unitOf } from '../../server/allocation/suggest';
import type { SuggestBase } from '../../server/allocation/ranking';
import type { BookingSnapshot, RoomSnapshot, SuggestResult } from '../../server/allocation/types';

export interface WalkInput extends SuggestBase {
  rooms: readonly RoomSnapshot[];
  bookings: readonly BookingSnapshot[];
}

const floorOf = (room: RoomSnapshot) => `${room.siteId}/${room.floor}`;

export function suggestByWalk(input: WalkInput): SuggestResult {
  const { sites, rooms, party, policy } = input;
  const siteById = new Map(sites.map((s) => [s.id, s]));
  const request = ruleRequest(party, policy);
  const unit = unitOf(party);
  const household = isHousehold(party);

  const roomById = new Map(rooms.map((r) => [r.id, r]));
  const bookingsOnFloor = new Map<string, BookingSnapshot[]>();
  for (const b of input.bookings) {
    const room = roomById.get(b.roomId);
    if (!room) continue;
    bookingsOnFloor.set(floorOf(room), [...(bookingsOnFloor.get(floorOf(room)) ?? []), b]);
  }
  const floorRules = new Map(
    [...bookingsOnFloor].map(([key, list]) => [key, floorBookings(list, request)]),
  );
  const noBookings = floorBookings([], request);

  const rejections: Rejections = {};
  const reject = (c: keyof Rejections, n = 1) => (rejections[c] = (rejections[c] ?? 0) + n);
  const feasible: RoomSnapshot[] = [];
  for (const room of rooms) {
    const broken = firstBrokenConstraint(
      room,
      siteById.get(room.siteId),
      unit,
      floorRules.get(floorOf(room)) ?? noBookings,
      request,
    );
    if (broken) reject(broken);
    else feasible.push(room);
  }

  const rank = ranking(input);
  const statsOf = (room: RoomSnapshot) =>
    floorStats(
      bookingsOnFloor.get(floorOf(room)) ?? [],
      party.partyId,
      request.window,
      party.entryDate,
    );

  if (!household) {
    const everyone = party.members.map((_, i) => i);
    for (const room of feasible) {
      const site = siteById.get(room.siteId)!;
      rank.consider(
        rank.option(
          site,
          room.floor,
          statsOf(room),
          [{ roomId: room.id, number: room.number, members: everyone }],
          [room.beds],
          0,
        ),
      );
    }
    return rank.result(feasible.length, rejections);
  }

  // A household: per floor, the positions of every room (taken or not) and the best run.
  for (const key of new Set(feasible.map(floorOf))) {
    const onFloor = rooms
      .filter((r) => floorOf(r) === key)
      .sort((a, b) => compareRoomNumbers(a.number, b.number) || a.id - b.id);
    const candidates = onFloor.filter((r) => feasible.includes(r));
    const run = bestRunOnFloor(
      candidates,
      candidates.map((r) => onFloor.indexOf(r)),
      party,
    );
    if (typeof run === 'string') {
      reject(run, candidates.length);
      continue;
    }
    const site = siteById.get(candidates[0].siteId)!;
    rank.consider(
      rank.option(
        site,
        candidates[0].floor,
        statsOf(candidates[0]),
        run.assigned,
        run.beds,
        run.span,
      ),
    );
  }
  return rank.result(feasible.length, rejections);
}
