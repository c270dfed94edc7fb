/**
 * Re-tries the waiting list in priority order (category priority, then waiting time) after
 * capacity appeared. Each party is placed in its own transaction, so one failure does not undo
 * the others, and running it in several processes at once is safe (placement is).
 */
import { ApiError } from '../errors';
import { getLogger } from '../logging/logger';
import { WaitingEntry } from '../models';
import type { ServiceContext } from './context';
import { placeParty } from './placeParty';

const log = getLogger('allocation');

/** At most this many parties are tried per drain; the rest wait for the next capacity event. */
export const DRAIN_BATCH = 200;

export async function drainWaitingList(ctx: ServiceContext): Promise<{ placed: number[] }> {
  const waiting = await WaitingEntry.findAll({
    where: { status: 'waiting' },
    order: [
      ['priority', 'ASC'],
      ['queuedAt', 'ASC'],
      ['id', 'ASC'],
    ],
    limit: DRAIN_BATCH,
  });
  const placed: number[] = [];
  for (const entry of waiting) {
    try {
      const result = await placeParty(ctx, { partyId: entry.partyId });
      if (result.outcome === 'placed') placed.push(entry.partyId);
    } catch (error) {
      // A party placed meanwhile by someone else, or one that cannot be placed any more, must
      // not stop the others.
      if (!(error instanceof ApiError)) throw error;
      log.info('Waiting party skipped', { partyId: entry.partyId, status: error.status });
    }
  }
  if (placed.length) log.info(`Placed ${placed.length} waiting part(ies)`, { placed });
  return { placed };
}
