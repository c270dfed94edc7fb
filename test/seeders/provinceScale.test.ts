import { CURRENT_STATUSES_SQL } from '../../server/allocation/rules';
import { expect } from 'chai';
import { seedProvince } from '../../seeders/provinceScale';
import { testDb, useTestDatabase } from '../setup/db';
import { count, NO_VIOLATIONS, ruleViolations } from './checks';

describe('province-scale seed at 1/100 size', () => {
  useTestDatabase();

  it('builds the scaled province in chunks, keeping every rule of DESIGN §4', async function () {
    this.timeout(60_000);
    const db = testDb();
    const progress: string[] = [];
    const summary = await seedProvince(db, {
      seed: 3,
      today: '2026-11-29',
      now: new Date('2026-11-29T03:30:00Z'),
      secret: 'seeder-test-secret-0123456789abcdef',
      scale: 0.01,
      roomsPerChunk: 100,
      onProgress: (line) => progress.push(line),
    });
    expect(await ruleViolations(db)).to.deep.equal(NO_VIOLATIONS);

    expect(summary.counts.sites).to.equal(6); // 5 active (450 × 0.01, rounded) + 1 standby
    expect(summary.counts.rooms).to.equal(500);
    const current = CURRENT_STATUSES_SQL;
    expect(await count(db, `SELECT COUNT(*) AS n FROM stays WHERE status IN ${current}`)).to.equal(
      400,
    );
    const released = await count(db, "SELECT COUNT(*) AS n FROM stays WHERE status = 'released'");
    // 10,000 history stays, plus the ones that just ended in rooms now being cleaned.
    expect(released).to.be.within(10_000, 10_050);
    expect(
      await count(db, "SELECT COUNT(*) AS n FROM stays WHERE entryDate < '2025-01-01'"),
    ).to.be.above(0);
    expect(await count(db, 'SELECT COUNT(*) AS n FROM stays')).to.equal(summary.counts.stays);
    expect(await count(db, 'SELECT COUNT(*) AS n FROM persons')).to.equal(summary.counts.persons);
    expect(await count(db, 'SELECT COUNT(*) AS n FROM users')).to.equal(4);
    expect(progress.length).to.equal(1 + 5); // the present, then one line per 100 rooms
    expect(progress.at(-1)).to.match(/10000 of 10000 past stays/);
  });
});
