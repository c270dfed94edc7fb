/**
 * The engine over rooms arranged by site and floor (roomIndex.ts): the same result as walking
 * every room (suggest.ts), found without visiting most of them. At province scale a party has a
 * few thousand feasible rooms among 45,000, and only the best few become suggestions.
 *
 * - A site that is not open, or does not take the category, rejects all its rooms at once.
 * - On a floor, rooms out of service, too small or (for a wheelchair) not accessible are counted
 *   from the floor's order by beds, not visited; the floor's bookings, read once as integers,
 *   give the rooms they block and the categories on the floor.
 * - For one unit the score on a floor depends only on the room's beds: the floor is read from its
 *   smallest rooms up, and a group of equal beds is left as soon as one of them cannot enter the
 *   best few (the rest of the group has the same score and higher ids).
 * - Sites are read best bound first (ranking.siteBound: no room there can score more), and a
 *   floor whose site's bound cannot enter the best few is counted but not scored.
 */
import { dayNumber } from '../../shared/dates';
import { categoryBit, nightWindow } from './constraints';
import {
  bestRunOnFloor,
  ranking,
  type FloorStats,
  type Rejections,
  type SuggestBase,
} from './ranking';
import {
  HELD_CATEGORY,
  HELD_END,
  HELD_FIELDS,
  HELD_PARTY,
  HELD_ROOM,
  HELD_START,
  type FloorRooms,
  type SiteRooms,
} from './roomIndex';
import { cohortTermOfDays } from './score';
import type { RoomSnapshot, SiteSnapshot, SuggestResult } from './types';

/** Rooms and bookings arranged by site and floor, kept between requests. */
export interface FloorsInput extends SuggestBase {
  /** Every room the engine may consider, by site and floor, with the bookings that hold them. */
  floors: readonly SiteRooms[];
}

export function suggestFromFloors(input: FloorsInput): SuggestResult {
  const { sites, party, policy } = input;
  const limit = input.limit ?? 5;
  const siteById = new Map(sites.map((s) => [s.id, s]));
  const partySize = party.members.length;
  const grouped = !party.shareRoom && partySize > 1;
  // The party's nights and the range a booking must stay out of (constraints.nightWindow), as
  // day numbers like the floors' booking columns.
  const w = nightWindow(party.entryDate, party.releaseDate, policy.cleaningNights);
  const entry = dayNumber(w.entry);
  const release = dayNumber(w.release);
  const blockedBefore = dayNumber(w.blockedBefore);
  const blockedAfter = dayNumber(w.blockedAfter);
  // A household in separate rooms is checked room by room as units of one, without needs: whose
  // needs go where is decided per floor (bestRunOnFloor).
  const unitSize = grouped ? 1 : partySize;
  const wheelchair = !grouped && party.members.some((m) => m.needs.includes('wheelchair'));
  const otherCategories = policy.oneCategoryPerFloor ? ~categoryBit(party.category) : 0;
  // The party's own bookings are left out (a move re-places a party that holds nights).
  const skipParty = party.partyId ?? NaN;
  const everyone = party.members.map((_, i) => i);
  const householdNeedsAccess = grouped && party.members.some((m) => m.needs.includes('wheelchair'));

  const rejections: Rejections = {};
  const reject = (c: keyof Rejections, n: number) => {
    if (n > 0) rejections[c] = (rejections[c] ?? 0) + n;
  };
  const rank = ranking(input);
  let feasibleRooms = 0;
  // The rooms blocked on the floor at hand, by position: `blockedMark[p] === floorMark`.
  let blockedMark = new Int32Array(64);
  let floorMark = 0;
  const isBlocked = (position: number) => blockedMark[position] === floorMark;
  const isCandidate = (room: RoomSnapshot) =>
    room.status === 'available' && room.beds >= unitSize && (!wheelchair || room.accessible);

  const statsOf = (floor: FloorRooms): FloorStats => {
    let days = 0;
    let count = 0;
    let hasPeople = false;
    const { held } = floor;
    for (let i = 0; i < held.length; i += HELD_FIELDS) {
      if (held[i + HELD_PARTY] === skipParty) continue;
      const start = held[i + HELD_START];
      const end = held[i + HELD_END];
      if (start < release && entry < end) {
        days += start - entry;
        count++;
      }
      if (start <= entry && entry < end) hasPeople = true;
    }
    return { cohort: cohortTermOfDays(days, count), hasPeople };
  };

  // Rooms by beds, smallest first: the floor's own ranking for one unit.
  const scoreFloor = (site: SiteSnapshot, floor: FloorRooms, from: number): void => {
    const { available, availableAt, groupEnd } = floor;
    let stats: FloorStats | null = null;
    for (let i = from; i < available.length;) {
      stats ??= statsOf(floor);
      const score = rank.roomScore(site, stats, available[i].beds);
      const end = groupEnd[i];
      for (; i < end; i++) {
        const room = available[i];
        // Same score, higher ids after it: once one cannot enter, none of the group can.
        if (!rank.mayEnter(score, site.id, floor.floor, room.id)) break;
        if ((wheelchair && !room.accessible) || isBlocked(availableAt[i])) continue;
        rank.consider(
          rank.option(
            site,
            floor.floor,
            stats,
            [{ roomId: room.id, number: room.number, members: everyone }],
            [room.beds],
            0,
          ),
        );
      }
      i = end;
    }
  };

  // Sites that may take the party, best bound first, so the best few fill early and the rest
  // of the city is only counted, not scored.
  const open: { siteRooms: SiteRooms; site: SiteSnapshot; bound: number | null }[] = [];
  for (const siteRooms of input.floors) {
    const site = siteById.get(siteRooms.siteId);
    if (!site || !(site.status === 'active' || (site.status === 'standby' && party.allowStandby))) {
      reject('siteStatus', siteRooms.roomCount);
      continue;
    }
    if (!site.acceptedCategories.includes(party.category)) {
      reject('siteCategory', siteRooms.roomCount);
      continue;
    }
    open.push({ siteRooms, site, bound: rank.siteBound(site) });
  }
  open.sort((a, b) => (b.bound ?? 0) - (a.bound ?? 0) || a.site.id - b.site.id);

  // Rooms each constraint rejects on the floors, added up as plain numbers.
  let roomStatus = 0;
  let beds = 0;
  let needs = 0;
  let nights = 0;
  let floorCategory = 0;
  const fitNeeded = 2 * unitSize;
  for (const { siteRooms, site, bound } of open) {
    for (const floor of siteRooms.floors) {
      const { availableBeds, held, roomFit } = floor;
      const availableCount = availableBeds.length;
      roomStatus += floor.rooms.length - availableCount;
      let from = 0;
      while (from < availableCount && availableBeds[from] < unitSize) from++;
      beds += from;
      const inaccessible = wheelchair ? floor.inaccessibleFrom[from] : 0;
      needs += inaccessible;
      let candidates = availableCount - from - inaccessible;
      if (candidates === 0) continue;

      if (blockedMark.length < floor.rooms.length) {
        blockedMark = new Int32Array(2 * floor.rooms.length);
        floorMark = 0;
      }
      floorMark++;
      let blocked = 0;
      let categories = 0;
      for (let i = 0; i < held.length; i += HELD_FIELDS) {
        if (held[i + HELD_PARTY] === skipParty) continue;
        const start = held[i + HELD_START];
        const end = held[i + HELD_END];
        if (start < blockedBefore && end > blockedAfter) {
          const position = held[i + HELD_ROOM];
          const fit = roomFit[position];
          // A candidate: available with the beds, and accessible if a wheelchair needs it.
          if (fit >= fitNeeded && (!wheelchair || fit & 1) && !isBlocked(position)) {
            blockedMark[position] = floorMark;
            blocked++;
          }
        }
        if (start < release && entry < end) categories |= held[i + HELD_CATEGORY];
      }
      nights += blocked;
      candidates -= blocked;
      if (candidates === 0) continue;
      if (categories & otherCategories) {
        floorCategory += candidates;
        continue;
      }
      feasibleRooms += candidates;

      // A floor whose best cannot enter the best few is only counted.
      const mayScore =
        limit > 0 && (bound === null || rank.mayEnter(bound, site.id, floor.floor, -Infinity));
      if (grouped) {
        if (candidates < partySize) {
          reject('householdFloor', candidates);
          continue;
        }
        // Without a wheelchair user any run of rooms will do: nothing more to count.
        if (!mayScore && !householdNeedsAccess) continue;
        const feasible: RoomSnapshot[] = [];
        const positions: number[] = [];
        floor.rooms.forEach((room, position) => {
          if (isCandidate(room) && !isBlocked(position)) {
            feasible.push(room);
            positions.push(position);
          }
        });
        const run = bestRunOnFloor(feasible, positions, party);
        if (typeof run === 'string') reject(run, feasible.length);
        else if (mayScore) {
          const stats = statsOf(floor);
          rank.consider(rank.option(site, floor.floor, stats, run.assigned, run.beds, run.span));
        }
        continue;
      }
      if (mayScore) scoreFloor(site, floor, from);
    }
  }
  reject('roomStatus', roomStatus);
  reject('beds', beds);
  reject('needs', needs);
  reject('nights', nights);
  reject('floorCategory', floorCategory);
  return rank.result(feasibleRooms, rejections);
}
