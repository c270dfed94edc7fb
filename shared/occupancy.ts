/**
 * Sums of occupancy, the same on the server (a listing's totals) and in the dashboard (totals
 * kept live from `site.occupancy` messages): counts added, utilization recomputed over the sum.
 */
import type { Occupancy } from './dto';

export function emptyOccupancy(): Occupancy {
  return {
    rooms: 0,
    beds: 0,
    occupied: 0,
    free: 0,
    reserved: 0,
    cleaning: 0,
    outOfService: 0,
    utilization: 0,
  };
}

export function withUtilization(o: Omit<Occupancy, 'utilization'>): Occupancy {
  return {
    ...o,
    utilization: o.beds > 0 ? Math.round((o.occupied / o.beds) * 10_000) / 10_000 : 0,
  };
}

/** Sum of several sites' occupancy, utilization recomputed over the sum. */
export function sumOccupancy(items: Iterable<Occupancy>): Occupancy {
  const total = emptyOccupancy();
  for (const o of items) {
    total.rooms += o.rooms;
    total.beds += o.beds;
    total.occupied += o.occupied;
    total.free += o.free;
    total.reserved += o.reserved;
    total.cleaning += o.cleaning;
    total.outOfService += o.outOfService;
  }
  return withUtilization(total);
}
