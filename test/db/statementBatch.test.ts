import { expect } from 'chai';
import { QueryTypes, UniqueConstraintError } from 'sequelize';
import { inTransaction } from '../../server/db/transaction';
import { StatementBatch } from '../../server/db/statementBatch';
import { Site } from '../../server/models';
import { buildSite } from '../factories';
import { testDb, useTestDatabase } from '../setup/db';

describe('a statement batch', () => {
  useTestDatabase();

  it('runs its statements in order in the transaction and hands each its own result', async () => {
    const { sequelize } = testDb();
    const site = await buildSite({ name: 'Harbour' });
    const { renamed, names, missing } = await inTransaction(sequelize, async (transaction) => {
      const batch = new StatementBatch(sequelize);
      const renamed = batch.write('UPDATE sites SET name = ? WHERE id IN (?)', [
        'Harbour East',
        [site.id, site.id + 1000],
      ]);
      const names = batch.select<{ name: string }>('SELECT name FROM sites WHERE id = ?', [
        site.id,
      ]);
      const missing = batch.select('SELECT id FROM sites WHERE id = ?', [site.id + 1000]);
      await batch.run(transaction);
      return { renamed: renamed.value, names: names.value, missing: missing.value };
    });
    expect(renamed.affectedRows).to.equal(1);
    expect(names).to.deep.equal([{ name: 'Harbour East' }]);
    expect(missing).to.deep.equal([]);
  });

  it('keeps quotes and semicolons in a value as data, never as SQL', async () => {
    const { sequelize } = testDb();
    const site = await buildSite();
    const hostile = "x'; DELETE FROM sites; -- \\' \" ;";
    await inTransaction(sequelize, async (transaction) => {
      const batch = new StatementBatch(sequelize);
      batch.write('UPDATE sites SET name = ? WHERE id = ?', [hostile, site.id]);
      await batch.run(transaction);
    });
    expect(await Site.count()).to.equal(1);
    expect((await Site.findByPk(site.id))!.name).to.equal(hostile);
  });

  it('writes nothing when a later statement fails, and reports a duplicate key as Sequelize does', async () => {
    const { sequelize } = testDb();
    const [a, b] = [await buildSite({ name: 'A' }), await buildSite({ name: 'B' })];
    const attempt = inTransaction(sequelize, async (transaction) => {
      const batch = new StatementBatch(sequelize);
      batch.write('UPDATE sites SET name = ? WHERE id = ?', ['renamed', a.id]);
      batch.write('UPDATE sites SET code = ? WHERE id = ?', [a.code, b.id]);
      await batch.run(transaction);
    });
    const error = await attempt.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).to.be.instanceOf(UniqueConstraintError);
    expect((await Site.findByPk(a.id))!.name).to.equal('A');
  });

  it('writes dates to the millisecond, as the models do', async () => {
    const { sequelize } = testDb();
    const site = await buildSite();
    const at = new Date('2026-11-29T15:41:36.645Z');
    await inTransaction(sequelize, async (transaction) => {
      const batch = new StatementBatch(sequelize);
      batch.write('UPDATE sites SET updatedAt = ? WHERE id = ?', [at, site.id]);
      await batch.run(transaction);
    });
    const [row] = await sequelize.query<{ updatedAt: Date | string }>(
      'SELECT updatedAt FROM sites WHERE id = :id',
      { type: QueryTypes.SELECT, replacements: { id: site.id } },
    );
    const reread = (await Site.findByPk(site.id))!;
    expect(reread.updatedAt.toISOString(), String(row.updatedAt)).to.equal(at.toISOString());
  });

  it('refuses a result read before the batch ran', () => {
    const batch = new StatementBatch(testDb().sequelize);
    const rows = batch.select('SELECT 1 AS one');
    expect(() => rows.value).to.throw(/before the batch ran/);
  });
});
