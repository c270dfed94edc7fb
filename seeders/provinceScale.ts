/**
 * The province at peak (DESIGN §7): 500 sites, 50,000 rooms, 40,000 people in quarantine and
 * 1,000,000 released stays over the previous two years, for measuring queries and the allocator
 * at scale. Same building blocks and rules as the demo city; the present (sites, rooms, current
 * stays, waiting list, users, policy) is one transaction, the history follows in transactions of
 * `roomsPerChunk` rooms each, with a progress line per chunk. `scale` shrinks every count (e.g.
 * 0.01 for a test).
 *
 * Each past stay has its own person (with encrypted ID number and phone: at about 150,000
 * encryptions a second that costs ~13 s of the run, so it is kept) and a one-person party; past
 * stays get no test rows by default (`pastTests`), which would add ~3 million rows nobody reads.
 */
import type { Database } from '../server/db/database';
import { addDays } from '../shared/dates';
import { addPastStays, buildPresent, spread, type SeedOptions, type SeedSummary } from './city';

export const PROVINCE_SIZE = {
  activeSites: 450,
  standbySites: 50,
  rooms: 50_000,
  currentPersons: 40_000,
  pastStays: 1_000_000,
  waiting: 300,
  historyDays: 730,
} as const;

export interface ProvinceOptions extends SeedOptions {
  /** Multiplies every count; 1 is the full province. */
  scale?: number;
  roomsPerChunk?: number;
  pastTests?: boolean;
  onProgress?: (line: string) => void;
}

export async function seedProvince(db: Database, options: ProvinceOptions): Promise<SeedSummary> {
  const started = performance.now();
  const { sequelize } = db;
  const scale = options.scale ?? 1;
  const size = (n: number, min: number) => Math.max(min, Math.round(n * scale));
  const progress = (line: string) =>
    options.onProgress?.(`${((performance.now() - started) / 1000).toFixed(1)} s  ${line}`);
  const present = await sequelize.transaction(async (transaction) => {
    const result = await buildPresent(sequelize, transaction, options, {
      size: {
        activeSites: size(PROVINCE_SIZE.activeSites, 2),
        standbySites: size(PROVINCE_SIZE.standbySites, 1),
        rooms: size(PROVINCE_SIZE.rooms, 1),
        currentPersons: size(PROVINCE_SIZE.currentPersons, 1),
        waiting: [size(PROVINCE_SIZE.waiting, 5), size(PROVINCE_SIZE.waiting, 5)],
      },
      openedOn: addDays(options.today, -PROVINCE_SIZE.historyDays - 30),
    });
    await result.ctx.batch.flush(sequelize, transaction);
    return result;
  });
  const { ctx, rooms } = present;
  const counts = ctx.batch.counts; // accumulates over every flush
  const presentStays = counts.stays;
  progress(
    `present: ${counts.sites} sites, ${counts.rooms} rooms, ${presentStays} stays, ` +
      `${counts.waiting_entries} waiting`,
  );

  const pastStays = size(PROVINCE_SIZE.pastStays, 0);
  const perRoom = spread(ctx.random, pastStays, rooms.length);
  const chunk = options.roomsPerChunk ?? 1000;
  for (let from = 0; from < rooms.length; from += chunk) {
    await sequelize.transaction(async (transaction) => {
      addPastStays(ctx, rooms.slice(from, from + chunk), perRoom.slice(from, from + chunk), {
        horizonDays: PROVINCE_SIZE.historyDays,
        withTests: options.pastTests ?? false,
      });
      await ctx.batch.flush(sequelize, transaction);
    });
    progress(`history: ${counts.stays - presentStays} of ${pastStays} past stays`);
  }
  return { counts, milliseconds: performance.now() - started };
}
