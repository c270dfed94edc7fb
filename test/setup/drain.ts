/**
 * The waiting list drains in the background (server/waitingList/drainer.ts): tests wait for this
 * process's drainer instead of sleeping. `drained()` resolves once nothing runs or is due;
 * `holdDrains()` pauses it (a request then answers with nothing drained) until `releaseDrains()`.
 */
import { drainerOf, type Drainer } from '../../server/waitingList/drainer';
import { testDb } from './db';

function drainer(): Drainer {
  const found = drainerOf(testDb().sequelize);
  if (!found) throw new Error('No drainer yet: build the app (apiAs, testApp) first');
  return found;
}

export async function drained(): Promise<void> {
  await drainer().idle();
}

export async function holdDrains(): Promise<void> {
  await drainer().pause();
}

export function releaseDrains(): void {
  drainer().resume();
}
