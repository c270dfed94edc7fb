import { expect } from 'chai';
import { SCORE_TERMS } from '../../server/allocation/types';
import { booking, party, POLICY, room, site, suggestAmong } from './build';

const run = (input: Partial<Parameters<typeof suggestAmong>[0]>) =>
  suggestAmong({
    sites: [site()],
    rooms: [],
    bookings: [],
    party: party(),
    policy: POLICY,
    ...input,
  });

describe('allocation engine: hard constraints', () => {
  it('refuses a room with fewer beds than a room-sharing party', () => {
    const r = run({
      rooms: [room({ id: 1, beds: 2 })],
      party: party({ shareRoom: true, members: [{ needs: [] }, { needs: [] }, { needs: [] }] }),
    });
    expect(r.suggestions).to.deep.equal([]);
    expect(r.mostCommonFailure).to.equal('beds');
  });

  it('refuses a second party in a room with free beds', () => {
    const r = run({
      rooms: [room({ id: 1, beds: 4, family: true })],
      bookings: [booking({ roomId: 1, people: 1 })],
    });
    expect(r.suggestions).to.deep.equal([]);
    expect(r.rejections.nights).to.equal(1);
  });

  it('keeps the cleaning buffer after a stay, and allows the night after it', () => {
    const rooms = [room({ id: 1 })];
    const endsToday = booking({ roomId: 1, start: '2026-11-15', end: '2026-11-29' });
    expect(run({ rooms, bookings: [endsToday] }).suggestions).to.have.length(0);
    const endedYesterday = booking({ roomId: 1, start: '2026-11-14', end: '2026-11-28' });
    expect(run({ rooms, bookings: [endedYesterday] }).suggestions).to.have.length(1);
    // ... and before the next stay too.
    const startsAtRelease = booking({ roomId: 1, start: '2026-12-11', end: '2026-12-20' });
    expect(run({ rooms, bookings: [startsAtRelease] }).suggestions).to.have.length(0);
  });

  it('offers only accessible rooms to a wheelchair user', () => {
    const r = run({
      rooms: [room({ id: 1 }), room({ id: 2, accessible: true })],
      party: party({ members: [{ needs: ['wheelchair'] }] }),
    });
    expect(r.suggestions.map((s) => s.rooms[0].roomId)).to.deep.equal([2]);
    expect(r.rejections.needs).to.equal(1);
  });

  it('offers a standby site only when the request allows opening it', () => {
    const sites = [site({ id: 1, status: 'standby', occupied: 0 })];
    const rooms = [room({ id: 1 })];
    expect(run({ sites, rooms }).mostCommonFailure).to.equal('siteStatus');
    expect(run({ sites, rooms, party: party({ allowStandby: true }) }).suggestions).to.have.length(
      1,
    );
    const suspended = [site({ id: 1, status: 'suspended' })];
    expect(
      run({ sites: suspended, rooms, party: party({ allowStandby: true }) }).suggestions,
    ).to.have.length(0);
  });

  it('refuses a site that does not accept the category', () => {
    const r = run({
      sites: [site({ acceptedCategories: ['inbound_traveller'] })],
      rooms: [room({ id: 1 })],
    });
    expect(r.mostCommonFailure).to.equal('siteCategory');
  });

  it('never puts close and secondary contacts on one floor, unless the policy allows it', () => {
    const rooms = [room({ id: 1, floor: 3 }), room({ id: 2, floor: 3 })];
    const bookings = [booking({ roomId: 1, category: 'secondary_contact' })];
    expect(run({ rooms, bookings }).mostCommonFailure).to.equal('nights');
    expect(run({ rooms, bookings }).rejections.floorCategory).to.equal(1);
    const relaxed = { ...POLICY, oneCategoryPerFloor: false };
    expect(run({ rooms, bookings, policy: relaxed }).suggestions).to.have.length(1);
  });

  it('refuses rooms that are cleaning or out of service', () => {
    const r = run({ rooms: [room({ status: 'cleaning' }), room({ status: 'out_of_service' })] });
    expect(r.rejections.roomStatus).to.equal(2);
  });
});

describe('allocation engine: ranking', () => {
  it('prefers a single room to a family room for one person (best fit)', () => {
    const r = run({ rooms: [room({ id: 1, beds: 4, family: true }), room({ id: 2, beds: 1 })] });
    expect(r.suggestions[0].rooms[0].roomId).to.equal(2);
    expect(r.suggestions[0].terms.bestFit).to.be.greaterThan(r.suggestions[1].terms.bestFit);
  });

  it('prefers the nearer site, other things equal', () => {
    const sites = [
      site({ id: 1, latitude: 34.4, longitude: 113.74 }),
      site({ id: 2, latitude: 34.8, longitude: 113.66 }),
    ];
    const r = run({ sites, rooms: [room({ id: 1, siteId: 1 }), room({ id: 2, siteId: 2 })] });
    expect(r.suggestions[0].siteId).to.equal(2);
    expect(r.suggestions[0].distanceKm).to.equal(0);
  });

  it('fills a floor already open, with people who arrived about the same time', () => {
    const rooms = [room({ id: 1, floor: 2 }), room({ id: 2, floor: 2 }), room({ id: 3, floor: 5 })];
    const bookings = [booking({ roomId: 1, start: '2026-11-28', end: '2026-12-10' })];
    const r = run({ rooms, bookings });
    expect(r.suggestions[0].rooms[0].roomId).to.equal(2);
    expect(r.suggestions[0].terms.openFirst).to.be.greaterThan(r.suggestions[1].terms.openFirst);
    expect(r.suggestions[0].terms.cohort).to.be.greaterThan(r.suggestions[1].terms.cohort);
  });

  it('keeps a site under its utilization ceiling when another has room', () => {
    const sites = [site({ id: 1, beds: 20, occupied: 19 }), site({ id: 2, beds: 20, occupied: 5 })];
    const r = run({ sites, rooms: [room({ id: 1, siteId: 1 }), room({ id: 2, siteId: 2 })] });
    expect(r.suggestions[0].siteId).to.equal(2);
    expect(r.suggestions[1].terms.utilizationCeiling).to.equal(0);
  });

  it('places a household that does not share in neighbouring rooms on one floor', () => {
    const rooms = [
      room({ id: 1, number: '301', floor: 3 }),
      room({ id: 2, number: '302', floor: 3 }),
      room({ id: 3, number: '303', floor: 3 }),
      room({ id: 4, number: '304', floor: 3 }),
      room({ id: 5, number: '401', floor: 4 }),
    ];
    const bookings = [booking({ roomId: 2 })];
    const r = run({
      rooms,
      bookings,
      party: party({ members: [{ needs: [] }, { needs: ['wheelchair'] }] }),
    });
    // Floor 3 has free rooms but none accessible; floor 4 has too few rooms.
    expect(r.suggestions).to.deep.equal([]);
    expect(r.rejections).to.deep.include({ needs: 3, householdFloor: 1, nights: 1 });
    const accessible = rooms.map((x) => (x.id === 4 ? { ...x, accessible: true } : x));
    const ok = run({
      rooms: accessible,
      bookings,
      party: party({ members: [{ needs: [] }, { needs: ['wheelchair'] }] }),
    });
    expect(ok.suggestions).to.have.length(1);
    expect(ok.suggestions[0].rooms).to.deep.equal([
      { roomId: 3, number: '303', members: [0] },
      { roomId: 4, number: '304', members: [1] },
    ]);
    expect(ok.suggestions[0].terms.householdProximity).to.equal(1);
  });

  it('breaks ties by site, floor and room id, whatever the input order', () => {
    const rooms = [room({ id: 7 }), room({ id: 3 }), room({ id: 5 })];
    const forward = run({ rooms });
    const backward = run({ rooms: [...rooms].reverse() });
    expect(forward.suggestions.map((s) => s.rooms[0].roomId)).to.deep.equal([3, 5, 7]);
    expect(backward).to.deep.equal(forward);
  });

  it('gives every suggestion its score as the sum of named terms', () => {
    const r = run({ rooms: [room({ beds: 2 }), room()] });
    for (const s of r.suggestions) {
      expect(Object.keys(s.terms)).to.deep.equal([...SCORE_TERMS]);
      const sum = SCORE_TERMS.reduce((acc, t) => acc + s.terms[t], 0);
      expect(s.score).to.be.closeTo(sum, 1e-9);
    }
  });
});
