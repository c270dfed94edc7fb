/**
 * The engine over rooms arranged by site and floor (roomIndex.ts): the same result as walking
 * every room (suggest.ts), found without visiting most of them. At province scale a party has a
 * few thousand feasible rooms among 45,000, and only the best few become suggestions.
 *
 * Counting (how many rooms are feasible, and which constraint rejected the others):
 * - A site that is not open, or does not take the category, rejects all its rooms at once.
 * - On a floor, rooms out of service, too small or (for a wheelchair) not accessible are counted
 *   from the floor's order by beds, not visited; the floor's bookings, read once as numbers,
 *   give the rooms they block and the categories on the floor.
 * - A site's counts depend only on its rooms and bookings (kept unchanged until the site is read
 *   again, as a new SiteRooms) and on the kind of request: its nights, unit size, wheelchair,
 *   category and household. They are remembered per SiteRooms and kind, so a request for the
 *   same nights as an earlier one adds up 450 remembered counts instead of reading 40,000
 *   bookings. A party that holds nights in a site (a move) is counted afresh there.
 *
 * Scoring:
 * - Sites are read best bound first (ranking.siteBound: no room there can score more); once a
 *   site's bound cannot enter the best few, no later one can, and scoring stops.
 * - For one unit the score on a floor depends only on the room's beds: the floor is read from its
 *   smallest rooms up, and a group of equal beds is left as soon as one of them cannot enter the
 *   best few (the rest of the group has the same score and higher ids).
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

/** Rooms of one site rejected by each room-level constraint, and those left feasible. */
interface SiteCounts {
  roomStatus: number;
  beds: number;
  needs: number;
  nights: number;
  floorCategory: number;
  householdFloor: number;
  feasible: number;
}

const zeroCounts = (): SiteCounts => ({
  roomStatus: 0,
  beds: 0,
  needs: 0,
  nights: 0,
  floorCategory: 0,
  householdFloor: 0,
  feasible: 0,
});

/**
 * Counts per site and kind of request. A SiteRooms is never changed (a site read again gets a
 * new one), so what is remembered for it stays true, and goes with it.
 */
const countsMemo = new WeakMap<SiteRooms, Map<string, SiteCounts>>();
/** Kinds of request remembered per site (entry dates, sizes, categories): the rest is dropped. */
const KINDS_KEPT = 64;

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
  const householdWheelchairs = grouped
    ? party.members.filter((m) => m.needs.includes('wheelchair')).length
    : 0;
  const otherCategories = policy.oneCategoryPerFloor ? ~categoryBit(party.category) : 0;
  // The party's own bookings are left out (a move re-places a party that holds nights).
  const skipParty = party.partyId ?? NaN;
  const everyone = party.members.map((_, i) => i);
  // Everything a site's counts depend on besides the site itself.
  const kind = [
    entry,
    release,
    blockedBefore,
    blockedAfter,
    unitSize,
    wheelchair ? 1 : 0,
    otherCategories,
    grouped ? `${partySize}/${householdWheelchairs}` : '',
  ].join('|');

  const rank = ranking(input);
  // The rooms blocked on the floor at hand, by position: `blockedMark[p] === floorMark`.
  let blockedMark = new Int32Array(64);
  let floorMark = 0;
  const isBlocked = (position: number) => blockedMark[position] === floorMark;
  const isCandidate = (room: RoomSnapshot) =>
    room.status === 'available' && room.beds >= unitSize && (!wheelchair || room.accessible);
  // A candidate's `roomFit` (roomIndex.ts): available with the beds (and accessible if needed).
  const fitNeeded = 2 * unitSize;

  /**
   * Checks the floor's rooms against the request, adds the rejections to `counts`, marks the
   * rooms its bookings block, and returns where its rooms with enough beds start in `available`
   * and how many are feasible.
   */
  const settle = (floor: FloorRooms, counts: SiteCounts): { from: number; feasible: number } => {
    const { availableBeds, held, roomFit } = floor;
    const availableCount = availableBeds.length;
    counts.roomStatus += floor.rooms.length - availableCount;
    let from = 0;
    while (from < availableCount && availableBeds[from] < unitSize) from++;
    counts.beds += from;
    const inaccessible = wheelchair ? floor.inaccessibleFrom[from] : 0;
    counts.needs += inaccessible;
    let candidates = availableCount - from - inaccessible;
    if (candidates === 0) return { from, feasible: 0 };

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
        if (fit >= fitNeeded && (!wheelchair || fit & 1) && !isBlocked(position)) {
          blockedMark[position] = floorMark;
          blocked++;
        }
      }
      if (start < release && entry < end) categories |= held[i + HELD_CATEGORY];
    }
    counts.nights += blocked;
    candidates -= blocked;
    if (candidates > 0 && categories & otherCategories) {
      counts.floorCategory += candidates;
      return { from, feasible: 0 };
    }
    return { from, feasible: candidates };
  };

  /** The floor's feasible rooms in position order, for a household (after `settle`). */
  const floorRun = (floor: FloorRooms) => {
    const feasible: RoomSnapshot[] = [];
    const positions: number[] = [];
    floor.rooms.forEach((room, position) => {
      if (isCandidate(room) && !isBlocked(position)) {
        feasible.push(room);
        positions.push(position);
      }
    });
    return bestRunOnFloor(feasible, positions, party);
  };

  const countSite = (siteRooms: SiteRooms): SiteCounts => {
    const counts = zeroCounts();
    for (const floor of siteRooms.floors) {
      const { feasible } = settle(floor, counts);
      if (feasible === 0) continue;
      counts.feasible += feasible;
      if (!grouped) continue;
      // A household needs as many rooms on the floor, and a run of them with an accessible room
      // per wheelchair user (without one, any run will do).
      if (feasible < partySize) counts.householdFloor += feasible;
      else if (householdWheelchairs > 0 && floorRun(floor) === 'needs') counts.needs += feasible;
    }
    return counts;
  };

  const countsOf = (siteRooms: SiteRooms): SiteCounts => {
    if (party.partyId !== undefined && siteRooms.parties.has(party.partyId)) {
      return countSite(siteRooms);
    }
    let kinds = countsMemo.get(siteRooms);
    if (!kinds) countsMemo.set(siteRooms, (kinds = new Map()));
    let counts = kinds.get(kind);
    if (!counts) {
      if (kinds.size >= KINDS_KEPT) kinds.clear();
      counts = countSite(siteRooms);
      kinds.set(kind, counts);
    }
    return counts;
  };

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

  const total = zeroCounts();
  let siteStatus = 0;
  let siteCategory = 0;
  const open: { siteRooms: SiteRooms; site: SiteSnapshot; bound: number | null }[] = [];
  for (const siteRooms of input.floors) {
    const site = siteById.get(siteRooms.siteId);
    if (!site || !(site.status === 'active' || (site.status === 'standby' && party.allowStandby))) {
      siteStatus += siteRooms.roomCount;
      continue;
    }
    if (!site.acceptedCategories.includes(party.category)) {
      siteCategory += siteRooms.roomCount;
      continue;
    }
    const counts = countsOf(siteRooms);
    for (const c of Object.keys(total) as (keyof SiteCounts)[]) total[c] += counts[c];
    open.push({ siteRooms, site, bound: rank.siteBound(site) });
  }

  if (limit > 0) {
    // Best bound first, so the best few fill early and the rest of the city is not scored.
    open.sort((a, b) => (b.bound ?? 0) - (a.bound ?? 0) || a.site.id - b.site.id);
    const scratch = zeroCounts();
    for (const { siteRooms, site, bound } of open) {
      // The best few only get better: a site (or floor) whose bound cannot enter now never will,
      // nor can any after it (lower bound, or the same bound and a higher id or floor).
      if (bound !== null && !rank.mayEnter(bound, site.id, -Infinity, -Infinity)) break;
      for (const floor of siteRooms.floors) {
        if (bound !== null && !rank.mayEnter(bound, site.id, floor.floor, -Infinity)) break;
        const { from, feasible } = settle(floor, scratch);
        if (feasible === 0) continue;
        if (!grouped) {
          scoreFloor(site, floor, from);
          continue;
        }
        if (feasible < partySize) continue;
        const run = floorRun(floor);
        if (typeof run === 'string') continue;
        rank.consider(
          rank.option(site, floor.floor, statsOf(floor), run.assigned, run.beds, run.span),
        );
      }
    }
  }

  const rejections: Rejections = {};
  const reject = (c: keyof Rejections, n: number) => {
    if (n > 0) rejections[c] = n;
  };
  reject('siteStatus', siteStatus);
  reject('siteCategory', siteCategory);
  reject('roomStatus', total.roomStatus);
  reject('beds', total.beds);
  reject('needs', total.needs);
  reject('nights', total.nights);
  reject('floorCategory', total.floorCategory);
  reject('householdFloor', total.householdFloor);
  return rank.result(total.feasible, rejections);
}
