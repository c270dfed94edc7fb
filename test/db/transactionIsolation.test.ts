/**
 * Placement re-checks bookings after taking row locks; that check must read what the previous
 * lock holder committed, which REPEATABLE READ (MySQL's default) would hide behind its snapshot.
 */
import { expect } from 'chai';
import { QueryTypes } from 'sequelize';
import { inTransaction } from '../../server/db/transaction';
import { testDb, useTestDatabase } from '../setup/db';

describe('transactions', () => {
  useTestDatabase();

  it('run at READ COMMITTED on MySQL, on every pooled connection', async function () {
    const { sequelize } = testDb();
    if (sequelize.getDialect() === 'sqlite') this.skip(); // IMMEDIATE transactions serialize
    const levels = await Promise.all(
      Array.from({ length: 4 }, () =>
        inTransaction(sequelize, async (transaction) => {
          const [row] = await sequelize.query<{ level: string }>(
            'SELECT @@SESSION.tx_isolation AS level',
            { type: QueryTypes.SELECT, transaction },
          );
          return row.level;
        }),
      ),
    );
    expect(levels).to.deep.equal(Array(4).fill('READ-COMMITTED'));
  });
});
