import { expect } from 'chai';
import { QueryTypes } from 'sequelize';
import {
  committedAhead,
  deferStart,
  endsWithoutServer,
  packTransactions,
  type DeferrableConnection,
} from '../../server/db/packedTransaction';
import { StatementBatch } from '../../server/db/statementBatch';
import { inTransaction } from '../../server/db/transaction';
import { Site } from '../../server/models';
import { buildSite } from '../factories';
import { testDb, useTestDatabase } from '../setup/db';

type Callback = (error: Error | null, results?: unknown, fields?: unknown) => void;

/** A connection that records what reaches the server and answers one result per statement. */
function fakeConnection() {
  const sent: string[] = [];
  const answer = (sql: string, callback: Callback) => {
    sent.push(sql);
    const statements = sql.split(';\n');
    const results = statements.map((s, i) => (s.startsWith('START') ? { ok: i } : [{ row: s }]));
    setImmediate(() =>
      callback(
        null,
        results.length === 1 ? results[0] : results,
        statements.map(() => 'f'),
      ),
    );
  };
  const connection: DeferrableConnection = {
    query: (arg: unknown, callback: unknown) => {
      answer(typeof arg === 'string' ? arg : (arg as { sql: string }).sql, callback as Callback);
      return {};
    },
    execute: (sql: unknown, _params: unknown, callback: unknown) => {
      sent.push(`EXECUTE ${sql as string}`);
      setImmediate(() => (callback as Callback)(null, [{ row: 'prepared' }]));
      return {};
    },
  };
  packTransactions(connection);
  const run = (sql: string) =>
    new Promise<unknown>((resolve, reject) =>
      connection.query({ sql }, (error: Error | null, results: unknown) =>
        error ? reject(error) : resolve(results),
      ),
    );
  const begin = () => deferStart(connection);
  /** What Sequelize's commit or rollback does: ends here, or sends the statement. */
  const end = async (kind: 'commit' | 'rollback') => {
    if (!endsWithoutServer(connection, kind))
      await run(kind === 'commit' ? 'COMMIT;' : 'ROLLBACK;');
  };
  return { connection, sent, run, begin, end };
}

describe('packed transactions (MySQL connections)', () => {
  it('sends START TRANSACTION with the first statement, and gives the caller its own result', async () => {
    const { sent, run, begin, end } = fakeConnection();
    begin();
    expect(sent).to.deep.equal([]);
    expect(await run('SELECT 1')).to.deep.equal([{ row: 'SELECT 1' }]);
    expect(await run('SELECT 2')).to.deep.equal([{ row: 'SELECT 2' }]);
    await end('commit');
    expect(sent).to.deep.equal(['START TRANSACTION;\nSELECT 1', 'SELECT 2', 'COMMIT;']);
  });

  it('hands a batch its own results, one per statement', async () => {
    const { run, begin } = fakeConnection();
    begin();
    expect(await run('SELECT 1;\nSELECT 2')).to.deep.equal([
      [{ row: 'SELECT 1' }],
      [{ row: 'SELECT 2' }],
    ]);
  });

  it('sends nothing for a transaction that ran no statement', async () => {
    const { sent, begin, end } = fakeConnection();
    begin();
    await end('commit');
    begin();
    await end('rollback');
    expect(sent).to.deep.equal([]);
  });

  it('sends the ROLLBACK of a transaction whose START has left', async () => {
    const { sent, run, begin, end } = fakeConnection();
    begin();
    await run('UPDATE t SET a = 1');
    await end('rollback');
    expect(sent).to.deep.equal(['START TRANSACTION;\nUPDATE t SET a = 1', 'ROLLBACK;']);
  });

  it("answers Sequelize's COMMIT itself after a batch that committed", async () => {
    const { connection, sent, run, begin, end } = fakeConnection();
    begin();
    await run('UPDATE t SET a = 1;\nCOMMIT');
    committedAhead(connection);
    await end('commit');
    begin();
    await run('SELECT 1');
    await end('commit');
    expect(sent).to.deep.equal([
      'START TRANSACTION;\nUPDATE t SET a = 1;\nCOMMIT',
      'START TRANSACTION;\nSELECT 1',
      'COMMIT;',
    ]);
  });

  it('sends the START on its own before a prepared statement', async () => {
    const { connection, sent, begin } = fakeConnection();
    begin();
    await new Promise((resolve) => connection.execute('UPDATE t SET a = ?', [1], resolve));
    expect(sent).to.deep.equal(['START TRANSACTION', 'EXECUTE UPDATE t SET a = ?']);
  });

  it('sends START TRANSACTION text as it is (only a transaction Sequelize began is deferred)', async () => {
    const { sent, run } = fakeConnection();
    await run('START TRANSACTION');
    await run('SELECT 1');
    expect(sent).to.deep.equal(['START TRANSACTION', 'SELECT 1']);
  });

  describe('on the test database', () => {
    useTestDatabase();

    it('rolls back a failed transaction whose first statement was a text query or a model write', async () => {
      const { sequelize } = testDb();
      const site = await buildSite({ name: 'Before' });
      const fail = (first: (transaction: never) => Promise<unknown>) =>
        inTransaction(sequelize, async (transaction) => {
          await first(transaction as never);
          throw new Error('stop');
        }).catch((error: Error) => error.message);
      expect(
        await fail((transaction) =>
          sequelize.query('UPDATE sites SET name = :name WHERE id = :id', {
            replacements: { name: 'Text', id: site.id },
            transaction,
          }),
        ),
      ).to.equal('stop');
      expect(
        await fail((transaction) =>
          Site.update({ name: 'Model' }, { where: { id: site.id }, transaction }),
        ),
      ).to.equal('stop');
      expect(
        await fail(async (transaction) => {
          const batch = new StatementBatch(sequelize);
          batch.write('UPDATE sites SET name = ? WHERE id = ?', ['Batch', site.id]);
          await batch.run(transaction);
        }),
      ).to.equal('stop');
      expect((await Site.findByPk(site.id))!.name).to.equal('Before');
    });

    it('commits with a batch that says so, and commits nothing when one of its statements fails', async () => {
      const { sequelize } = testDb();
      const [a, b] = [await buildSite({ name: 'A' }), await buildSite({ name: 'B' })];
      await inTransaction(sequelize, async (transaction) => {
        const batch = new StatementBatch(sequelize);
        batch.write('UPDATE sites SET name = ? WHERE id = ?', ['A2', a.id]);
        await batch.run(transaction, { commit: true });
      });
      expect((await Site.findByPk(a.id))!.name).to.equal('A2');
      const failed = await inTransaction(sequelize, async (transaction) => {
        const batch = new StatementBatch(sequelize);
        batch.write('UPDATE sites SET name = ? WHERE id = ?', ['A3', a.id]);
        batch.write('UPDATE sites SET code = ? WHERE id = ?', [a.code, b.id]);
        await batch.run(transaction, { commit: true });
      }).catch((error: Error) => error.name);
      expect(failed).to.equal('SequelizeUniqueConstraintError');
      expect((await Site.findByPk(a.id))!.name).to.equal('A2');
      // The connection is fine for the next transaction.
      await inTransaction(sequelize, async (transaction) => {
        await Site.update({ name: 'A4' }, { where: { id: a.id }, transaction });
      });
      expect((await Site.findByPk(a.id))!.name).to.equal('A4');
    });

    it('starts and commits a MySQL transaction without a query of its own', async function () {
      const { sequelize } = testDb();
      // SQLite's BEGIN IMMEDIATE takes the write lock: it is sent, on purpose.
      if (sequelize.getDialect() === 'sqlite') this.skip();
      const site = await buildSite({ name: 'Before' });
      const seen: string[] = [];
      const own = sequelize as unknown as { query: (...args: unknown[]) => unknown };
      const query = own.query.bind(sequelize);
      own.query = (...args: unknown[]) => {
        seen.push(String(args[0]));
        return query(...args);
      };
      try {
        await inTransaction(sequelize, async (transaction) => {
          const batch = new StatementBatch(sequelize);
          batch.write('UPDATE sites SET name = ? WHERE id = ?', ['After', site.id]);
          await batch.run(transaction, { commit: true });
        });
      } finally {
        delete (own as { query?: unknown }).query;
      }
      expect(seen).to.deep.equal([]);
      expect((await Site.findByPk(site.id))!.name).to.equal('After');
    });

    it('reads a first SELECT as its own rows inside a transaction', async () => {
      const { sequelize } = testDb();
      const site = await buildSite({ name: 'Seen' });
      const rows = await inTransaction(sequelize, (transaction) =>
        sequelize.query<{ name: string }>('SELECT name FROM sites WHERE id = :id', {
          type: QueryTypes.SELECT,
          replacements: { id: site.id },
          transaction,
        }),
      );
      expect(rows).to.deep.equal([{ name: 'Seen' }]);
    });
  });
});
