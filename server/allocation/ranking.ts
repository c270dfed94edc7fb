/**
 * What both ways of walking the rooms (suggest.ts) share once a room or a floor is known to be
 * feasible: the floor's terms, the score, the best few kept as they come, and a household's run
 * of rooms on one floor. Sharing it is what keeps the two walks' results identical.
 */
import type { IsoDate } from '../../shared/dates';
import { needsRoomFeature, roomMeetsNeeds, sharesNights, type NightWindow } from './rules';
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
  SCORE_TERMS,
  type AllocationPolicy,
  type AssignedRoom,
  type BookingSnapshot,
  type HardConstraint,
  type PartyRequest,
  type RoomSnapshot,
  type ScoreTerms,
  type SiteSnapshot,
  type Suggestion,
  type SuggestResult,
} from './types';

/** What every engine input has, however the rooms come. */
export interface SuggestBase {
  sites: readonly SiteSnapshot[];
  party: PartyRequest;
  policy: AllocationPolicy;
  /** How many suggestions to return (default 5). */
  limit?: number;
}

export type Rejections = Partial<Record<HardConstraint, number>>;

export interface FloorStats {
  cohort: number;
  hasPeople: boolean;
}

/**
 * The cohort term and whether anyone sleeps there on the entry night, from the floor's bookings
 * (those of `skipPartyId` left out: a move re-places a party that holds nights).
 */
export function floorStats(
  bookings: readonly BookingSnapshot[],
  skipPartyId: number | undefined,
  window: NightWindow,
  entryDate: IsoDate,
): FloorStats {
  const entries: string[] = [];
  let hasPeople = false;
  const { entry } = window;
  for (const b of bookings) {
    if (b.partyId === skipPartyId) continue;
    if (sharesNights(b, window)) entries.push(b.start);
    if (b.start <= entry && entry < b.end) hasPeople = true;
  }
  return { cohort: cohortTerm(entryDate, entries), hasPeople };
}

/** Best first: higher score, then lower site id, floor and first room id (deterministic). */
export function compareSuggestions(a: Suggestion, b: Suggestion): number {
  return (
    b.score - a.score ||
    a.siteId - b.siteId ||
    a.floor - b.floor ||
    a.rooms[0].roomId - b.rooms[0].roomId
  );
}

export interface Ranking {
  /** The score of one room for the whole party (not a household in separate rooms). */
  roomScore(site: SiteSnapshot, stats: FloorStats, beds: number): number;
  /**
   * No one-room option at `site` scores more than this (null when the weights do not allow such
   * a bound): the best the floor can give (people there, cohort matching, a bed per person).
   */
  siteBound(site: SiteSnapshot): number | null;
  /** Could a one-room option with this score and these ids enter the best few? */
  mayEnter(score: number, siteId: number, floor: number, roomId: number): boolean;
  /** The suggestion, its terms weighed; `beds[i]` are the beds of `assigned[i]`'s room. */
  option(
    site: SiteSnapshot,
    floor: number,
    stats: FloorStats,
    assigned: AssignedRoom[],
    beds: readonly number[],
    span: number,
  ): Suggestion;
  /** Keeps `candidate` if it is among the best `limit` so far. */
  consider(candidate: Suggestion): void;
  result(feasibleRooms: number, rejections: Rejections): SuggestResult;
}

export function ranking(input: SuggestBase): Ranking {
  const { party, policy } = input;
  const limit = input.limit ?? 5;
  const partySize = party.members.length;
  const kmCache = new Map<number, number | null>();
  const distanceKm = (site: SiteSnapshot) => {
    let km = kmCache.get(site.id);
    if (km === undefined) {
      km = party.origin ? haversineKm(party.origin, site) : null;
      kmCache.set(site.id, km);
    }
    return km;
  };
  // Thousands of rooms are feasible: each is scored with numbers only, and the suggestion (terms,
  // rooms) is built only for one that would enter the best `limit`.
  const raw: ScoreTerms = {
    distance: 0,
    openFirst: 0,
    bestFit: 0,
    householdProximity: householdProximityTerm(1, 0),
    cohort: 0,
    utilizationCeiling: 0,
  };
  const best: Suggestion[] = [];
  // Each raw term only raises the score when every weight is ≥ 0 (the policy's validation holds
  // them there; a hand-made policy may not): then an upper bound on each term bounds the score.
  const bounded = SCORE_TERMS.every((t) => policy.weights[t] >= 0);
  return {
    siteBound(site) {
      if (!bounded) return null;
      return weighedScore(
        {
          distance: distanceTerm(distanceKm(site)),
          openFirst: openFirstTerm(site.status === 'active', site.occupied > 0, true),
          bestFit: 1,
          householdProximity: householdProximityTerm(1, 0),
          cohort: 1,
          utilizationCeiling: utilizationTerm(
            site.occupied + partySize,
            site.beds,
            policy.utilizationCeiling,
          ),
        },
        policy.weights,
      );
    },
    roomScore(site, stats, beds) {
      raw.distance = distanceTerm(distanceKm(site));
      raw.openFirst = openFirstTerm(site.status === 'active', site.occupied > 0, stats.hasPeople);
      raw.bestFit = bestFitTerm([{ size: partySize, beds }]);
      raw.cohort = stats.cohort;
      raw.utilizationCeiling = utilizationTerm(
        site.occupied + partySize,
        site.beds,
        policy.utilizationCeiling,
      );
      return weighedScore(raw, policy.weights);
    },
    mayEnter(score, siteId, floor, roomId) {
      if (limit <= 0) return false;
      if (best.length < limit) return true;
      const worst = best[limit - 1];
      return (
        (worst.score - score ||
          siteId - worst.siteId ||
          floor - worst.floor ||
          roomId - worst.rooms[0].roomId) < 0
      );
    },
    option(site, floor, stats, assigned, beds, span) {
      const km = distanceKm(site);
      const { terms, score } = weighTerms(
        {
          distance: distanceTerm(km),
          openFirst: openFirstTerm(site.status === 'active', site.occupied > 0, stats.hasPeople),
          bestFit: bestFitTerm(assigned.map((a, i) => ({ size: a.members.length, beds: beds[i] }))),
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
      return {
        siteId: site.id,
        floor,
        rooms: assigned,
        score,
        terms,
        distanceKm: km === null ? null : Math.round(km * 10) / 10,
      };
    },
    consider(candidate) {
      if (limit <= 0) return;
      if (best.length === limit && compareSuggestions(candidate, best[limit - 1]) >= 0) return;
      let at = best.length;
      while (at > 0 && compareSuggestions(candidate, best[at - 1]) < 0) at--;
      best.splice(at, 0, candidate);
      if (best.length > limit) best.pop();
    },
    result(feasibleRooms, rejections) {
      // In the constraints' own order, however the rooms were walked.
      const ordered: Rejections = {};
      for (const c of HARD_CONSTRAINTS) if (rejections[c] !== undefined) ordered[c] = rejections[c];
      return {
        suggestions: best,
        feasibleRooms,
        rejections: ordered,
        mostCommonFailure: best.length ? null : mostCommon(ordered),
      };
    },
  };
}

function mostCommon(rejections: Rejections): HardConstraint | null {
  let best: HardConstraint | null = null;
  for (const c of HARD_CONSTRAINTS) {
    if ((rejections[c] ?? 0) > (best ? (rejections[best] ?? 0) : 0)) best = c;
  }
  return best;
}

export interface FloorRun {
  assigned: AssignedRoom[];
  /** Beds of each assigned room, in the same order. */
  beds: number[];
  span: number;
}

/**
 * A household in separate rooms on one floor: among the floor's feasible rooms (`candidates`,
 * in position order, `positions[i]` the position of `candidates[i]` among all the floor's rooms),
 * the run of consecutive ones with the smallest span in which every member whose needs ask
 * something of the room (a wheelchair) gets a room that meets them; or the constraint that rules
 * the floor out.
 */
export function bestRunOnFloor(
  candidates: readonly RoomSnapshot[],
  positions: readonly number[],
  party: PartyRequest,
): FloorRun | 'householdFloor' | 'needs' {
  const n = party.members.length;
  if (candidates.length < n) return 'householdFloor';
  // Members whose needs restrict the room choose first, in member order; then the others.
  const order = party.members
    .map((_, i) => i)
    .sort(
      (a, b) =>
        Number(needsRoomFeature(party.members[b].needs)) -
          Number(needsRoomFeature(party.members[a].needs)) || a - b,
    );
  let best: {
    span: number;
    chosen: { room: RoomSnapshot; member: number; position: number }[];
  } | null = null;
  for (let start = 0; start + n <= candidates.length; start++) {
    const span = positions[start + n - 1] - positions[start];
    if (best && span >= best.span) continue;
    const free = candidates.slice(start, start + n).map((room, i) => ({
      room,
      position: positions[start + i],
    }));
    const chosen: { room: RoomSnapshot; member: number; position: number }[] = [];
    for (const member of order) {
      const at = free.findIndex((f) => roomMeetsNeeds(f.room, party.members[member].needs));
      if (at < 0) break;
      chosen.push({ ...free[at], member });
      free.splice(at, 1);
    }
    if (chosen.length === n) best = { span, chosen };
  }
  if (!best) return 'needs';
  const chosen = best.chosen.sort((a, b) => a.position - b.position);
  return {
    assigned: chosen.map(({ room, member }) => ({
      roomId: room.id,
      number: room.number,
      members: [member],
    })),
    beds: chosen.map(({ room }) => room.beds),
    span: best.span,
  };
}
