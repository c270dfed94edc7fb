import { expect } from 'chai';
import type { Occupancy, SiteListDto, SiteWithOccupancyDto } from '../../shared/dto';
import { sumOccupancy } from '../../shared/occupancy';
import { applyOccupancy } from '../../client/src/overview/liveSites';

const occupancy = (beds: number, occupied: number): Occupancy => ({
  rooms: beds,
  beds,
  occupied,
  free: beds - occupied,
  reserved: 0,
  cleaning: 0,
  outOfService: 0,
  utilization: occupied / beds,
});

const site = (id: number, o: Occupancy) =>
  ({ id, status: 'active', occupancy: o }) as SiteWithOccupancyDto;

const list = (): SiteListDto => {
  const data = [site(1, occupancy(10, 2)), site(2, occupancy(5, 5))];
  return { date: '2026-11-29', data, totals: sumOccupancy(data.map((s) => s.occupancy)) };
};

const message = (siteId: number, version: number, occupied: number) => ({
  siteId,
  version,
  date: '2026-11-29',
  status: 'active' as const,
  occupancy: occupancy(10, occupied),
});

describe('overview: live occupancy messages', () => {
  it('applies a newer version and recomputes the totals', () => {
    const applied = applyOccupancy(list(), new Map(), message(1, 3, 7))!;
    expect(applied.list.data[0].occupancy.occupied).to.equal(7);
    expect(applied.list.totals.occupied).to.equal(12);
    expect(applied.versions.get(1)).to.equal(3);
  });

  it('drops a message whose version is not above the last applied, in any order', () => {
    const first = applyOccupancy(list(), new Map(), message(1, 5, 7))!;
    expect(applyOccupancy(first.list, first.versions, message(1, 5, 9))).to.equal(null);
    expect(applyOccupancy(first.list, first.versions, message(1, 4, 1))).to.equal(null);
    expect(
      applyOccupancy(first.list, first.versions, message(1, 6, 1))!.list.totals.occupied,
    ).to.equal(6);
  });

  it('ignores a site the list does not show', () => {
    expect(applyOccupancy(list(), new Map(), message(99, 1, 1))).to.equal(null);
  });
});
