/**
 * Re-tries the waiting list in priority order (category priority, then waiting time) after
 * capacity appeared. The engine first runs over the city, in memory, so only parties that could
 * fit pay for a placement transaction; each placement is its own transaction (one failure does
 * not undo the others) and re-checks everything under lock, so several processes draining at
 * once stay correct.
 */
import { suggest } from '../allocation/suggest';
import { ApiError } from '../errors';
import { getLogger } from '../logging/logger';
import { WaitingEntry } from '../models';
import { loadCity } from '../placement/citySnapshot';
import { loadParty, partyRequest, stayWindow } from '../placement/partyLoader';
import type { ServiceContext } from './context';
import { placeParty } from './placeParty';
import { allocationPolicy, currentPolicy } from './policy';

const log = getLogger('allocation');

/** At most this many parties are tried per drain; the rest wait for the next capacity event. */
export const DRAIN_BATCH = 200;

export async function drainWaitingList(caller: ServiceContext): Promise<{ placed: number[] }> {
  // The drain serves the whole city, whoever's action made room.
  const ctx: ServiceContext = { ...caller, siteScope: null };
  const waiting = await WaitingEntry.findAll({
    where: { status: 'waiting' },
    order: [
      ['priority', 'ASC'],
      ['queuedAt', 'ASC'],
      ['id', 'ASC'],
    ],
    limit: DRAIN_BATCH,
  });
  if (waiting.length === 0) return { placed: [] };

  const policy = await currentPolicy();
  const rules = allocationPolicy(policy);
  const placed: number[] = [];
  for (const entry of waiting) {
    try {
      const loaded = await loadParty(undefined, entry.partyId);
      const request = partyRequest(loaded, stayWindow(policy, loaded, ctx.today), false);
      const city = await loadCity(ctx.sequelize, undefined, {
        today: ctx.today,
        cleaningNights: rules.cleaningNights,
        entryDate: request.entryDate,
        allowStandby: false,
      });
      const [fits] = suggest({ ...city, party: request, policy: rules, limit: 1 }).suggestions;
      if (!fits) continue;
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
