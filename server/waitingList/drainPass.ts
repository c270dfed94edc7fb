/**
 * One pass over the waiting list (DESIGN §4 rule 8): the whole list, in order (priority, then
 * waiting time), read with every party's members a page at a time, against the city read once.
 *
 * For each party in turn: if its quarantine is already over, it leaves the list (expiry.ts);
 * else the engine is asked for its best rooms on the pass's view of the city; none: the party is
 * skipped (no write) and does not hold up those behind it; some: it is placed in exactly those
 * rooms through placeParty, which locks the party and re-checks the rooms under lock, as every
 * placement does. The pass then files the new bookings into its view (that site only). When the
 * re-check refuses (another request took the rooms since the city was read), the city is read
 * again (only sites whose version moved) and the party tried once more.
 *
 * Within a pass capacity only shrinks (its own placements), so a party for which nothing fits
 * tells that nothing fits any later party asking for the same (category, household, needs,
 * nights): those are skipped without running the engine again. Capacity that appears meanwhile
 * comes with a request for a drain of its own, i.e. another pass. That pass starts from what the
 * last one learnt (`PassMemory`, same day and rules): a kind that fitted nowhere then can only fit
 * in a site that changed since, so the engine looks for it there only. A drain asked for by a
 * release in one site costs the engine that site, not the city.
 */
import type { Sequelize } from 'sequelize';
import type { IsoDate } from '../../shared/dates';
import type { PartyRequest, Suggestion } from '../allocation/types';
import { ApiError } from '../errors';
import { getLogger } from '../logging/logger';
import { partyRequest } from '../placement/partyLoader';
import type { ServiceContext } from '../services/context';
import { placeParty } from '../services/placeParty';
import { allocationPolicy, currentPolicy } from '../services/policy';
import { expireEntries, quarantineEnd, quarantineOver } from './expiry';
import { PassCity, type SitesSeen } from './passCity';
import { NoLongerWaiting } from './queueOrder';
import {
  readWaitingParties,
  WAITING_PAGE,
  waitingOrder,
  type WaitingParty,
} from './waitingParties';

const log = getLogger('allocation');

export interface PassContext {
  sequelize: Sequelize;
  /** The app's clock: today's date and the time written on each change. */
  now: () => Date;
  today: () => IsoDate;
  /** Asked between parties: false stops the pass there (the claim was lost, or shutdown). */
  goOn: () => boolean;
  /** What the last pass of this process learnt, read and replaced by this one. */
  memory?: { last: PassMemory | null };
}

/** Kinds of request that fitted nowhere in the city as seen, for the same day and rules. */
export interface PassMemory {
  key: string;
  nothingFits: ReadonlySet<string>;
  seen: SitesSeen;
}

export interface PassSummary {
  waiting: number;
  placed: number;
  /** Nothing fits them now. */
  skipped: number;
  expired: number;
  /** Placed or gone meanwhile, or refused for a reason of their own (logged). */
  passedOver: number;
  /** The city was read again after a re-check refused the pass's choice. */
  cityReads: number;
  stopped: boolean;
  ms: number;
}

/** The engine runs synchronously: yield to requests after this much of it. */
const SLICE_MS = 10;

export async function drainPass(ctx: PassContext): Promise<PassSummary> {
  const started = performance.now();
  const summary: PassSummary = {
    waiting: 0,
    placed: 0,
    skipped: 0,
    expired: 0,
    passedOver: 0,
    cityReads: 0,
    stopped: false,
    ms: 0,
  };
  const order = await waitingOrder(ctx.sequelize);
  summary.waiting = order.length;
  if (order.length) await serve(ctx, order, summary);
  summary.ms = Math.round(performance.now() - started);
  if (order.length) log.info('Waiting list drained', { ...summary });
  return summary;
}

async function serve(ctx: PassContext, order: number[], summary: PassSummary) {
  const today = ctx.today();
  const policy = await currentPolicy();
  const rules = allocationPolicy(policy);
  const service = (): ServiceContext => ({
    sequelize: ctx.sequelize,
    // The system acts: no user, and the audit records say `drain` where a request id would be.
    actor: { userId: null, requestId: 'drain', ip: null },
    today,
    now: ctx.now(),
    siteScope: null,
  });
  const readCity = () =>
    PassCity.read(ctx.sequelize, { today, cleaningNights: rules.cleaningNights });
  let city = await readCity();
  // Kinds of request nothing fits (see requestKind): later parties of that kind are skipped.
  let nothingFits = new Set<string>();
  const key = `${today}|${JSON.stringify(rules)}`;
  const learnt = ctx.memory?.last?.key === key ? ctx.memory.last : null;
  // Sites where a kind that fitted nowhere before may fit now.
  let changed = learnt ? city.changedSince(learnt.seen) : null;
  let slice = performance.now();

  /** Tries one party: placed, or skipped; once more on a city read again if its rooms went. */
  async function serveParty(party: WaitingParty, release: IsoDate): Promise<void> {
    const request = partyRequest(party, { entryDate: today, releaseDate: release }, false);
    const kind = requestKind(request);
    for (let attempt = 1; ; attempt++) {
      const within = learnt?.nothingFits.has(kind) ? (changed ?? undefined) : undefined;
      const best = nothingFits.has(kind) ? undefined : city.best(request, rules, within);
      if (!best) {
        nothingFits.add(kind);
        summary.skipped++;
        return;
      }
      const outcome = await place(service(), party, request, best);
      if (outcome === 'placed') {
        summary.placed++;
        city.book(best.siteId, bookingsOf(request, best));
        return;
      }
      if (outcome !== 'taken' || attempt > 1) {
        summary.passedOver++;
        return;
      }
      city = await readCity();
      summary.cityReads++;
      // The city read again may hold capacity that appeared meanwhile.
      nothingFits = new Set();
      changed = learnt ? city.changedSince(learnt.seen) : null;
    }
  }

  // The list a page at a time, in order: each page's parties are read when their turn comes.
  for (let from = 0; from < order.length && !summary.stopped; from += WAITING_PAGE) {
    const page = await readWaitingParties(ctx.sequelize, order.slice(from, from + WAITING_PAGE));
    const ended: { party: WaitingParty; ended: IsoDate }[] = [];
    const live: { party: WaitingParty; release: IsoDate }[] = [];
    for (const party of page) {
      // A party without members cannot be placed, nor can its quarantine end: it stays as it is.
      if (party.members.length === 0) {
        summary.passedOver++;
        continue;
      }
      const release = quarantineEnd(policy, party);
      if (quarantineOver(release, today)) ended.push({ party, ended: release });
      else live.push({ party, release });
    }
    summary.expired += await expireEntries(service(), ended);
    for (const { party, release } of live) {
      if (!ctx.goOn()) {
        summary.stopped = true;
        break;
      }
      if (performance.now() - slice > SLICE_MS) {
        await new Promise((resolve) => setImmediate(resolve));
        slice = performance.now();
      }
      await serveParty(party, release);
    }
  }
  // What this pass learnt holds against the city as it read it: sites it booked into change in
  // the kept snapshot too, so the next pass looks at them again.
  if (ctx.memory) ctx.memory.last = { key, nothingFits, seen: city.seen };
}

/**
 * What decides whether a party fits, i.e. its request but for the origin, which only scores
 * (distance, DESIGN §5): two parties of one kind fit the same rooms.
 */
function requestKind(r: PartyRequest): string {
  const needs = r.members.map((m) => [...m.needs].sort().join('+')).sort();
  return JSON.stringify([r.category, r.shareRoom, needs, r.entryDate, r.releaseDate]);
}

/** The rooms of an option as placeParty takes them: one room, or one per member in order. */
function roomIdsOf(request: PartyRequest, option: Suggestion): number[] {
  if (option.rooms.length === 1) return [option.rooms[0].roomId];
  const ids: number[] = new Array<number>(request.members.length);
  for (const room of option.rooms) for (const m of room.members) ids[m] = room.roomId;
  return ids;
}

function bookingsOf(request: PartyRequest, option: Suggestion) {
  return option.rooms.map((room) => ({
    roomId: room.roomId,
    partyId: request.partyId!,
    category: request.category,
    start: request.entryDate,
    end: request.releaseDate,
    people: room.members.length,
  }));
}

/**
 * Places the party in the option's rooms: 'taken' when the re-check under lock refused them,
 * 'passed' when the party was placed or left the list meanwhile, or cannot be placed for a
 * reason of its own (a member already in quarantine).
 */
async function place(
  ctx: ServiceContext,
  party: WaitingParty,
  request: PartyRequest,
  option: Suggestion,
): Promise<'placed' | 'taken' | 'passed'> {
  try {
    await placeParty(ctx, {
      partyId: party.party.id,
      roomIds: roomIdsOf(request, option),
      turn: 'drain',
    });
    return 'placed';
  } catch (error) {
    if (error instanceof NoLongerWaiting) return 'passed';
    if (!(error instanceof ApiError)) throw error;
    if (error.refusal?.code === 'rooms.cannotTake') return 'taken';
    log.info('Waiting party passed over', {
      partyId: party.party.id,
      status: error.status,
      code: error.refusal?.code ?? error.type,
    });
    return 'passed';
  }
}
