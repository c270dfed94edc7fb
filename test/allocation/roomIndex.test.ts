/**
 * The engine over rooms arranged by site and floor (server/allocation/roomIndex.ts, kept between
 * requests by the city snapshot) must give exactly what walking every room gives: the same
 * suggestions, scores, order, feasible count and rejections.
 */
import { expect } from 'chai';
import fc from 'fast-check';
import { indexRooms, indexSiteRooms, withBookings } from '../../server/allocation/roomIndex';
import { suggest } from '../../server/allocation/suggest';
import { partyArb, scenarioArb, toRequest } from './scenarios';
import { suggestByWalk } from './walkOracle';

/**
 * A scenario, sometimes with a site left out of `sites` and a party that holds nights (a move),
 * and more parties asked about the same kept index afterwards (what is remembered per site and
 * kind of request must hold for the next one).
 */
const variedArb = fc.record({
  scenario: scenarioArb,
  limit: fc.integer({ min: 0, max: 30 }),
  dropSite: fc.option(fc.integer({ min: 1, max: 3 })),
  holdsNights: fc.boolean(),
  later: fc.array(fc.record({ party: partyArb, holdsNights: fc.boolean() }), { maxLength: 4 }),
});

describe('room index by site and floor', function () {
  this.timeout(60_000);

  it('gives exactly the result of walking every room, for random cities and parties', () => {
    fc.assert(
      fc.property(variedArb, ({ scenario, limit, dropSite, holdsNights, later }) => {
        const { rooms, bookings, policy } = scenario;
        const sites = scenario.sites.filter((s) => s.id !== dropSite);
        const floors = indexRooms(rooms, bookings);
        const parties = [
          { party: scenario.party, holdsNights },
          { party: scenario.party, holdsNights: !holdsNights },
          { party: scenario.party, holdsNights },
          ...later.map((l) => ({ party: toRequest(l.party), holdsNights: l.holdsNights })),
        ];
        for (const asked of parties) {
          const party =
            asked.holdsNights && bookings.length
              ? { ...asked.party, partyId: bookings[0].partyId }
              : asked.party;
          const walked = suggestByWalk({ sites, rooms, bookings, party, policy, limit });
          const indexed = suggest({ sites, floors, party, policy, limit });
          expect(indexed).to.deep.equal(walked);
          // The same text on the wire, key order included.
          expect(JSON.stringify(indexed)).to.equal(JSON.stringify(walked));
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('gives the same result for bookings filed later as for the same bookings indexed at once', () => {
    fc.assert(
      fc.property(scenarioArb, fc.nat(), ({ sites, rooms, bookings, party, policy }, cut) => {
        const at = bookings.length ? cut % (bookings.length + 1) : 0;
        const filed = indexRooms(rooms, bookings.slice(0, at)).map((site) =>
          withBookings(site, bookings.slice(at)),
        );
        const atOnce = indexRooms(rooms, bookings);
        expect(suggest({ sites, floors: filed, party, policy, limit: 10 })).to.deep.equal(
          suggest({ sites, floors: atOnce, party, policy, limit: 10 }),
        );
      }),
      { numRuns: 300 },
    );
  });

  it('orders each floor by room number for households, by beds then id for one unit, with its bookings', () => {
    const room = (id: number, number: string, beds: number, status = 'available' as const) => ({
      id,
      siteId: 1,
      floor: 2,
      number,
      beds,
      accessible: id % 2 === 0,
      family: false,
      status,
    });
    const site = indexSiteRooms(
      1,
      [room(4, '110', 2), room(3, '98', 1), room(2, '101', 1), room(1, '1001', 3)],
      [
        {
          roomId: 2,
          partyId: 7,
          category: 'close_contact',
          start: '2026-11-29',
          end: '2026-12-06',
          people: 1,
        },
      ],
    );
    const [floor] = site.floors;
    expect(floor.rooms.map((r) => r.number)).to.deep.equal(['98', '101', '110', '1001']);
    expect(floor.byBeds.map((i) => floor.rooms[i].id)).to.deep.equal([2, 3, 4, 1]);
    expect(floor.bookings.map((b) => b.partyId)).to.deep.equal([7]);
    expect([...site.parties]).to.deep.equal([7]);
  });
});
