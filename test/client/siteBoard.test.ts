import { expect } from 'chai';
import type { BoardStayDto } from '../../shared/boardDto';
import type { RoomWithOccupancyDto } from '../../shared/dto';
import { groupByFloor } from '../../client/src/siteBoard/floors';
import {
  canCheckIn,
  dueTests,
  mayCareForSite,
  mayMove,
  releaseKind,
  roomAction,
} from '../../client/src/siteBoard/stayRules';

const room = (
  number: string,
  floor: number,
  state: RoomWithOccupancyDto['state'] = 'free',
): RoomWithOccupancyDto => ({
  id: Number(number),
  siteId: 1,
  number,
  floor,
  beds: 1,
  accessible: false,
  family: false,
  status: state === 'cleaning' || state === 'out_of_service' ? state : 'available',
  statusChangedAt: '2026-11-29T00:00:00.000Z',
  occupants: state === 'occupied' ? 1 : 0,
  category: null,
  state,
});

const stay = (attrs: Partial<BoardStayDto>): BoardStayDto => ({
  stayId: 1,
  partyId: 1,
  roomId: 1,
  roomNumber: '201',
  floor: 2,
  status: 'checked_in',
  entryDate: '2026-11-20',
  plannedReleaseDate: '2026-12-04',
  checkedInAt: null,
  person: {
    id: 1,
    fullName: 'Li Na',
    idNumber: null,
    phone: null,
    sex: 'female',
    birthYear: 1985,
    category: 'close_contact',
    needs: [],
  },
  tests: [],
  ...attrs,
});

describe('site board helpers', () => {
  it('groups rooms by floor, top floor first, rooms in numeric order, with state counts', () => {
    const floors = groupByFloor([
      room('1203', 12, 'occupied'),
      room('203', 2, 'cleaning'),
      room('1201', 12),
      room('210', 2),
      room('209', 2, 'occupied'),
    ]);
    expect(floors.map((f) => [f.floor, f.rooms.map((r) => r.number)])).to.deep.equal([
      [12, ['1201', '1203']],
      [2, ['203', '209', '210']],
    ]);
    expect(floors[1].counts).to.deep.equal({
      free: 1,
      reserved: 0,
      occupied: 1,
      cleaning: 1,
      out_of_service: 0,
    });
    expect(groupByFloor([])).to.deep.equal([]);
  });

  it('offers check-in from the entry day, and release as normal or early by the planned day', () => {
    const today = '2026-11-29';
    expect(canCheckIn(stay({ status: 'reserved', entryDate: today }), today)).to.equal(true);
    expect(canCheckIn(stay({ status: 'in_transit', entryDate: '2026-11-28' }), today)).to.equal(
      true,
    );
    expect(canCheckIn(stay({ status: 'reserved', entryDate: '2026-11-30' }), today)).to.equal(
      false,
    );
    expect(canCheckIn(stay({ status: 'checked_in' }), today)).to.equal(false);
    expect(releaseKind(stay({ plannedReleaseDate: today }), today)).to.equal('normal');
    expect(releaseKind(stay({ plannedReleaseDate: '2026-11-27' }), today)).to.equal('normal');
    expect(releaseKind(stay({ plannedReleaseDate: '2026-12-01' }), today)).to.equal('early');
    expect(releaseKind(stay({ status: 'reserved' }), today)).to.equal('none');
  });

  it('lists the tests due today or overdue and not yet sampled', () => {
    const test = (id: number, dueDate: string, extra: object = {}) => ({
      id,
      day: id,
      dueDate,
      result: 'pending' as const,
      sampledAt: null,
      ...extra,
    });
    const tests = [
      test(1, '2026-11-26', { result: 'negative' }),
      test(4, '2026-11-29'),
      test(5, '2026-11-28'),
      test(6, '2026-11-29', { sampledAt: '2026-11-29T01:00:00.000Z' }),
      test(7, '2026-12-02'),
    ];
    expect(dueTests(stay({ tests }), '2026-11-29').map((t) => t.day)).to.deep.equal([4, 5]);
  });

  it('offers the one room change a state allows, to those who care for the site', () => {
    expect(roomAction(room('1', 1, 'cleaning'))).to.equal('cleaned');
    expect(roomAction(room('1', 1, 'out_of_service'))).to.equal('back-in-service');
    expect(roomAction(room('1', 1, 'free'))).to.equal('out-of-service');
    expect(roomAction(room('1', 1, 'occupied'))).to.equal(null);
    expect(roomAction(room('1', 1, 'reserved'))).to.equal(null);
    expect(
      ['admin', 'official', 'site_manager', 'transport'].map((r) => mayCareForSite(r as never)),
    ).to.deep.equal([true, false, true, false]);
    expect(mayMove('official')).to.equal(true);
    expect(mayMove('transport')).to.equal(false);
  });
});
