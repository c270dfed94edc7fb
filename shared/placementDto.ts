/** Shapes of the placement API: suggestions, placements, stays and the waiting list. */
import type { IsoDate } from './dates';
import type { Category, HardConstraint, StayStatus } from './enums';

export interface ScoreTermsDto {
  distance: number;
  openFirst: number;
  bestFit: number;
  householdProximity: number;
  cohort: number;
  utilizationCeiling: number;
}

export interface SuggestionDto {
  siteId: number;
  siteCode: string;
  siteName: string;
  floor: number;
  rooms: { roomId: number; number: string; members: number[] }[];
  score: number;
  terms: ScoreTermsDto;
  distanceKm: number | null;
  /** The terms in words, strongest first, for a manager to see why. */
  reasons: string[];
  /** Placing here would open a standby site. */
  opensStandbySite: boolean;
}

export interface SuggestionListDto {
  partyId: number;
  entryDate: IsoDate;
  releaseDate: IsoDate;
  data: SuggestionDto[];
  feasibleRooms: number;
  rejections: Partial<Record<HardConstraint, number>>;
  /** The constraint most rooms failed, when nothing fits (what `reason` says in English). */
  constraint: HardConstraint | null;
  /** Why nothing fits, when nothing does. */
  reason: string | null;
}

export interface StayDto {
  id: number;
  personId: number;
  partyId: number;
  roomId: number;
  siteId: number;
  roomNumber: string;
  entryDate: IsoDate;
  plannedReleaseDate: IsoDate;
  releaseDate: IsoDate | null;
  status: StayStatus;
  checkedInAt: string | null;
  endedAt: string | null;
  endReason: string | null;
}

export interface PlacementDto {
  outcome: 'placed';
  partyId: number;
  siteId: number;
  stays: StayDto[];
}

export interface QueuedDto {
  outcome: 'queued';
  partyId: number;
  waitingEntryId: number;
  /** 1 = next to be placed. */
  position: number;
  constraint: HardConstraint | null;
  reason: string;
}

export interface WaitingEntryDto {
  id: number;
  partyId: number;
  category: Category;
  people: number;
  priority: number;
  position: number;
  /** The constraint most rooms failed when the party was last tried (null: no rooms at all). */
  constraint: HardConstraint | null;
  reason: string | null;
  queuedAt: string;
  waitingMinutes: number;
}

export interface WaitingListDto {
  data: WaitingEntryDto[];
  longestWaitMinutes: number;
}

export type AlertKind =
  'cleaning_overdue' | 'site_over_ceiling' | 'city_free_beds_low' | 'waiting_too_long';

export interface AlertDto {
  kind: AlertKind;
  severity: 'warning' | 'critical';
  /** English, for API users; the dashboard words the alert from `kind` and `params`. */
  message: string;
  /** The particulars of the sentence (room, site, hours, percent, …) by name. */
  params: Record<string, string | number>;
  siteId: number | null;
  roomId: number | null;
  partyId: number | null;
  /** When the condition began, if known. */
  since: string | null;
}

export interface AuditEventDto {
  id: number;
  occurredAt: string;
  actorUserId: number | null;
  requestId: string | null;
  ip: string | null;
  entity: string;
  entityId: string | null;
  action: string;
  before: unknown;
  after: unknown;
}

export interface AuditListDto {
  data: AuditEventDto[];
  /** Pass as `before` to read the next (older) page; null on the last page. */
  nextBefore: number | null;
}
