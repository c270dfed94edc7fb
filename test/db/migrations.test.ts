import { expect } from 'chai';
import { QueryTypes } from 'sequelize';
import { createMigrator } from '../../server/db/migrator';
import { createSequelize } from '../../server/db/sequelize';
import { scratchDatabase } from '../setup/scratchDatabase';

async function tableNames(sequelize: ReturnType<typeof createSequelize>): Promise<string[]> {
  const tables = (await sequelize.getQueryInterface().showAllTables()) as unknown[];
  return tables
    .map((t) => (typeof t === 'string' ? t : (t as { tableName: string }).tableName))
    .filter((t) => t !== 'SequelizeMeta' && t !== 'sqlite_sequence')
    .sort();
}

describe('migrations', function () {
  this.timeout(120_000);

  it('run up, down to nothing, and up again', async () => {
    const { url, cleanup } = await scratchDatabase('migrations');
    const sequelize = createSequelize(url);
    try {
      const migrator = createMigrator(sequelize, { quiet: true });
      await migrator.up();
      const created = await tableNames(sequelize);
      expect(created).to.include.members(['sites', 'rooms', 'stays', 'persons', 'audit_events']);
      expect(created).to.include.members(['sessions', 'login_failures']);
      await migrator.down({ to: 0 });
      expect(await tableNames(sequelize)).to.deep.equal([]);
      await migrator.up();
      expect(await tableNames(sequelize)).to.deep.equal(created);
    } finally {
      await sequelize.close();
      await cleanup();
    }
  });

  it('let the database itself refuse values outside an enum, non-positive beds and a second current stay', async () => {
    const { url, cleanup } = await scratchDatabase('migrations');
    const sequelize = createSequelize(url);
    const insert = (sql: string) => sequelize.query(sql, { type: QueryTypes.INSERT });
    try {
      await createMigrator(sequelize, { quiet: true }).up();
      const now = "'2026-11-29 00:00:00'";
      await insert(
        `INSERT INTO sites (code, name, district, address, latitude, longitude, kind, status, acceptedCategories, createdAt, updatedAt)
         VALUES ('S1', 'S', '410105', 'a', 1, 1, 'hotel', 'active', '[]', ${now}, ${now})`,
      );
      const badSite = insert(
        `INSERT INTO sites (code, name, district, address, latitude, longitude, kind, status, acceptedCategories, createdAt, updatedAt)
         VALUES ('S2', 'S', '410105', 'a', 1, 1, 'castle', 'active', '[]', ${now}, ${now})`,
      );
      await expectRejected(badSite);
      const zeroBeds = insert(
        `INSERT INTO rooms (siteId, number, floor, beds, status, statusChangedAt, createdAt, updatedAt)
         VALUES (1, '101', 1, 0, 'available', ${now}, ${now}, ${now})`,
      );
      await expectRejected(zeroBeds);
      await insert(
        `INSERT INTO rooms (siteId, number, floor, beds, status, statusChangedAt, createdAt, updatedAt)
         VALUES (1, '101', 1, 2, 'available', ${now}, ${now}, ${now})`,
      );
      await insert(
        `INSERT INTO persons (fullName, sex, category, exposureDate, needs, createdAt, updatedAt)
         VALUES ('P', 'female', 'close_contact', '2026-11-27', '[]', ${now}, ${now})`,
      );
      await insert(
        `INSERT INTO parties (category, shareRoom, createdAt, updatedAt) VALUES ('close_contact', 0, ${now}, ${now})`,
      );
      const stay = (id: number) =>
        insert(
          `INSERT INTO stays (id, personId, partyId, roomId, entryDate, plannedReleaseDate, status, activePersonId, createdAt, updatedAt)
           VALUES (${id}, 1, 1, 1, '2026-11-28', '2026-12-11', 'checked_in', 1, ${now}, ${now})`,
        );
      await stay(1);
      await expectRejected(stay(2));
    } finally {
      await sequelize.close();
      await cleanup();
    }
  });
});

async function expectRejected(promise: Promise<unknown>): Promise<void> {
  let failed = false;
  try {
    await promise;
  } catch {
    failed = true;
  }
  expect(failed, 'the database should have refused the row').to.equal(true);
}
