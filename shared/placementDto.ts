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
  /** Queued behind earlier parties of its category (no room was tried): placed in its turn. */
  behindOthers: boolean;
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
  /** Queued behind earlier parties of its category, not tried since (see QueuedDto). */
  behindOthers: boolean;
  queuedAt: string;
  waitingMinutes: number;
}

export interface WaitingListDto {
  data: WaitingEntryDto[];
  longestWaitMinutes: number;
}

/** `GET /api/waiting-list?status=…`: those waiting (default), or those who left it expired. */
export const WAITING_LIST_STATUSES = ['waiting', 'expired'] as const;
export type WaitingListStatus = (typeof WAITING_LIST_STATUSES)[number];
export const EXPIRED_LIST_LIMIT_DEFAULT = 500;
export const EXPIRED_LIST_LIMIT_MAX = 5000;

export interface WaitingListQuery {
  status?: WaitingListStatus;
  /** Expired entries only: how many of the newest. */
  limit?: number;
}

/** A party that left the waiting list because its quarantine ended first: home follow-up. */
export interface ExpiredEntryDto {
  id: number;
  partyId: number;
  category: Category;
  people: number;
  /** Why it left, in English ("Quarantine ended on … before a room was found."). */
  reason: string | null;
  /** The day its quarantine ended. */
  quarantineEnded: IsoDate | null;
  queuedAt: string;
  /** When it left the list. */
  expiredAt: string;
  /** How long it waited, queued to expired. */
  waitedMinutes: number;
}

export interface ExpiredListDto {
  data: ExpiredEntryDto[];
  /** Every expired entry, of which `data` holds the newest. */
  total: number;
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
