/**
 * Re-tries the waiting list in priority order (category priority, then waiting time) after
 * capacity appeared. The engine first runs over one shared snapshot, in memory, so only parties
 * that could fit pay for a placement transaction; each placement is its own transaction (one
 * failure does not undo the others) and re-checks everything under lock, so several processes
 * draining at once stay correct.
 */
import { addDays } from '../../shared/dates';
import { indexRooms } from '../allocation/roomIndex';
import { suggest } from '../allocation/suggest';
import type { BookingSnapshot } from '../allocation/types';
import { ApiError } from '../errors';
import { getLogger } from '../logging/logger';
import { WaitingEntry } from '../models';
import { loadParty, partyRequest, stayWindow } from '../placement/partyLoader';
import { loadBookings, loadSiteRooms, loadSites } from '../placement/snapshot';
import type { ServiceContext } from './context';
import { placeParty } from './placeParty';
import { allocationPolicy, currentPolicy } from './policy';

const log = getLogger('allocation');

/** At most this many parties are tried per drain; the rest wait for the next capacity event. */
export const DRAIN_BATCH = 200;
/** Bookings are read for this many days ahead: longer than any quarantine. */
const HORIZON_DAYS = 90;

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
  const sites = await loadSites(undefined, { entryDate: ctx.today, allowStandby: false });
  const siteIds = sites.map((s) => s.id);
  const rooms = await loadSiteRooms(undefined, siteIds);
  const bookings: BookingSnapshot[] = await loadBookings(
    undefined,
    { siteIds },
    {
      entryDate: ctx.today,
      releaseDate: addDays(ctx.today, HORIZON_DAYS),
      cleaningNights: rules.cleaningNights,
      today: ctx.today,
    },
  );

  const placed: number[] = [];
  for (const entry of waiting) {
    try {
      const loaded = await loadParty(undefined, entry.partyId);
      const request = partyRequest(loaded, stayWindow(policy, loaded, ctx.today), false);
      const [fits] = suggest({
        sites,
        floors: indexRooms(rooms, bookings),
        party: request,
        policy: rules,
        limit: 1,
      }).suggestions;
      if (!fits) continue;
      const result = await placeParty(ctx, { partyId: entry.partyId });
      if (result.outcome !== 'placed') continue;
      placed.push(entry.partyId);
      // Later parties in this drain must see the nights just taken.
      for (const stay of result.stays) {
        bookings.push({
          roomId: stay.roomId,
          partyId: stay.partyId,
          category: loaded.party.category,
          start: stay.entryDate,
          end: stay.plannedReleaseDate,
          people: 1,
        });
      }
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
