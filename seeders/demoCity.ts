/**
 * The demo city (`npm run db:seed`, and `npm start` on an empty database): six districts of
 * Zhengzhou, 30 active and 8 standby sites, about 2,500 rooms, about 1,500 people in quarantine,
 * some history, a short waiting list and one user per role. One transaction: all or nothing.
 * Deterministic: the same seed, today and now give the same rows (AES ciphertexts aside, whose
 * IVs are random by design).
 */
import { QueryTypes } from 'sequelize';
import type { Database } from '../server/db/database';
import { addDays } from '../shared/dates';
import { addPastStays, buildPresent, spread, type SeedOptions, type SeedSummary } from './city';

export { DEMO_LOGINS, type DemoLogin, type SeedSummary } from './city';

export const DEMO_SIZE = {
  districts: 6,
  activeSites: 30,
  standbySites: 8,
  rooms: 2500,
  currentPersons: 1500,
  waiting: [5, 10],
} as const;
const PAST_STAYS = 1200;
const HISTORY_DAYS = 60;

export async function seedDemoCity(db: Database, options: SeedOptions): Promise<SeedSummary> {
  const started = performance.now();
  const { sequelize } = db;
  const counts = await sequelize.transaction(async (transaction) => {
    const { ctx, rooms } = await buildPresent(sequelize, transaction, options, {
      size: DEMO_SIZE,
      openedOn: addDays(options.today, -HISTORY_DAYS - 7),
    });
    addPastStays(ctx, rooms, spread(ctx.random, PAST_STAYS, rooms.length), {
      horizonDays: HISTORY_DAYS,
      withTests: true,
    });
    await ctx.batch.flush(sequelize, transaction);
    return ctx.batch.counts;
  });
  return { counts, milliseconds: performance.now() - started };
}
/** True when no site exists yet: the database has never been seeded (or set up). */
export async function isDatabaseEmpty(db: Database): Promise<boolean> {
  const [row] = await db.sequelize.query<{ n: number | string }>(
    'SELECT COUNT(*) AS n FROM sites',
    { type: QueryTypes.SELECT },
  );
  return Number(row?.n ?? 0) === 0;
}
