/**
 * Domain enumerations shared by server, client and seeders (DESIGN §3). The arrays are the single
 * source: database CHECK constraints, Joi schemas and TypeScript unions are all derived from them.
 */

export const SITE_STATUSES = ['preparing', 'active', 'standby', 'suspended', 'closed'] as const;
export type SiteStatus = (typeof SITE_STATUSES)[number];

export const SITE_KINDS = ['hotel', 'dormitory', 'purpose_built'] as const;
export type SiteKind = (typeof SITE_KINDS)[number];

export const ROOM_STATUSES = ['available', 'cleaning', 'out_of_service'] as const;
export type RoomStatus = (typeof ROOM_STATUSES)[number];

export const ROOM_FEATURES = ['accessible', 'family'] as const;
export type RoomFeature = (typeof ROOM_FEATURES)[number];

export const CATEGORIES = [
  'close_contact',
  'secondary_contact',
  'inbound_traveller',
  'high_risk_arrival',
] as const;
export type Category = (typeof CATEGORIES)[number];

export const PERSON_NEEDS = ['wheelchair', 'medical', 'minor', 'carer'] as const;
export type PersonNeed = (typeof PERSON_NEEDS)[number];

export const SEXES = ['female', 'male', 'unknown'] as const;
export type Sex = (typeof SEXES)[number];

export const STAY_STATUSES = [
  'reserved',
  'in_transit',
  'checked_in',
  'released',
  'transferred',
  'cancelled',
] as const;
export type StayStatus = (typeof STAY_STATUSES)[number];

/** A current stay whose person has not arrived yet: it can be checked in, or cancelled. */
export const EXPECTED_STAY_STATUSES = ['reserved', 'in_transit'] as const;

/** A stay in one of these statuses holds its room and counts as the person's one current stay. */
export const CURRENT_STAY_STATUSES = [...EXPECTED_STAY_STATUSES, 'checked_in'] as const;

/** A stay that ended in one of these left its room to be cleaned (a cancelled one held nothing). */
export const ENDED_STAY_STATUSES = ['released', 'transferred'] as const;

export const TEST_RESULTS = ['pending', 'negative', 'positive'] as const;
export type TestResult = (typeof TEST_RESULTS)[number];

export const TRANSFER_KINDS = ['intake', 'to_hospital', 'between_sites', 'release'] as const;
export type TransferKind = (typeof TRANSFER_KINDS)[number];

export const TRANSFER_STATUSES = ['planned', 'en_route', 'arrived', 'cancelled'] as const;
export type TransferStatus = (typeof TRANSFER_STATUSES)[number];

/** `expired`: the party's quarantine ended before a room was found (it needs home follow-up). */
export const WAITING_STATUSES = ['waiting', 'placed', 'cancelled', 'expired'] as const;
export type WaitingStatus = (typeof WAITING_STATUSES)[number];

export const ROLES = ['admin', 'official', 'site_manager', 'transport'] as const;
export type Role = (typeof ROLES)[number];

/** Hard constraints of placement (DESIGN §5), in the order the engine checks them. */
export const HARD_CONSTRAINTS = [
  'siteStatus',
  'siteCategory',
  'roomStatus',
  'beds',
  'needs',
  'nights',
  'floorCategory',
  'householdFloor',
] as const;
export type HardConstraint = (typeof HARD_CONSTRAINTS)[number];

/** Personal fields a permitted role may ask to see unmasked (each reveal is audited). */
export const REVEALABLE_FIELDS = ['idNumber', 'phone'] as const;
export type RevealableField = (typeof REVEALABLE_FIELDS)[number];
