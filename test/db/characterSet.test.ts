/**
 * Issue 16, point 10: on a database whose default character set is latin1, migrations still
 * leave every table in utf8mb4, so a Chinese site name is stored and read back as written.
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { QueryTypes } from 'sequelize';
import { openDatabase } from '../../server/db/database';
import { dialectOf } from '../../server/db/sequelize';
import { initModels, Site } from '../../server/models';
import { testDatabaseUrl, testDb } from '../setup/db';
import { scratchDatabase } from '../setup/scratchDatabase';

describe('character set (MySQL / MariaDB only: SQLite always stores UTF-8)', function () {
  this.timeout(120_000);

  before(function () {
    if (dialectOf(testDatabaseUrl()) === 'sqlite') this.skip();
  });

  it('migrates a latin1 database to utf8mb4 tables that keep a Chinese site name', async () => {
    const { url, cleanup } = await scratchDatabase('latin1', { characterSet: 'latin1' });
    // Models are module-level: bound to the scratch database here, and back to the test
    // database in `finally`, so the other tests never see the scratch one.
    const db = await openDatabase(url, { quietMigrations: true });
    try {
      await db.migrate();
      const name = '郑州市金水区隔离点 🏨';
      const site = await Site.create({
        code: 'ZZ-1',
        name,
        district: '410105',
        address: '金水路 1 号',
        latitude: 34.8,
        longitude: 113.66,
        kind: 'hotel',
        status: 'active',
        acceptedCategories: ['close_contact'],
        contactName: '王芳',
        contactPhone: null,
        activationLeadHours: null,
      });
      const again = await Site.findByPk(site.id, { rejectOnEmpty: true });
      expect(again.name).to.equal(name);
      expect(again.address).to.equal('金水路 1 号');
      expect(again.contactName).to.equal('王芳');

      const latin = await db.sequelize.query<{ table: string; collation: string }>(
        `SELECT TABLE_NAME AS \`table\`, TABLE_COLLATION AS collation FROM information_schema.TABLES
         WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'BASE TABLE'
           AND TABLE_COLLATION NOT LIKE 'utf8mb4%'`,
        { type: QueryTypes.SELECT },
      );
      expect(latin).to.deep.equal([]);
      const [connection] = await db.sequelize.query<{ client: string; connection: string }>(
        'SELECT @@character_set_client AS client, @@character_set_connection AS connection',
        { type: QueryTypes.SELECT },
      );
      expect(connection).to.deep.equal({ client: 'utf8mb4', connection: 'utf8mb4' });
    } finally {
      await db.close();
      initModels(testDb().sequelize);
      await cleanup();
    }
  });
});

describe('migrations after the utf8mb4 one', () => {
  it('create tables through the shared createTable, which names the character set', () => {
    const dir = path.resolve('server/db/migrations');
    const later = fs
      .readdirSync(dir)
      .filter((file) => file > '20261216000000-tables-in-utf8mb4.ts')
      .filter((file) => /\.createTable\(/.test(fs.readFileSync(path.join(dir, file), 'utf8')));
    expect(later, 'use createTable from server/db/charset.ts').to.deep.equal([]);
  });
});
