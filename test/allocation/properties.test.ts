/**
 * Property-based tests of the allocation engine: for random cities, bookings and parties, every
 * suggestion satisfies every hard constraint (checked here independently of the engine), taking
 * the top suggestion never breaks an invariant, and the score is the sum of its terms.
 */
import { expect } from 'chai';
import fc from 'fast-check';
import { addDays, rangesOverlap } from '../../shared/dates';
import {
  SCORE_TERMS,
  type AllocationPolicy,
  type BookingSnapshot,
  type PartyRequest,
  type RoomSnapshot,
  type SiteSnapshot,
  type Suggestion,
} from '../../server/allocation/types';
import { suggestAmong as suggest } from './build';
import { invariantViolations, scenarioArb } from './scenarios';

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
