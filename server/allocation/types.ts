/**
 * The allocation engine's inputs and outputs. The engine is pure: callers load these snapshots
 * from the database (inside the placing transaction) and the engine decides; it never does I/O.
 */
import type { IsoDate } from '../../shared/dates';
import type { Category, PersonNeed, RoomStatus, SiteStatus } from '../../shared/enums';
import type { AllocationWeights } from '../../shared/policy';

export interface SiteSnapshot {
  id: number;
  status: SiteStatus;
  latitude: number;
  longitude: number;
  acceptedCategories: readonly Category[];
  /** Beds in rooms that are in service. */
  beds: number;
  /** People occupying a bed on the party's entry night. */
  occupied: number;
}

/** What the hard constraints need of a site (a chosen room is checked against no more). */
export type SiteRules = Pick<SiteSnapshot, 'id' | 'status' | 'acceptedCategories'>;

export interface RoomSnapshot {
  id: number;
  siteId: number;
  floor: number;
  number: string;
  beds: number;
  accessible: boolean;
  family: boolean;
  status: RoomStatus;
}

/** A party's hold on a room over the nights [start, end). */
export interface BookingSnapshot {
  roomId: number;
  partyId: number;
  category: Category;
  start: IsoDate;
  end: IsoDate;
  people: number;
}

export interface PartyRequest {
  /** Bookings of this party are ignored (a move re-places a party that already holds nights). */
  partyId?: number;
  category: Category;
  shareRoom: boolean;
  members: ReadonlyArray<{ needs: readonly PersonNeed[] }>;
  origin: { latitude: number; longitude: number } | null;
  entryDate: IsoDate;
  releaseDate: IsoDate;
  /** May a standby site be proposed (it would have to be activated)? */
  allowStandby: boolean;
}

export interface AllocationPolicy {
  /** Whole nights a room is blocked after a stay for terminal disinfection. */
  cleaningNights: number;
  utilizationCeiling: number;
  oneCategoryPerFloor: boolean;
  weights: AllocationWeights;
}

export { HARD_CONSTRAINTS, type HardConstraint } from '../../shared/enums';
import type { HardConstraint } from '../../shared/enums';

// In shared/ so the dashboard names the same terms in the same order.
export { SCORE_TERMS, type ScoreTerm } from '../../shared/placement';
import type { ScoreTerm } from '../../shared/placement';
export type ScoreTerms = Record<ScoreTerm, number>;

export interface AssignedRoom {
  roomId: number;
  number: string;
  /** Indexes into PartyRequest.members placed in this room. */
  members: number[];
}

export interface Suggestion {
  siteId: number;
  floor: number;
  rooms: AssignedRoom[];
  /** Sum of `terms` (each already weighted). Higher is better. */
  score: number;
  terms: ScoreTerms;
  distanceKm: number | null;
}

export interface SuggestResult {
  suggestions: Suggestion[];
  /** Rooms that passed every room-level constraint. */
  feasibleRooms: number;
  /** For each constraint, how many rooms failed it first. */
  rejections: Partial<Record<HardConstraint, number>>;
  /** The constraint that failed for most rooms, when nothing could be suggested. */
  mostCommonFailure: HardConstraint | null;
}
