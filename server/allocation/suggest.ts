/**
 * The allocation engine: given rooms, their bookings, sites and a party, the feasible placements
 * ranked by score, each with its score broken down (DESIGN §5). Pure and deterministic: same
 * input, same output, ties broken by site, floor and room id.
 *
 * A party that shares a room (or a party of one) is one unit: any feasible room is an option.
 * Otherwise each member needs a room of their own, all on one floor, as close together as
 * possible: an option is then a floor and the tightest run of feasible rooms on it.
 */
import { rangesOverlap } from '../../shared/dates';
import type { PersonNeed } from '../../shared/enums';
import {
  firstBrokenConstraint,
  floorKey,
  indexBookings,
  roomCheck,
  type BookingIndex,
  type Unit,
} from './constraints';
import { haversineKm } from './geo';
import {
  bestFitTerm,
  cohortTerm,
  distanceTerm,
  householdProximityTerm,
  openFirstTerm,
  utilizationTerm,
  weighedScore,
  weighTerms,
} from './score';
import {
  HARD_CONSTRAINTS,
  type AllocationPolicy,
  type AssignedRoom,
  type BookingSnapshot,
  type HardConstraint,
  type PartyRequest,
  type RoomSnapshot,
  type SiteSnapshot,
  type ScoreTerms,
  type Suggestion,
  type SuggestResult,
} from './types';

export interface SuggestInput {
  sites: readonly SiteSnapshot[];
  rooms: readonly RoomSnapshot[];
  bookings: readonly BookingSnapshot[];
  party: PartyRequest;
  policy: AllocationPolicy;
  /** How many suggestions to return (default 5). */
  limit?: number;
  /**
   * `bookings` already indexed (a snapshot kept between requests), used unless the party holds
   * nights in it that must be left out (a move).
   */
  index?: BookingIndex;
}

// One collator for every comparison: `localeCompare` with options builds one per call.
const roomNumberCollator = new Intl.Collator('en', { numeric: true });

/** Room numbers compared as people read them: 98 < 101 < 1001, then by text. */
export function compareRoomNumbers(a: string, b: string): number {
  return roomNumberCollator.compare(a, b);
}

function needsOf(members: PartyRequest['members']): Set<PersonNeed> {
  return new Set(members.flatMap((m) => m.needs));
}

export function suggest(input: SuggestInput): SuggestResult {
  const { sites, rooms, party, policy } = input;
  const limit = input.limit ?? 5;
  const siteById = new Map(sites.map((s) => [s.id, s]));
  const roomById = new Map(rooms.map((r) => [r.id, r]));
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

  const rejections: Partial<Record<HardConstraint, number>> = {};
  const reject = (c: HardConstraint, n = 1) => (rejections[c] = (rejections[c] ?? 0) + n);
  const feasible: RoomSnapshot[] = [];
  for (const room of rooms) {
    const broken = firstBrokenConstraint(room, siteById.get(room.siteId), checkUnit, check);
    if (broken) reject(broken);
    else feasible.push(room);
  }

  // The floor's terms and the site's distance are the same for every room there: once each.
  const floorStatsCache = new Map<number, { cohort: number; hasPeople: boolean }>();
  const floorStats = (siteId: number, floor: number) => {
    const key = floorKey(siteId, floor);
    let stats = floorStatsCache.get(key);
    if (!stats) {
      const entries: string[] = [];
      let hasPeople = false;
      const { entry, release } = check.window;
      for (const b of index.byFloor.get(key) ?? []) {
        if (rangesOverlap(b.start, b.end, entry, release)) entries.push(b.start);
        if (b.start <= entry && entry < b.end) hasPeople = true;
      }
      stats = { cohort: cohortTerm(party.entryDate, entries), hasPeople };
      floorStatsCache.set(key, stats);
    }
    return stats;
  };
  const kmCache = new Map<number, number | null>();
  const distanceKm = (site: SiteSnapshot) => {
    let km = kmCache.get(site.id);
    if (km === undefined) {
      km = party.origin ? haversineKm(party.origin, site) : null;
      kmCache.set(site.id, km);
    }
    return km;
  };

  const option = (site: SiteSnapshot, floor: number, assigned: AssignedRoom[], span: number) => {
    const km = distanceKm(site);
    const stats = floorStats(site.id, floor);
    const { terms, score } = weighTerms(
      {
        distance: distanceTerm(km),
        openFirst: openFirstTerm(site.status === 'active', site.occupied > 0, stats.hasPeople),
        bestFit: bestFitTerm(
          assigned.map((a) => ({ size: a.members.length, beds: roomById.get(a.roomId)!.beds })),
        ),
        householdProximity: householdProximityTerm(assigned.length, span),
        cohort: stats.cohort,
        utilizationCeiling: utilizationTerm(
          site.occupied + partySize,
          site.beds,
          policy.utilizationCeiling,
        ),
      },
      policy.weights,
    );
    const suggestion: Suggestion = {
      siteId: site.id,
      floor,
      rooms: assigned,
      score,
      terms,
      distanceKm: km === null ? null : Math.round(km * 10) / 10,
    };
    return suggestion;
  };

  // Only the best `limit` are kept as they come: thousands of feasible rooms, five suggestions.
  const best: Suggestion[] = [];
  const consider = (candidate: Suggestion) => {
    if (limit <= 0) return;
    if (best.length === limit && compareSuggestions(candidate, best[limit - 1]) >= 0) return;
    let at = best.length;
    while (at > 0 && compareSuggestions(candidate, best[at - 1]) < 0) at--;
    best.splice(at, 0, candidate);
    if (best.length > limit) best.pop();
  };
  if (!grouped) {
    const everyone = party.members.map((_, i) => i);
    // Thousands of rooms are feasible: score each with numbers only, and build the suggestion
    // (terms, rooms) only for one that would enter the best `limit`.
    const raw: ScoreTerms = {
      distance: 0,
      openFirst: 0,
      bestFit: 0,
      householdProximity: householdProximityTerm(1, 0),
      cohort: 0,
      utilizationCeiling: 0,
    };
    for (const room of feasible) {
      const site = siteById.get(room.siteId)!;
      const stats = floorStats(site.id, room.floor);
      raw.distance = distanceTerm(distanceKm(site));
      raw.openFirst = openFirstTerm(site.status === 'active', site.occupied > 0, stats.hasPeople);
      raw.bestFit = bestFitTerm([{ size: partySize, beds: room.beds }]);
      raw.cohort = stats.cohort;
      raw.utilizationCeiling = utilizationTerm(
        site.occupied + partySize,
        site.beds,
        policy.utilizationCeiling,
      );
      const score = weighedScore(raw, policy.weights);
      const worst = best.length === limit ? best[limit - 1] : null;
      if (
        limit <= 0 ||
        (worst &&
          (worst.score - score ||
            site.id - worst.siteId ||
            room.floor - worst.floor ||
            room.id - worst.rooms[0].roomId) >= 0)
      ) {
        continue;
      }
      consider(
        option(site, room.floor, [{ roomId: room.id, number: room.number, members: everyone }], 0),
      );
    }
  } else {
    for (const o of groupedOptions(rooms, feasible, party, siteById, option, reject)) consider(o);
  }

  const suggestions = best;
  return {
    suggestions,
    feasibleRooms: feasible.length,
    rejections,
    mostCommonFailure: suggestions.length ? null : mostCommon(rejections),
  };
}

/** Best first: higher score, then lower site id, floor and first room id (deterministic). */
function compareSuggestions(a: Suggestion, b: Suggestion): number {
  return (
    b.score - a.score ||
    a.siteId - b.siteId ||
    a.floor - b.floor ||
    a.rooms[0].roomId - b.rooms[0].roomId
  );
}

function mostCommon(rejections: Partial<Record<HardConstraint, number>>): HardConstraint | null {
  let best: HardConstraint | null = null;
  for (const c of HARD_CONSTRAINTS) {
    if ((rejections[c] ?? 0) > (best ? (rejections[best] ?? 0) : 0)) best = c;
  }
  return best;
}

/**
 * One option per floor that has a feasible room for every member: the run of consecutive
 * feasible rooms (in room-number order) with the smallest span that also has an accessible room
 * for every wheelchair user.
 */
function groupedOptions(
  rooms: readonly RoomSnapshot[],
  feasible: readonly RoomSnapshot[],
  party: PartyRequest,
  siteById: Map<number, SiteSnapshot>,
  option: (site: SiteSnapshot, floor: number, assigned: AssignedRoom[], span: number) => Suggestion,
  reject: (c: HardConstraint, n?: number) => void,
): Suggestion[] {
  const n = party.members.length;
  const wheelchairMembers = party.members
    .map((m, i) => (m.needs.includes('wheelchair') ? i : -1))
    .filter((i) => i >= 0);
  const otherMembers = party.members.map((_, i) => i).filter((i) => !wheelchairMembers.includes(i));

  const feasibleByFloor = new Map<number, RoomSnapshot[]>();
  for (const room of feasible) {
    const key = floorKey(room.siteId, room.floor);
    const list = feasibleByFloor.get(key);
    if (list) list.push(room);
    else feasibleByFloor.set(key, [room]);
  }
  // Positions of every room on the floors that matter, so rooms in between (taken or not) count.
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

  const out: Suggestion[] = [];
  for (const candidates of feasibleByFloor.values()) {
    if (candidates.length < n) {
      reject('householdFloor', candidates.length);
      continue;
    }
    candidates.sort((a, b) => positions.get(a.id)! - positions.get(b.id)!);
    let best: { start: number; span: number } | null = null;
    for (let start = 0; start + n <= candidates.length; start++) {
      const window = candidates.slice(start, start + n);
      if (window.filter((r) => r.accessible).length < wheelchairMembers.length) continue;
      const span = positions.get(window[n - 1].id)! - positions.get(window[0].id)!;
      if (!best || span < best.span) best = { start, span };
    }
    if (!best) {
      reject('needs', candidates.length);
      continue;
    }
    const window = candidates.slice(best.start, best.start + n);
    const accessible = window.filter((r) => r.accessible);
    const assigned: AssignedRoom[] = [];
    const used = new Set<number>();
    wheelchairMembers.forEach((member, i) => {
      used.add(accessible[i].id);
      assigned.push({ roomId: accessible[i].id, number: accessible[i].number, members: [member] });
    });
    const rest = window.filter((r) => !used.has(r.id));
    otherMembers.forEach((member, i) => {
      assigned.push({ roomId: rest[i].id, number: rest[i].number, members: [member] });
    });
    assigned.sort((a, b) => positions.get(a.roomId)! - positions.get(b.roomId)!);
    const site = siteById.get(window[0].siteId)!;
    out.push(option(site, window[0].floor, assigned, best.span));
  }
  return out;
}
