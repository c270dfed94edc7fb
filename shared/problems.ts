/**
 * What a problem document tells a client beyond its English words, so the dashboard can say it in
 * the user's language: the problem `type` (a URN), a `code` and `params` for every domain refusal
 * (409), and per field a Joi-like `type` with its `params` (limit, …).
 */
import type { Category, RoomStatus, SiteStatus, StayStatus } from './enums';

export const PROBLEM_TYPE_PREFIX = 'urn:haven:problem:';

/** The `type` names the API uses, after `urn:haven:problem:`. */
export const PROBLEM_TYPES = [
  'validation',
  'malformed-json',
  'payload-too-large',
  'unsupported-media-type',
  'not-found',
  'route-not-found',
  'conflict',
  'unavailable',
  'internal',
  'forbidden',
  'unauthorized',
  'too-many-requests',
] as const;
export type ProblemTypeName = (typeof PROBLEM_TYPES)[number];

export function problemTypeName(type: string): ProblemTypeName | undefined {
  if (!type.startsWith(PROBLEM_TYPE_PREFIX)) return undefined;
  const name = type.slice(PROBLEM_TYPE_PREFIX.length);
  return (PROBLEM_TYPES as readonly string[]).includes(name)
    ? (name as ProblemTypeName)
    : undefined;
}

/** Each domain refusal's stable code and the values its sentence needs. */
export interface RefusalParamsByCode {
  'room.numberTaken': { number: string };
  'room.holdsLargerParty': { room: string; largest: number };
  'room.status': { room: string; status: RoomStatus };
  'room.held': { room: string; from: string };
  'room.bookedLater': { from: string; latest: string };
  'floor.otherCategory': { from: string; category: Category; latest: string };
  'rooms.numbersTaken': { site: string; numbers: string };
  'rooms.cannotTake': { from: string; to: string };
  'move.noRoom': Record<string, never>;
  'move.sameRooms': Record<string, never>;
  'party.noCurrentStay': Record<string, never>;
  'party.alreadyPlaced': { count: number };
  'placement.queueAhead': { count: number };
  'stay.status': { status: StayStatus };
  'stay.notStarted': { entryDate: string };
  'stay.checkInTooEarly': { entryDate: string };
  'site.codeTaken': { code: string };
  'site.status': { site: string; status: SiteStatus };
  'site.occupied': { site: string; people: number };
  'user.nameTaken': { username: string };
  'user.alreadyInStatus': { username: string; disabled: 'true' | 'false' };
  'user.lastAdmin': Record<string, never>;
  'record.duplicate': { fields: string };
  'record.referenced': Record<string, never>;
}
export type RefusalCode = keyof RefusalParamsByCode;

/** A refusal as sent: `code` with exactly the params that code needs. */
export type Refusal = {
  [C in RefusalCode]: { code: C; params: RefusalParamsByCode[C] };
}[RefusalCode];

export type ProblemParams = Record<string, string | number>;

/** Every refusal code, checked complete by the compiler (for tests and documentation). */
const REFUSAL_CODE_SET: Record<RefusalCode, true> = {
  'room.numberTaken': true,
  'room.holdsLargerParty': true,
  'room.status': true,
  'room.held': true,
  'room.bookedLater': true,
  'floor.otherCategory': true,
  'rooms.numbersTaken': true,
  'rooms.cannotTake': true,
  'move.noRoom': true,
  'move.sameRooms': true,
  'party.noCurrentStay': true,
  'party.alreadyPlaced': true,
  'placement.queueAhead': true,
  'stay.status': true,
  'stay.notStarted': true,
  'stay.checkInTooEarly': true,
  'site.codeTaken': true,
  'site.status': true,
  'site.occupied': true,
  'user.nameTaken': true,
  'user.alreadyInStatus': true,
  'user.lastAdmin': true,
  'record.duplicate': true,
  'record.referenced': true,
};
export const REFUSAL_CODES = Object.keys(REFUSAL_CODE_SET) as RefusalCode[];
