/**
 * Random cities for the engine's property tests: sites, rooms on a few floors, bookings that obey
 * the invariants together, a party and a policy.
 */
import fc from 'fast-check';
import { addDays, rangesOverlap } from '../../shared/dates';
import { CATEGORIES, PERSON_NEEDS, ROOM_STATUSES, SITE_STATUSES } from '../../shared/enums';
import type {
  AllocationPolicy,
  BookingSnapshot,
  PartyRequest,
  RoomSnapshot,
} from '../../server/allocation/types';
import { POLICY } from './build';

const BASE = '2026-11-29';

const siteArb = (id: number) =>
  fc.record({
    id: fc.constant(id),
    status: fc.constantFrom(...SITE_STATUSES, 'active', 'active', 'active'),
    latitude: fc.double({ min: 34.3, max: 34.9, noNaN: true }),
    longitude: fc.double({ min: 113.0, max: 114.0, noNaN: true }),
    acceptedCategories: fc.subarray([...CATEGORIES], { minLength: 2 }),
    beds: fc.integer({ min: 0, max: 60 }),
    occupied: fc.integer({ min: 0, max: 60 }),
  });

const roomArb = (id: number, siteCount: number) =>
  fc.record({
    id: fc.constant(id),
    siteId: fc.integer({ min: 1, max: siteCount }),
    floor: fc.integer({ min: 1, max: 3 }),
    number: fc.constant(String(100 + id)),
    beds: fc.integer({ min: 1, max: 4 }),
    accessible: fc.boolean(),
    family: fc.boolean(),
    status: fc.constantFrom(...ROOM_STATUSES, 'available', 'available'),
  });

const rawBookingArb = (roomCount: number) =>
  fc.record({
    roomId: fc.integer({ min: 1, max: roomCount }),
    partyId: fc.integer({ min: 1, max: 1000 }),
    category: fc.constantFrom(...CATEGORIES),
    startOffset: fc.integer({ min: -20, max: 20 }),
    nights: fc.integer({ min: 1, max: 14 }),
    people: fc.integer({ min: 1, max: 4 }),
  });

export type PartyDraft = typeof partyArb extends fc.Arbitrary<infer T> ? T : never;

export const partyArb = fc.record({
  category: fc.constantFrom(...CATEGORIES),
  shareRoom: fc.boolean(),
  members: fc.array(fc.record({ needs: fc.subarray([...PERSON_NEEDS]) }), {
    minLength: 1,
    maxLength: 3,
  }),
  origin: fc.option(
    fc.record({
      latitude: fc.double({ min: 34.3, max: 34.9, noNaN: true }),
      longitude: fc.double({ min: 113.0, max: 114.0, noNaN: true }),
    }),
  ),
  entryOffset: fc.integer({ min: -2, max: 5 }),
  nights: fc.constantFrom(7, 14),
  allowStandby: fc.boolean(),
});

const policyArb: fc.Arbitrary<AllocationPolicy> = fc.record({
  cleaningNights: fc.integer({ min: 0, max: 2 }),
  utilizationCeiling: fc.constant(POLICY.utilizationCeiling),
  oneCategoryPerFloor: fc.boolean(),
  weights: fc.record({
    distance: fc.integer({ min: 0, max: 3 }),
    openFirst: fc.integer({ min: 0, max: 3 }),
    bestFit: fc.integer({ min: 0, max: 3 }),
    householdProximity: fc.integer({ min: 0, max: 3 }),
    cohort: fc.integer({ min: 0, max: 3 }),
    utilizationCeiling: fc.integer({ min: 0, max: 3 }),
  }),
});

/** Every invariant of DESIGN §4 rule 1 over a set of bookings; returns what is broken. */
export function invariantViolations(
  rooms: readonly RoomSnapshot[],
  bookings: readonly BookingSnapshot[],
  policy: AllocationPolicy,
): string[] {
  const out: string[] = [];
  const roomById = new Map(rooms.map((r) => [r.id, r]));
  bookings.forEach((a, i) => {
    const room = roomById.get(a.roomId)!;
    if (a.people > room.beds) out.push(`room ${room.id} over its beds`);
    bookings.slice(i + 1).forEach((b) => {
      if (a.roomId === b.roomId) {
        const gap = policy.cleaningNights;
        if (rangesOverlap(a.start, addDays(a.end, gap), b.start, addDays(b.end, gap))) {
          out.push(
            `room ${a.roomId}: parties ${a.partyId} and ${b.partyId} clash or skip cleaning`,
          );
        }
      }
      const other = roomById.get(b.roomId)!;
      if (
        policy.oneCategoryPerFloor &&
        room.siteId === other.siteId &&
        room.floor === other.floor &&
        a.category !== b.category &&
        rangesOverlap(a.start, a.end, b.start, b.end)
      ) {
        out.push(`floor ${room.siteId}:${room.floor} mixes ${a.category} and ${b.category}`);
      }
    });
  });
  return out;
}

/** Keeps the random bookings that fit together, so the starting state obeys the invariants. */
function consistentBookings(
  rooms: RoomSnapshot[],
  raw: fc.Arbitrary<BookingSnapshot[]> extends fc.Arbitrary<infer T> ? T : never,
  policy: AllocationPolicy,
): BookingSnapshot[] {
  const kept: BookingSnapshot[] = [];
  for (const b of raw) {
    if (invariantViolations(rooms, [...kept, b], policy).length === 0) kept.push(b);
  }
  return kept;
}

/** A party as the engine is asked about it: nights from BASE, and an id that holds none. */
export function toRequest(party: PartyDraft): PartyRequest {
  return {
    category: party.category,
    shareRoom: party.shareRoom,
    members: party.members,
    origin: party.origin,
    entryDate: addDays(BASE, party.entryOffset),
    releaseDate: addDays(BASE, party.entryOffset + party.nights),
    allowStandby: party.allowStandby,
    partyId: 5000,
  };
}

export const scenarioArb = fc
  .record({
    siteCount: fc.integer({ min: 1, max: 3 }),
    roomCount: fc.integer({ min: 1, max: 25 }),
  })
  .chain(({ siteCount, roomCount }) =>
    fc.record({
      sites: fc.tuple(...Array.from({ length: siteCount }, (_, i) => siteArb(i + 1))),
      rooms: fc.tuple(...Array.from({ length: roomCount }, (_, i) => roomArb(i + 1, siteCount))),
      rawBookings: fc.array(rawBookingArb(roomCount), { maxLength: 25 }),
      party: partyArb,
      policy: policyArb,
    }),
  )
  .map(({ sites, rooms, rawBookings, party, policy }) => {
    const raw = rawBookings.map((b) => ({
      roomId: b.roomId,
      partyId: b.partyId,
      category: b.category,
      start: addDays(BASE, b.startOffset),
      end: addDays(BASE, b.startOffset + b.nights),
      people: b.people,
    }));
    const request = toRequest(party);
    return {
      sites,
      rooms,
      bookings: consistentBookings(rooms, raw, policy),
      party: request,
      policy,
    };
  });
