/**
 * Entries expire: a waiting party whose quarantine would already be over (its planned release is
 * today or earlier: no night is left to book) leaves the list with status `expired`, a reason
 * naming the day it ended, an audit record each and a `waitingList.changed` event each after
 * commit. Officials list them (`GET /api/waiting-list?status=expired`) for home follow-up.
 */
import type { IsoDate } from '../../shared/dates';
import type { PolicyDocument } from '../../shared/policy';
import { inTransaction } from '../db/transaction';
import { emitAfterCommit } from '../events/bus';
import { partyRelease } from '../placement/stayDates';
import type { LoadedParty } from '../placement/partyLoader';
import { WaitingEntry } from '../models';
import { recordAudits } from '../services/audit';
import type { ServiceContext } from '../services/context';
import type { WaitingParty } from './waitingParties';

/** The planned release of a waiting party's quarantine, as placing it would book it. */
export function quarantineEnd(policy: PolicyDocument, loaded: LoadedParty): IsoDate {
  return partyRelease(
    policy,
    loaded.party.category,
    loaded.members.map((m) => m.exposureDate),
  );
}

/** Over when no night is left to book: the release is today or earlier. */
export const quarantineOver = (end: IsoDate, today: IsoDate): boolean => end <= today;

export function expiryReason(ended: IsoDate): string {
  return `Quarantine ended on ${ended} before a room was found.`;
}

/** The day an expired entry's quarantine ended, read back from its reason. */
export function expiredOn(reason: string | null): IsoDate | null {
  return /^Quarantine ended on (\d{4}-\d{2}-\d{2}) /.exec(reason ?? '')?.[1] ?? null;
}

/** Entries expired per transaction: keeps each short while a backlog of thousands goes. */
const CHUNK = 500;

/**
 * Expires the given entries, those still waiting when locked (one placed meanwhile is left
 * alone), in transactions of CHUNK entries. Returns how many left the list.
 */
export async function expireEntries(
  ctx: ServiceContext,
  ended: readonly { party: WaitingParty; ended: IsoDate }[],
): Promise<number> {
  let expired = 0;
  for (let from = 0; from < ended.length; from += CHUNK) {
    const chunk = ended.slice(from, from + CHUNK);
    expired += await inTransaction(ctx.sequelize, async (transaction) => {
      const still = await WaitingEntry.findAll({
        attributes: ['id'],
        where: { id: chunk.map((e) => e.party.entryId), status: 'waiting' },
        lock: transaction.LOCK.UPDATE,
        transaction,
      });
      const ids = new Set(still.map((r) => r.id));
      const leaving = chunk.filter((e) => ids.has(e.party.entryId));
      if (leaving.length === 0) return 0;
      // One update per day ended (the reason names it), not one per entry.
      const byDay = new Map<IsoDate, number[]>();
      for (const { party, ended: day } of leaving) {
        byDay.set(day, [...(byDay.get(day) ?? []), party.entryId]);
      }
      for (const [day, entryIds] of byDay) {
        await WaitingEntry.update(
          { status: 'expired', reason: expiryReason(day), resolvedAt: ctx.now },
          { where: { id: entryIds }, transaction },
        );
      }
      await recordAudits(
        transaction,
        ctx.actor,
        leaving.map(({ party, ended: day }) => auditOf(party, day, expiryReason(day))),
      );
      for (const { party } of leaving) {
        emitAfterCommit(transaction, {
          name: 'waitingList.changed',
          payload: { action: 'expired', partyId: party.party.id },
        });
      }
      return leaving.length;
    });
  }
  return expired;
}

const auditOf = (party: WaitingParty, day: IsoDate, reason: string) => ({
  entity: 'party',
  entityId: party.party.id,
  action: 'expire',
  before: { waiting: 'waiting' },
  after: { waiting: 'expired', waitingEntryId: party.entryId, quarantineEnded: day, reason },
});
