import { expect } from 'chai';
import { QueryTypes } from 'sequelize';
import { createMigrator } from '../../server/db/migrator';
import { createSequelize, prepareConnection } from '../../server/db/sequelize';
import { scratchDatabase } from '../setup/scratchDatabase';

const MIGRATION = '20261201000000-add-sites-occupancy-version.ts';

describe('migration: sites.occupancyVersion', function () {
  this.timeout(120_000);

  it('adds the column at 0 for existing sites, and migrates down keeping sites and rooms', async () => {
    const { url, cleanup } = await scratchDatabase('version_migration');
    const sequelize = createSequelize(url);
    try {
      await prepareConnection(sequelize);
      const migrator = createMigrator(sequelize, { quiet: true });
      const earlier = (await migrator.pending()).map((m) => m.name).filter((n) => n < MIGRATION);
      await migrator.up({ to: earlier.at(-1) });
      const now = "'2026-11-29 00:00:00'";
      await sequelize.query(
        `INSERT INTO sites (code, name, district, address, latitude, longitude, kind, status, acceptedCategories, createdAt, updatedAt)
         VALUES ('S1', 'Site', '410105', 'Road', 34.8, 113.6, 'hotel', 'active', '[]', ${now}, ${now})`,
      );
      await sequelize.query(
        `INSERT INTO rooms (siteId, number, floor, beds, \`accessible\`, family, status, version, statusChangedAt, createdAt, updatedAt)
         SELECT id, '101', 1, 2, 0, 0, 'available', 0, ${now}, ${now}, ${now} FROM sites`,
      );

      await migrator.up({ to: MIGRATION });
      const select = () =>
        sequelize.query<{ occupancyVersion: number | string }>(
          'SELECT occupancyVersion FROM sites',
          { type: QueryTypes.SELECT },
        );
      expect((await select()).map((r) => Number(r.occupancyVersion))).to.deep.equal([0]);
      const described = await sequelize.getQueryInterface().describeTable('sites');
      expect(described.occupancyVersion).to.include({ allowNull: false });
      await sequelize.query('UPDATE sites SET occupancyVersion = occupancyVersion + 1');
      expect((await select()).map((r) => Number(r.occupancyVersion))).to.deep.equal([1]);

      await migrator.down({ to: MIGRATION });
      const after = await sequelize.getQueryInterface().describeTable('sites');
      expect(after).not.to.have.property('occupancyVersion');
      const count = async (table: string) =>
        Number(
          (
            await sequelize.query<{ n: number | string }>(`SELECT COUNT(*) AS n FROM ${table}`, {
              type: QueryTypes.SELECT,
            })
          )[0].n,
        );
      expect(await count('sites')).to.equal(1);
      expect(await count('rooms')).to.equal(1);

      await migrator.up();
      expect((await select()).map((r) => Number(r.occupancyVersion))).to.deep.equal([0]);
    } finally {
      await sequelize.close();
      await cleanup();
    }
  });
});
