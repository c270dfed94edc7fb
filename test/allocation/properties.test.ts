/**
 * Property-based tests of the allocation engine: for random cities, bookings and parties, every
 * suggestion satisfies every hard constraint (checked here independently of the engine), taking
 * the top suggestion never breaks an invariant, and the score is the sum of its terms.
 */
import { expect } from 'chai';
import fc from 'fast-check';
import { addDays, rangesOverlap } from '../../shared/dates';
import { CATEGORIES, PERSON_NEEDS, ROOM_STATUSES, SITE_STATUSES } from '../../shared/enums';
import { suggest } from '../../server/allocation/suggest';
import {
  SCORE_TERMS,
  type AllocationPolicy,
  type BookingSnapshot,
  type PartyRequest,
  type RoomSnapshot,
  type SiteSnapshot,
  type Suggestion,
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

const partyArb = fc.record({
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
function invariantViolations(
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

/** The hard constraints of DESIGN §5, written out independently of the engine. */
function constraintViolations(
  s: Suggestion,
  sites: SiteSnapshot[],
  rooms: RoomSnapshot[],
  bookings: BookingSnapshot[],
  party: PartyRequest,
  policy: AllocationPolicy,
): string[] {
  const out: string[] = [];
  const site = sites.find((x) => x.id === s.siteId)!;
  if (!(site.status === 'active' || (site.status === 'standby' && party.allowStandby))) {
    out.push(`site ${site.id} is ${site.status}`);
  }
  if (!site.acceptedCategories.includes(party.category)) out.push('site refuses the category');
  const members = s.rooms.flatMap((r) => r.members).sort();
  if (JSON.stringify(members) !== JSON.stringify(party.members.map((_, i) => i))) {
    out.push('not every member placed exactly once');
  }
  if (party.shareRoom && s.rooms.length !== 1) out.push('a sharing party split over rooms');
  if (new Set(s.rooms.map((r) => r.roomId)).size !== s.rooms.length) out.push('room used twice');
  for (const assigned of s.rooms) {
    const room = rooms.find((r) => r.id === assigned.roomId)!;
    if (room.siteId !== s.siteId || room.floor !== s.floor) out.push('room off the floor');
    if (room.status !== 'available') out.push(`room ${room.id} is ${room.status}`);
    if (room.beds < assigned.members.length) out.push(`room ${room.id} too small`);
    const needsWheelchair = assigned.members.some((m) =>
      party.members[m].needs.includes('wheelchair'),
    );
    if (needsWheelchair && !room.accessible) out.push(`room ${room.id} not accessible`);
    const gap = policy.cleaningNights;
    for (const b of bookings) {
      const sameFloor = rooms.some(
        (r) => r.id === b.roomId && r.siteId === room.siteId && r.floor === room.floor,
      );
      if (
        b.roomId === room.id &&
        rangesOverlap(
          b.start,
          addDays(b.end, gap),
          party.entryDate,
          addDays(party.releaseDate, gap),
        )
      ) {
        out.push(`room ${room.id} is not free (or not cleaned) for those nights`);
      }
      if (
        policy.oneCategoryPerFloor &&
        sameFloor &&
        b.category !== party.category &&
        rangesOverlap(b.start, b.end, party.entryDate, party.releaseDate)
      ) {
        out.push(`floor of room ${room.id} holds ${b.category}`);
      }
    }
  }
  return out;
}

const scenarioArb = fc
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
    const request: PartyRequest = {
      category: party.category,
      shareRoom: party.shareRoom,
      members: party.members,
      origin: party.origin,
      entryDate: addDays(BASE, party.entryOffset),
      releaseDate: addDays(BASE, party.entryOffset + party.nights),
      allowStandby: party.allowStandby,
      partyId: 5000,
    };
    return {
      sites,
      rooms,
      bookings: consistentBookings(rooms, raw, policy),
      party: request,
      policy,
    };
  });

describe('allocation engine properties', function () {
  this.timeout(60_000);

  it('offers only placements that satisfy every hard constraint', () => {
    fc.assert(
      fc.property(scenarioArb, ({ sites, rooms, bookings, party, policy }) => {
        const result = suggest({ sites, rooms, bookings, party, policy, limit: 50 });
        for (const s of result.suggestions) {
          expect(constraintViolations(s, sites, rooms, bookings, party, policy)).to.deep.equal([]);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('never breaks an invariant when the top suggestion is taken', () => {
    fc.assert(
      fc.property(scenarioArb, ({ sites, rooms, bookings, party, policy }) => {
        const [top] = suggest({ sites, rooms, bookings, party, policy }).suggestions;
        if (!top) return;
        const placed: BookingSnapshot[] = top.rooms.map((r) => ({
          roomId: r.roomId,
          partyId: 5000,
          category: party.category,
          start: party.entryDate,
          end: party.releaseDate,
          people: r.members.length,
        }));
        expect(invariantViolations(rooms, [...bookings, ...placed], policy)).to.deep.equal([]);
      }),
      { numRuns: 400 },
    );
  });

  it('gives scores that are the sum of their terms, best first, the same for any input order', () => {
    fc.assert(
      fc.property(scenarioArb, ({ sites, rooms, bookings, party, policy }) => {
        const result = suggest({ sites, rooms, bookings, party, policy, limit: 50 });
        result.suggestions.forEach((s, i) => {
          const sum = SCORE_TERMS.reduce((acc, t) => acc + s.terms[t], 0);
          expect(s.score).to.be.closeTo(sum, 1e-9);
          if (i > 0) expect(result.suggestions[i - 1].score).to.be.at.least(s.score);
        });
        const shuffled = suggest({
          sites: [...sites].reverse(),
          rooms: [...rooms].reverse(),
          bookings: [...bookings].reverse(),
          party,
          policy,
          limit: 50,
        });
        expect(shuffled.suggestions).to.deep.equal(result.suggestions);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps as its top few exactly the first few of the full ranking', () => {
    fc.assert(
      fc.property(scenarioArb, fc.integer({ min: 1, max: 4 }), (scenario, limit) => {
        const all = suggest({ ...scenario, limit: 10_000 }).suggestions;
        expect(suggest({ ...scenario, limit }).suggestions).to.deep.equal(all.slice(0, limit));
      }),
    );
  });

  it('generates scenarios that mostly have something to suggest (the properties are not vacuous)', () => {
    const samples = fc.sample(scenarioArb, { numRuns: 300, seed: 42 });
    const withSuggestions = samples.filter(
      (s) => suggest({ ...s, limit: 1 }).suggestions.length > 0,
    ).length;
    expect(withSuggestions).to.be.greaterThan(100);
  });

  it('names a failed constraint whenever it suggests nothing', () => {
    fc.assert(
      fc.property(scenarioArb, ({ sites, rooms, bookings, party, policy }) => {
        const result = suggest({ sites, rooms, bookings, party, policy });
        if (result.suggestions.length === 0) expect(result.mostCommonFailure).to.be.a('string');
      }),
      { numRuns: 200 },
    );
  });
});
