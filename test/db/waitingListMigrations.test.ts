import { expect } from 'chai';
import { QueryTypes, type Sequelize } from 'sequelize';
import { createMigrator } from '../../server/db/migrator';
import { createSequelize, prepareConnection } from '../../server/db/sequelize';
import { scratchDatabase } from '../setup/scratchDatabase';

const DRAINS = '20261210000000-create-waiting-list-drains.ts';
const EXPIRED = '20261210010000-allow-expired-waiting-entries.ts';
const NOW = "'2026-11-29 00:00:00'";

async function rows<T extends object>(sequelize: Sequelize, sql: string): Promise<T[]> {
  return sequelize.query<T>(sql, { type: QueryTypes.SELECT });
}

async function refused(work: Promise<unknown>): Promise<boolean> {
  try {
    await work;
    return false;
  } catch {
    return true;
  }
}

describe('migrations: the waiting list drain claim and expired entries', function () {
  this.timeout(120_000);

  it('add the claim row and the expired status, keep entries and indexes, and migrate down', async () => {
    const { url, cleanup } = await scratchDatabase('waiting_migrations');
    const sequelize = createSequelize(url);
    try {
      await prepareConnection(sequelize);
      const migrator = createMigrator(sequelize, { quiet: true });
      const earlier = (await migrator.pending()).map((m) => m.name).filter((n) => n < DRAINS);
      await migrator.up({ to: earlier.at(-1) });
      for (const id of [1, 2]) {
        await sequelize.query(
          `INSERT INTO parties (id, category, shareRoom, createdAt, updatedAt)
           VALUES (${id}, 'close_contact', 0, ${NOW}, ${NOW})`,
        );
      }
      await sequelize.query(
        `INSERT INTO waiting_entries (partyId, category, priority, status, reason, queuedAt, createdAt, updatedAt)
         VALUES (1, 'close_contact', 1, 'waiting', 'No room fits.', ${NOW}, ${NOW}, ${NOW})`,
      );
      const setStatus = (status: string) =>
        sequelize.query(`UPDATE waiting_entries SET status = '${status}' WHERE partyId = 1`);
      expect(await refused(setStatus('expired'))).to.equal(true);

      await migrator.up({ to: EXPIRED });
      const [claim] = await rows<{ id: number; holder: string | null; rerun: number | boolean }>(
        sequelize,
        'SELECT id, holder, rerun FROM waiting_list_drains',
      );
      expect([Number(claim.id), claim.holder, Number(claim.rerun)]).to.deep.equal([1, null, 0]);
      await setStatus('expired');
      expect(await refused(setStatus('gone'))).to.equal(true);
      // The rest of the table as it was: the entry, its unique party and the queue's index.
      const duplicate = sequelize.query(
        `INSERT INTO waiting_entries (partyId, category, priority, queuedAt, createdAt, updatedAt)
         VALUES (1, 'close_contact', 1, ${NOW}, ${NOW}, ${NOW})`,
      );
      expect(await refused(duplicate)).to.equal(true);
      const indexes = (await sequelize.getQueryInterface().showIndex('waiting_entries')) as {
        name: string;
      }[];
      expect(indexes.map((i) => i.name)).to.include('waiting_entries_queue');
      await sequelize.query(
        `INSERT INTO waiting_entries (partyId, category, priority, queuedAt, createdAt, updatedAt)
         VALUES (2, 'close_contact', 1, ${NOW}, ${NOW}, ${NOW})`,
      );

      await migrator.down({ to: EXPIRED });
      const statuses = await rows<{ partyId: number; status: string }>(
        sequelize,
        'SELECT partyId, status FROM waiting_entries ORDER BY partyId',
      );
      expect(statuses.map((r) => [Number(r.partyId), r.status])).to.deep.equal([
        [1, 'cancelled'],
        [2, 'waiting'],
      ]);
      expect(await refused(setStatus('expired'))).to.equal(true);
      await migrator.down({ to: DRAINS });
      const tables = (await sequelize.getQueryInterface().showAllTables()) as unknown[];
      expect(
        tables.map((t) => (typeof t === 'string' ? t : (t as { tableName: string }).tableName)),
      ).not.to.include('waiting_list_drains');

      await migrator.up();
      await setStatus('expired');
    } finally {
      await sequelize.close();
      await cleanup();
    }
  });
});
