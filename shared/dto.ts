/** The shapes the API sends and accepts; the same types are used by the client. */
import type { Category, RoomStatus, SiteKind, SiteStatus } from './enums';
import type { ProblemParams, RefusalCode } from './problems';

/** Today's bed counts of a site, all derived from rooms and stays (never stored). */
export interface Occupancy {
  rooms: number;
  /** Beds in rooms that are not out of service. */
  beds: number;
  /** People whose stay covers today. */
  occupied: number;
  /** Beds in available rooms with nobody in them today. */
  free: number;
  /** People with a reservation starting after today. */
  reserved: number;
  /** Beds in rooms waiting for terminal disinfection. */
  cleaning: number;
  outOfService: number;
  /** occupied / beds, 0 when the site has no beds. */
  utilization: number;
}

export interface SiteDto {
  id: number;
  code: string;
  name: string;
  district: string;
  address: string;
  latitude: number;
  longitude: number;
  kind: SiteKind;
  status: SiteStatus;
  acceptedCategories: Category[];
  contactName: string | null;
  contactPhone: string | null;
  activationLeadHours: number | null;
  createdAt: string;
  updatedAt: string;
}

export interface SiteWithOccupancyDto extends SiteDto {
  /**
   * The site's occupancy version (`sites.occupancyVersion`), read in the same statement as
   * `occupancy`: the `version` of the `site.occupancy` socket message with these totals. A client
   * that loads this snapshot drops any socket message for the site whose version is not above it.
   */
  version: number;
  occupancy: Occupancy;
}

export interface SiteListDto {
  date: string;
  data: SiteWithOccupancyDto[];
  totals: Occupancy;
}

export interface SiteCreateInput {
  code: string;
  name: string;
  district: string;
  address: string;
  latitude: number;
  longitude: number;
  kind: SiteKind;
  status?: 'preparing' | 'active' | 'standby';
  acceptedCategories?: Category[];
  contactName?: string | null;
  contactPhone?: string | null;
  activationLeadHours?: number | null;
}

export type SiteUpdateInput = Partial<Omit<SiteCreateInput, 'code' | 'status'>>;

export interface RoomDto {
  id: number;
  siteId: number;
  number: string;
  floor: number;
  beds: number;
  accessible: boolean;
  family: boolean;
  status: RoomStatus;
  statusChangedAt: string;
}

export interface RoomWithOccupancyDto extends RoomDto {
  /** People whose stay in this room covers today. */
  occupants: number;
  /** Category of the party in the room today, if any. */
  category: Category | null;
  /** Derived state for the board: what a manager sees on the room's tile. */
  state: 'free' | 'occupied' | 'reserved' | 'cleaning' | 'out_of_service';
}

export interface RoomListDto {
  date: string;
  data: RoomWithOccupancyDto[];
}

export interface RoomsBulkCreateInput {
  floors: { from: number; to: number };
  roomsPerFloor: number;
  beds: number;
  /** Room number = floor × 100 + index by default (e.g. 301, 302). */
  numbering?: 'floor_index';
  accessible?: boolean;
  family?: boolean;
}

export interface RoomUpdateInput {
  number?: string;
  floor?: number;
  beds?: number;
  accessible?: boolean;
  family?: boolean;
}

export interface HealthDto {
  status: 'ok' | 'unavailable';
  database: 'up' | 'down';
  dialect: string;
  time: string;
}

export interface ProblemFieldError {
  field: string;
  /** English, for logs and API users; the dashboard words it from `type` and `params`. */
  message: string;
  /** Joi-like reason: `any.required`, `string.pattern.base`, `number.min`, `placement.beds`, … */
  type: string;
  /** Values the reason needs (`limit` of a min/max). */
  params?: ProblemParams;
}

/** RFC 9457 problem document, as every error of the API. */
export interface ProblemDto {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  requestId?: string;
  /**
   * A domain refusal's stable code, with the values of its sentence. The server sends only a
   * `RefusalCode` (shared/problems.ts); a client must expect codes newer than the ones it knows.
   */
  code?: RefusalCode | (string & {});
  params?: ProblemParams;
  errors?: ProblemFieldError[];
}

// Persons and parties (intake).
import type { PersonNeed, Sex, StayStatus } from './enums';

/**
 * One person to isolate, as submitted by intake. The ID number and phone are stored only as
 * ciphertext plus a search hash, and only ever sent back masked.
 */
export interface PersonInput {
  fullName: string;
  /** 18-character resident ID number (17 digits and a check digit or X). */
  idNumber: string;
  phone?: string | null;
  /** Defaults to the sex encoded in the ID number. */
  sex?: Sex;
  /** Defaults to the birth year in the ID number; if given, must agree with it. */
  birthYear?: number;
  /** May be left out; if given it must equal the party's category. */
  category?: Category;
  /** Date of last exposure or of arrival, `YYYY-MM-DD`, not after today. */
  exposureDate: string;
  /** Six-digit district code. */
  originDistrict?: string | null;
  origin?: { latitude: number; longitude: number } | null;
  needs?: PersonNeed[];
}

export interface PartyCreateInput {
  category: Category;
  /** The members share one room (a parent with a child, a carer with an elderly person). */
  shareRoom?: boolean;
  /** 1 to 8 people. */
  members: PersonInput[];
}

export interface PersonCurrentStayDto {
  stayId: number;
  roomId: number;
  siteId: number;
  status: StayStatus;
  entryDate: string;
  plannedReleaseDate: string;
}

export interface PersonDto {
  id: number;
  fullName: string;
  /** Masked: first 4 and last 4 characters kept (`4101**********1234`). */
  idNumber: string | null;
  /** Masked: first 3 and last 4 digits kept (`138****5678`). */
  phone: string | null;
  sex: Sex;
  birthYear: number | null;
  category: Category;
  exposureDate: string;
  originDistrict: string | null;
  origin: { latitude: number; longitude: number } | null;
  needs: PersonNeed[];
  currentStay: PersonCurrentStayDto | null;
}

export interface PartyDto {
  id: number;
  category: Category;
  shareRoom: boolean;
  /** Ordered by person id (the order the placement engine uses for `members.N`). */
  members: PersonDto[];
  createdAt: string;
}

/** Exactly one of the three. ID numbers and phones match exactly, names by prefix. */
export interface PersonSearchInput {
  idNumber?: string;
  phone?: string;
  name?: string;
}

export interface PersonListDto {
  data: PersonDto[];
}
