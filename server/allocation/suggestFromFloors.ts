/**
 * The engine over rooms arranged by site and floor (roomIndex.ts): the same result as walking
 * every room (suggest.ts), found without visiting most of them. At province scale a party has a
 * few thousand feasible rooms among 45,000, and only the best few become suggestions.
 *
 * - A site that is not open, or does not take the category, rejects all its rooms at once.
 * - On a floor, rooms out of service, too small or (for a wheelchair) not accessible are counted
 *   from the floor's order by beds, not visited; the floor's bookings, read once, give the rooms
 *   they block and the categories on the floor.
 * - For one unit the score on a floor depends only on the room's beds: the floor is read from its
 *   smallest rooms up, and a group of equal beds is left as soon as one cannot enter the best few
 *   (the rest of the group has the same score and higher ids).
 */
import { categoryBit, nightWindow } from './constraints';
import { bestRunOnFloor, floorStats, ranking, type Rejections, type SuggestBase } from './ranking';
import type { FloorRooms, SiteRooms } from './roomIndex';
import type { RoomSnapshot, SiteSnapshot, SuggestResult } from './types';

/** Rooms and bookings arranged by site and floor, kept between requests. */
export interface FloorsInput extends SuggestBase {
  /** Every room the engine may consider, by site and floor, with the bookings that hold them. */
  floors: readonly SiteRooms[];
}

export function suggestFromFloors(input: FloorsInput): SuggestResult {
  const { sites, party, policy } = input;
  const limit = input.limit ?? 5;
  const siteById = new Map(sites.map((s) => [s.id, s]));
  const partySize = party.members.length;
  const grouped = !party.shareRoom && partySize > 1;
  const window = nightWindow(party.entryDate, party.releaseDate, policy.cleaningNights);
  // A household in separate rooms is checked room by room as units of one, without needs: whose
  // needs go where is decided per floor (bestRunOnFloor).
  const unitSize = grouped ? 1 : partySize;
  const wheelchair = !grouped && party.members.some((m) => m.needs.includes('wheelchair'));
  const otherCategories = policy.oneCategoryPerFloor ? ~categoryBit(party.category) : 0;
  // The party's own bookings are left out (a move re-places a party that holds nights).
  const skipParty = party.partyId;
  const everyone = party.members.map((_, i) => i);

  const rejections: Rejections = {};
  const reject = (c: keyof Rejections, n: number) => {
    if (n > 0) rejections[c] = (rejections[c] ?? 0) + n;
  };
  const rank = ranking(input);
  let feasibleRooms = 0;
  // Ids of the candidate rooms a booking blocks on the floor at hand (a few; reused).
  const blocked: number[] = [];
  const isCandidate = (room: RoomSnapshot) =>
    room.status === 'available' && room.beds >= unitSize && (!wheelchair || room.accessible);

  // Rooms by beds, smallest first: the floor's own ranking for one unit.
  const scoreFloor = (site: SiteSnapshot, floor: FloorRooms, from: number): void => {
    const stats = floorStats(floor.bookings, skipParty, window, party.entryDate);
    const { available } = floor;
    let groupBeds = -1;
    let score = 0;
    let groupClosed = false;
    for (let i = from; i < available.length; i++) {
      const room = available[i];
      if (room.beds !== groupBeds) {
        groupBeds = room.beds;
        score = rank.roomScore(site, stats, room.beds);
        groupClosed = false;
      } else if (groupClosed) continue;
      if (wheelchair && !room.accessible) continue;
      if (blocked.includes(room.id)) continue;
      if (!rank.mayEnter(score, site.id, floor.floor, room.id)) {
        groupClosed = true;
        continue;
      }
      rank.consider(
        rank.option(
          site,
          floor.floor,
          stats,
          [{ roomId: room.id, number: room.number, members: everyone }],
          [room.beds],
          0,
        ),
      );
    }
  };

  for (const siteRooms of input.floors) {
    const site = siteById.get(siteRooms.siteId);
    if (!site || !(site.status === 'active' || (site.status === 'standby' && party.allowStandby))) {
      reject('siteStatus', siteRooms.roomCount);
      continue;
    }
    if (!site.acceptedCategories.includes(party.category)) {
      reject('siteCategory', siteRooms.roomCount);
      continue;
    }
    for (const floor of siteRooms.floors) {
      const { available } = floor;
      reject('roomStatus', floor.rooms.length - available.length);
      let from = 0;
      while (from < available.length && available[from].beds < unitSize) from++;
      reject('beds', from);
      const inaccessible = wheelchair ? floor.inaccessibleFrom[from] : 0;
      reject('needs', inaccessible);
      let candidates = available.length - from - inaccessible;
      if (candidates === 0) continue;

      blocked.length = 0;
      let categories = 0;
      const { bookings, bookingRoomAt } = floor;
      for (let i = 0; i < bookings.length; i++) {
        const b = bookings[i];
        if (b.partyId === skipParty) continue;
        if (b.start < window.blockedBefore && b.end > window.blockedAfter) {
          const room = floor.rooms[bookingRoomAt[i]];
          if (isCandidate(room) && !blocked.includes(room.id)) blocked.push(room.id);
        }
        if (b.start < window.release && window.entry < b.end) categories |= categoryBit(b.category);
      }
      reject('nights', blocked.length);
      candidates -= blocked.length;
      if (candidates === 0) continue;
      if (categories & otherCategories) {
        reject('floorCategory', candidates);
        continue;
      }
      feasibleRooms += candidates;

      if (grouped) {
        const feasible: RoomSnapshot[] = [];
        const positions: number[] = [];
        floor.rooms.forEach((room, position) => {
          if (isCandidate(room) && !blocked.includes(room.id)) {
            feasible.push(room);
            positions.push(position);
          }
        });
        const run = bestRunOnFloor(feasible, positions, party);
        if (typeof run === 'string') {
          reject(run, feasible.length);
          continue;
        }
        const stats = floorStats(floor.bookings, skipParty, window, party.entryDate);
        rank.consider(rank.option(site, floor.floor, stats, run.assigned, run.beds, run.span));
        continue;
      }
      if (limit <= 0) continue;
      scoreFloor(site, floor, from);
    }
  }
  return rank.result(feasibleRooms, rejections);
}
