/**
 * The allocation engine: given rooms, their bookings, sites and a party, the feasible placements
 * ranked by score, each with its score broken down (DESIGN §5). Pure and deterministic: same
 * input, same output, ties broken by site, floor and room id.
 *
 * A party that shares a room (or a party of one) is one unit: any feasible room is an option.
 * Otherwise each member needs a room of their own, all on one floor, as close together as
 * possible: an option is then a floor and the tightest run of feasible rooms on it.
 *
 * The rooms come either as lists, walked room by room (the reference), or arranged by site and
 * floor (roomIndex.ts), settled a site or a floor at a time: suggestFromFloors.ts. Both give the
 * same result (test/allocation/roomIndex.test.ts).
 */
import type { PersonNeed } from '../../shared/enums';
import {
  firstBrokenConstraint,
  floorKey,
  indexBookings,
  roomCheck,
  type BookingIndex,
  type Unit,
} from './constraints';
import { compareRoomNumbers } from './roomIndex';
import { bestRunOnFloor, floorStats, ranking, type Rejections } from './ranking';
import { suggestFromFloors, type FloorsInput } from './suggestFromFloors';
import type { BookingSnapshot, PartyRequest, RoomSnapshot, SuggestResult } from './types';
import type { SuggestBase } from './ranking';

export { compareRoomNumbers } from './roomIndex';

/** Rooms and bookings as lists: every room is checked in turn. */
export interface WalkInput extends SuggestBase {
  rooms: readonly RoomSnapshot[];
  bookings: readonly BookingSnapshot[];
  /**
   * `bookings` already indexed (a snapshot kept between requests), used unless the party holds
   * nights in it that must be left out (a move).
   */
  index?: BookingIndex;
}

export type SuggestInput = WalkInput | FloorsInput;

function needsOf(members: PartyRequest['members']): Set<PersonNeed> {
  return new Set(members.flatMap((m) => m.needs));
}

export function suggest(input: SuggestInput): SuggestResult {
  return 'floors' in input ? suggestFromFloors(input) : suggestByWalk(input);
}

function suggestByWalk(input: WalkInput): SuggestResult {
  const { sites, rooms, party, policy } = input;
  const siteById = new Map(sites.map((s) => [s.id, s]));
  const index =
    input.index && (party.partyId === undefined || !input.index.parties.has(party.partyId))
      ? input.index
      : indexBookings(rooms, input.bookings, party.partyId);
  const partySize = party.members.length;
  const grouped = !party.shareRoom && partySize > 1;

  const check = roomCheck(party, index, policy);

  // In a grouped party each room holds one member; whose needs go where is decided per floor.
  const checkUnit: Unit = grouped
    ? { size: 1, needs: new Set() }
    : { size: partySize, needs: needsOf(party.members) };

  const rejections: Rejections = {};
  const reject = (c: keyof Rejections, n = 1) => (rejections[c] = (rejections[c] ?? 0) + n);
  const feasible: RoomSnapshot[] = [];
  for (const room of rooms) {
    const broken = firstBrokenConstraint(room, siteById.get(room.siteId), checkUnit, check);
    if (broken) reject(broken);
    else feasible.push(room);
  }

  const rank = ranking(input);
  // The floor's terms are the same for every room there: once per floor.
  const floorStatsCache = new Map<number, ReturnType<typeof floorStats>>();
  const statsOf = (siteId: number, floor: number) => {
    const key = floorKey(siteId, floor);
    let stats = floorStatsCache.get(key);
    if (!stats) {
      stats = floorStats(index.byFloor.get(key) ?? [], undefined, check.window, party.entryDate);
      floorStatsCache.set(key, stats);
    }
    return stats;
  };

  if (!grouped) {
    const everyone = party.members.map((_, i) => i);
    for (const room of feasible) {
      const site = siteById.get(room.siteId)!;
      const stats = statsOf(site.id, room.floor);
      const score = rank.roomScore(site, stats, room.beds);
      if (!rank.mayEnter(score, site.id, room.floor, room.id)) continue;
      rank.consider(
        rank.option(
          site,
          room.floor,
          stats,
          [{ roomId: room.id, number: room.number, members: everyone }],
          [room.beds],
          0,
        ),
      );
    }
  } else {
    // Positions of every room on the floors that matter, so rooms in between (taken or not) count.
    const feasibleByFloor = new Map<number, RoomSnapshot[]>();
    for (const room of feasible) {
      const key = floorKey(room.siteId, room.floor);
      const list = feasibleByFloor.get(key);
      if (list) list.push(room);
      else feasibleByFloor.set(key, [room]);
    }
    const positions = new Map<number, number>();
    const floorRooms = new Map<number, RoomSnapshot[]>();
    for (const room of rooms) {
      const key = floorKey(room.siteId, room.floor);
      if (!feasibleByFloor.has(key)) continue;
      const list = floorRooms.get(key);
      if (list) list.push(room);
      else floorRooms.set(key, [room]);
    }
    for (const list of floorRooms.values()) {
      list.sort((a, b) => compareRoomNumbers(a.number, b.number) || a.id - b.id);
      list.forEach((room, i) => positions.set(room.id, i));
    }
    for (const candidates of feasibleByFloor.values()) {
      candidates.sort((a, b) => positions.get(a.id)! - positions.get(b.id)!);
      const run = bestRunOnFloor(
        candidates,
        candidates.map((r) => positions.get(r.id)!),
        party,
      );
      if (typeof run === 'string') {
        reject(run, candidates.length);
        continue;
      }
      const site = siteById.get(candidates[0].siteId)!;
      const floor = candidates[0].floor;
      rank.consider(
        rank.option(site, floor, statsOf(site.id, floor), run.assigned, run.beds, run.span),
      );
    }
  }

  return rank.result(feasible.length, rejections);
}
