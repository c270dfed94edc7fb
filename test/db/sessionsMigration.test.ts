import { expect } from 'chai';
import { QueryTypes, type Sequelize } from 'sequelize';
import { createMigrator } from '../../server/db/migrator';
import { createSequelize, prepareConnection } from '../../server/db/sequelize';
import { scratchDatabase } from '../setup/scratchDatabase';

const MIGRATION = '20261129010000-create-sessions-and-login-failures.ts';

async function tables(sequelize: Sequelize): Promise<string[]> {
  const all = (await sequelize.getQueryInterface().showAllTables()) as unknown[];
  return all.map((t) => (typeof t === 'string' ? t : (t as { tableName: string }).tableName));
}

describe('migration: sessions and login failures', function () {
  this.timeout(120_000);

  it('creates both tables, cascades a deleted user to their sessions, and migrates down', async () => {
    const { url, cleanup } = await scratchDatabase('auth_migration');
    const sequelize = createSequelize(url);
    try {
      await prepareConnection(sequelize);
      const migrator = createMigrator(sequelize, { quiet: true });
      await migrator.up();
      expect(await tables(sequelize)).to.include.members(['sessions', 'login_failures']);
      const described = await sequelize.getQueryInterface().describeTable('sessions');
      expect(Object.keys(described)).to.have.members([
        'id',
        'userId',
        'createdAt',
        'lastSeenAt',
        'expiresAt',
        'revokedAt',
        'ip',
        'userAgent',
      ]);
      const insert = (sql: string) => sequelize.query(sql, { type: QueryTypes.INSERT });
      const now = "'2026-11-29 00:00:00'";
      await insert(
        `INSERT INTO users (username, displayName, passwordHash, role, createdAt, updatedAt)
         VALUES ('u1', 'U', 'x', 'admin', ${now}, ${now})`,
      );
      await insert(
        `INSERT INTO sessions (id, userId, createdAt, lastSeenAt, expiresAt)
         VALUES ('${'a'.repeat(64)}', 1, ${now}, ${now}, ${now})`,
      );
      await insert(
        `INSERT INTO login_failures (\`key\`, failures, firstAt) VALUES ('user:u1', 1, ${now})`,
      );
      let duplicate = false;
      try {
        await insert(
          `INSERT INTO login_failures (\`key\`, failures, firstAt) VALUES ('user:u1', 2, ${now})`,
        );
      } catch {
        duplicate = true;
      }
      expect(duplicate, 'the key is unique').to.equal(true);
      await sequelize.query('DELETE FROM users');
      const [row] = await sequelize.query<{ n: number | string }>(
        'SELECT COUNT(*) AS n FROM sessions',
        { type: QueryTypes.SELECT },
      );
      expect(Number(row.n)).to.equal(0);

      await migrator.down({ to: MIGRATION });
      const left = await tables(sequelize);
      expect(left).not.to.include('sessions');
      expect(left).not.to.include('login_failures');
      expect(left).to.include('users');
      await migrator.up();
      expect(await tables(sequelize)).to.include.members(['sessions', 'login_failures']);
    } finally {
      await sequelize.close();
      await cleanup();
    }
  });
});
