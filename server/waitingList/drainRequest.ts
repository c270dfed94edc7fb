/**
 * How a service asks for a drain of the waiting list: `requestDrainAfterCommit(ctx, transaction)`
 * inside the transaction that freed capacity. The drain is asked for once that transaction has
 * committed (never for a rollback or a failed COMMIT) and runs in the background, in the drainer
 * of this process for that database (drainer.ts); the request does not wait for it.
 */
import type { Sequelize, Transaction } from 'sequelize';
import { runAfterCommit } from '../events/bus';
import type { ServiceContext } from '../services/context';

/** What a request reaches: the drainer (kept apart so services need not import the drain). */
export interface DrainRunner {
  request(): void;
}

// Per database: tests build many apps, and scripts open databases of their own.
const runners = new WeakMap<Sequelize, DrainRunner>();

export function setDrainer(sequelize: Sequelize, runner: DrainRunner): void {
  runners.set(sequelize, runner);
}

export function drainerFor(sequelize: Sequelize): DrainRunner | undefined {
  return runners.get(sequelize);
}

/** No drainer (a script without an app): nothing is asked; a server's periodic drain catches up. */
export function requestDrainAfterCommit(ctx: ServiceContext, transaction: Transaction): void {
  runAfterCommit(transaction, () => runners.get(ctx.sequelize)?.request());
}
