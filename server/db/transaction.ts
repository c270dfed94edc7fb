import type { Sequelize, Transaction } from 'sequelize';

/**
 * Runs `work` in one managed transaction: committed when it resolves, rolled back when it throws.
 * The transaction is passed explicitly so every query inside names it.
 */
export function inTransaction<T>(
  sequelize: Sequelize,
  work: (transaction: Transaction) => Promise<T>,
): Promise<T> {
  return sequelize.transaction((transaction) => work(transaction));
}
