/** The waiting list's order: priority (from the category's policy), then waiting time. */
import { QueryTypes, type Transaction } from 'sequelize';
import { HARD_CONSTRAINTS, type HardConstraint } from '../../shared/enums';
import { CONSTRAINT_EXPLANATIONS } from '../../shared/placement';
import type { PolicyDocument } from '../../shared/policy';
import { WaitingEntry } from '../models';
import type { LoadedParty } from './partyLoader';

/** The constraint a stored reason was written for (`null` for "no rooms at all"). */
export function waitingConstraint(reason: string | null): HardConstraint | null {
  return HARD_CONSTRAINTS.find((c) => waitingReason(c) === reason) ?? null;
}

export function waitingReason(constraint: HardConstraint | null): string {
  return constraint
    ? `No room fits: for most rooms ${CONSTRAINT_EXPLANATIONS[constraint]}.`
    : 'No room fits: there are no rooms in any open site.';
}

/** The list's order (DESIGN §3), for entries aliased `w`: priority, waiting time, entry id. */
export const WAITING_ORDER = 'w.priority, w.queuedAt, w.id';

/** Entry `w` comes before entry `me` in WAITING_ORDER. */
export const AHEAD_OF_ME =
  '(w.priority < me.priority OR (w.priority = me.priority AND (w.queuedAt < me.queuedAt ' +
  'OR (w.queuedAt = me.queuedAt AND w.id < me.id))))';

/** 1-based position of an entry among those waiting. */
export async function queuePosition(
  transaction: Transaction | undefined,
  entry: WaitingEntry,
): Promise<number> {
  const [row] = await WaitingEntry.sequelize!.query<{ ahead: number | string }>(
    `SELECT COUNT(*) AS ahead FROM waiting_entries w JOIN waiting_entries me ON me.id = ?
     WHERE w.status = 'waiting' AND ${AHEAD_OF_ME}`,
    { type: QueryTypes.SELECT, replacements: [entry.id], transaction },
  );
  return Number(row?.ahead ?? 0) + 1;
}

/**
 * Queues the party, or refreshes the reason if it is already waiting (its place is kept). The
 * reason is the constraint's unless given (a party queued behind others: waitingList/queueOrder).
 */
export async function queueParty(
  transaction: Transaction,
  loaded: LoadedParty,
  policy: PolicyDocument,
  constraint: HardConstraint | null,
  now: Date,
  reason = waitingReason(constraint),
): Promise<WaitingEntry> {
  const existing = await WaitingEntry.findOne({
    where: { partyId: loaded.party.id },
    transaction,
  });
  if (existing) {
    await existing.update(
      existing.status === 'waiting'
        ? { reason }
        : { reason, status: 'waiting', queuedAt: now, resolvedAt: null },
      { transaction },
    );
    return existing;
  }
  return WaitingEntry.create(
    {
      partyId: loaded.party.id,
      category: loaded.party.category,
      priority: policy.categories[loaded.party.category].priority,
      reason,
      queuedAt: now,
    },
    { transaction },
  );
}

/** Resolves a waiting entry (as read under the party's lock): the party is placed. */
export async function markPlaced(
  transaction: Transaction,
  waitingEntryId: number,
  now: Date,
): Promise<void> {
  await WaitingEntry.update(
    { status: 'placed', resolvedAt: now },
    { where: { id: waitingEntryId }, transaction },
  );
}
