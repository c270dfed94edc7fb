/**
 * The allocation engine: given the open sites, their rooms and bookings arranged by site and
 * floor (roomIndex.ts) and a party, the feasible placements ranked by score, each with its score
 * broken down (DESIGN §5). Pure and deterministic: same input, same output, ties broken by site,
 * floor and room id.
 *
 * A party that shares a room (or a party of one) is one unit: any feasible room is an option.
 * Otherwise each member needs a room of their own, all on one floor, as close together as
 * possible: an option is then a floor and the tightest run of feasible rooms on it.
 *
 * Every room is judged by the rules of rules.ts, nothing else. What makes it fast at province
 * scale (45,000 rooms, a few thousand feasible, five suggested) is around the rules:
 * - a site that breaks a site rule rejects all its rooms at once;
 * - a site's counts (rooms rejected by each rule, rooms feasible) depend only on its rooms and
 *   bookings (a SiteRooms is never changed: a site read again is a new one) and on the kind of
 *   request (its nights, unit, needs, category, household), so they are remembered per SiteRooms
 *   and kind: a request for the same nights as an earlier one adds up remembered counts;
 * - sites are scored best bound first (ranking.siteBound: no room there can score more), and
 *   scoring stops once a bound cannot enter the best few; a site with no feasible room is not
 *   scored at all;
 * - for one unit the score on a floor depends only on the room's beds: the floor is read from its
 *   smallest rooms up, and a group of equal beds is left as soon as one cannot enter the best few.
 * The room-by-room walk in test/allocation/walkOracle.ts must give exactly the same result.
 */
import {
  brokenRoomRule,
  brokenSiteRule,
  floorBookings,
  needsRoomFeature,
  nightWindow,
  type RuleRequest,
  type Unit,
} from './rules';
import {
  bestRunOnFloor,
  floorStats,
  ranking,
  type FloorStats,
  type Rejections,
  type SuggestBase,
} from './ranking';
import type { FloorRooms, SiteRooms } from './roomIndex';
import type {
  AllocationPolicy,
  HardConstraint,
  PartyRequest,
  RoomSnapshot,
  SiteSnapshot,
  SuggestResult,
} from './types';

export { compareRoomNumbers } from './roomIndex';

export interface SuggestInput extends SuggestBase {
  /** Every room the engine may consider, by site and floor, with the bookings that hold them. */
  floors: readonly SiteRooms[];
}

type RoomRule = Exclude<HardConstraint, 'siteStatus' | 'siteCategory'>;

/** Rooms of one site rejected by each room-level rule, and those left feasible. */
type SiteCounts = Record<RoomRule, number> & { feasible: number };

const zeroCounts = (): SiteCounts => ({
  roomStatus: 0,
  beds: 0,
  needs: 0,
  nights: 0,
  floorCategory: 0,
  householdFloor: 0,
  feasible: 0,
});

/** Counts per site and kind of request (see above): goes with the SiteRooms it describes. */
const countsMemo = new WeakMap<SiteRooms, Map<string, SiteCounts>>();
/** Kinds of request remembered per site (entry dates, sizes, categories): the rest is dropped. */
const KINDS_KEPT = 64;

/** What the rules ask of a party's request, and the unit each room is checked for. */
export function ruleRequest(party: PartyRequest, policy: AllocationPolicy): RuleRequest {
  return {
    partyId: party.partyId,
    category: party.category,
    window: nightWindow(party.entryDate, party.releaseDate, policy.cleaningNights),
    allowStandby: party.allowStandby,
    oneCategoryPerFloor: policy.oneCategoryPerFloor,
  };
}

/**
 * A household in separate rooms is checked room by room as units of one without needs (whose
 * needs go where is decided per floor: bestRunOnFloor); anyone else is one unit, needs and all.
 */
export function unitOf(party: PartyRequest): Unit {
  return isHousehold(party)
    ? { size: 1, needs: [] }
    : { size: party.members.length, needs: [...new Set(party.members.flatMap((m) => m.needs))] };
}

export const isHousehold = (party: PartyRequest) => !party.shareRoom && party.members.length > 1;

export function suggest(input: SuggestInput): SuggestResult {
  const { sites, party, policy } = input;
  const limit = input.limit ?? 5;
  const siteById = new Map(sites.map((s) => [s.id, s]));
  const partySize = party.members.length;
  const household = isHousehold(party);
  const request = ruleRequest(party, policy);
  const unit = unitOf(party);
  const everyone = party.members.map((_, i) => i);
  const w = request.window;
  // Everything a site's counts depend on besides the site itself.
  const kind = [
    w.entry,
    w.release,
    w.blockedBefore,
    w.blockedAfter,
    unit.size,
    [...unit.needs].sort().join(','),
    request.oneCategoryPerFloor ? request.category : '',
    household
      ? `${partySize}/${party.members.filter((m) => needsRoomFeature(m.needs)).length}`
      : '',
  ].join('|');

  const rank = ranking(input);

  /** The rule each room of the floor breaks (null: feasible), by position in `floor.rooms`. */
  const settle = (floor: FloorRooms): (RoomRule | null)[] => {
    const bookings = floorBookings(floor.bookings, request);
    return floor.rooms.map((room) => brokenRoomRule(room, unit, bookings));
  };

  /** A household's best run on the floor, from its feasible rooms in position order. */
  const floorRun = (floor: FloorRooms, broken: readonly (RoomRule | null)[]) => {
    const feasible: RoomSnapshot[] = [];
    const positions: number[] = [];
    floor.rooms.forEach((room, position) => {
      if (broken[position] === null) {
        feasible.push(room);
        positions.push(position);
      }
    });
    return bestRunOnFloor(feasible, positions, party);
  };

  const countSite = (siteRooms: SiteRooms): SiteCounts => {
    const counts = zeroCounts();
    for (const floor of siteRooms.floors) {
      const broken = settle(floor);
      let feasible = 0;
      for (const rule of broken) {
        if (rule === null) feasible++;
        else counts[rule]++;
      }
      if (feasible === 0) continue;
      counts.feasible += feasible;
      // No run for the household on this floor: its feasible rooms are rejected by the run's rule.
      const run = household ? floorRun(floor, broken) : null;
      if (typeof run === 'string') counts[run] += feasible;
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

  const statsOf = (floor: FloorRooms): FloorStats =>
    floorStats(floor.bookings, party.partyId, w, party.entryDate);

  // One unit: rooms by beds, smallest first, the floor's own ranking.
  const scoreFloor = (
    site: SiteSnapshot,
    floor: FloorRooms,
    broken: readonly (RoomRule | null)[],
  ): void => {
    const { rooms, byBeds } = floor;
    let stats: FloorStats | null = null;
    for (let i = 0; i < byBeds.length;) {
      const beds = rooms[byBeds[i]].beds;
      let end = i;
      while (end < byBeds.length && rooms[byBeds[end]].beds === beds) end++;
      for (; i < end; i++) {
        const room = rooms[byBeds[i]];
        if (broken[byBeds[i]] !== null) continue;
        stats ??= statsOf(floor);
        const score = rank.roomScore(site, stats, beds);
        // Same score, higher ids after it: once one cannot enter, none of the group can.
        if (!rank.mayEnter(score, site.id, floor.floor, room.id)) break;
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
    const siteRule = brokenSiteRule(site, request);
    if (siteRule === 'siteStatus') siteStatus += siteRooms.roomCount;
    if (siteRule === 'siteCategory') siteCategory += siteRooms.roomCount;
    if (siteRule || !site) continue;
    const counts = countsOf(siteRooms);
    for (const c of Object.keys(total) as (keyof SiteCounts)[]) total[c] += counts[c];
    if (counts.feasible > 0) open.push({ siteRooms, site, bound: rank.siteBound(site) });
  }

  if (limit > 0) {
    // Best bound first, so the best few fill early and the rest of the city is not scored.
    open.sort((a, b) => (b.bound ?? 0) - (a.bound ?? 0) || a.site.id - b.site.id);
    for (const { siteRooms, site, bound } of open) {
      // The best few only get better: a site (or floor) whose bound cannot enter now never will,
      // nor can any after it (lower bound, or the same bound and a higher id or floor).
      if (bound !== null && !rank.mayEnter(bound, site.id, -Infinity, -Infinity)) break;
      for (const floor of siteRooms.floors) {
        if (bound !== null && !rank.mayEnter(bound, site.id, floor.floor, -Infinity)) break;
        const broken = settle(floor);
        if (!household) {
          scoreFloor(site, floor, broken);
          continue;
        }
        const run = floorRun(floor, broken);
        if (typeof run === 'string') continue;
        rank.consider(
          rank.option(site, floor.floor, statsOf(floor), run.assigned, run.beds, run.span),
        );
      }
    }
  }

  const rejections: Rejections = {};
  const reject = (c: HardConstraint, n: number) => {
    if (n > 0) rejections[c] = n;
  };
  reject('siteStatus', siteStatus);
  reject('siteCategory', siteCategory);
  for (const c of Object.keys(total) as (keyof SiteCounts)[])
    if (c !== 'feasible') reject(c, total[c]);
  return rank.result(total.feasible, rejections);
}
