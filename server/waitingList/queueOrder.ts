/**
 * No jumping the queue (DESIGN §4 rule 8): while parties of a priority wait, a party of that
 * priority is placed only in its turn.
 *
 * - Automatic placement of a party with earlier parties of its priority waiting (entries ordered
 *   before its own, or any of them when it has no entry yet) does not try the engine: the party
 *   goes onto the list behind them (202 with its position) and a drain is asked for, which places
 *   in order whoever fits.
 * - By hand (rooms chosen) ahead of them: admins and officials may, and the placement's audit
 *   record counts whom it overtook; anyone else is refused (409 `placement.queueAhead`).
 * - The drain's own placements are the queue itself, placing in order: exempt, but only for a
 *   party that still waits (one placed or expired meanwhile is left alone).
 *
 * "Earlier" is the list's order: priority, then queuedAt, then entry id. Priority is the one an
 * entry was queued with; a party without an entry has its category's priority in the policy.
 */
import { AHEAD_OF_ME } from '../placement/waitingQueue';
import type { PolicyDocument } from '../../shared/policy';
import type { Role } from '../../shared/enums';
import { QueryTypes, type Transaction } from 'sequelize';
import { WaitingEntry } from '../models';
import { conflict } from '../errors';
import type { PartyWithStays } from '../placement/partyLoader';

/** How a placement stands towards the list's order. */
export type QueueTurn =
  /** The waiting list placing in order (the drain). */
  | 'drain'
  /** An admin or an official: may place by hand ahead of earlier parties, audited. */
  | 'mayOvertake'
  /** Anyone else: automatic placement waits its turn, by hand ahead of others is refused. */
  | 'inTurn';

export function queueTurnOf(role: Role): QueueTurn {
  return role === 'admin' || role === 'official' ? 'mayOvertake' : 'inTurn';
}

/** The reason a party queued behind others is given (stored; the list tells it apart by it). */
export const QUEUE_AHEAD_REASON =
  'Parties of its category wait ahead: it is placed in its turn, as soon as a room fits.';

/** Waiting parties ahead of the one being placed, by priority (see readQueueAhead). */
export type AheadByPriority = ReadonlyMap<number, number>;

/**
 * The waiting parties ahead of the one being placed: of its own entry's priority and before it
 * when it waits; of every priority when it does not (queueOrder picks its category's). Nothing is
 * read for the drain, nor when the party's read found nobody waiting (the usual case).
 */
export async function readQueueAhead(
  transaction: Transaction,
  input: { partyId: number; turn?: QueueTurn },
  loaded: PartyWithStays,
): Promise<AheadByPriority> {
  if (input.turn === 'drain' || !loaded.placement?.anyoneWaiting) return new Map();
  const rows = await WaitingEntry.sequelize!.query<{ priority: number; ahead: number | string }>(
    `SELECT w.priority AS priority, COUNT(*) AS ahead
     FROM waiting_entries w
     LEFT JOIN waiting_entries me ON me.partyId = ? AND me.status = 'waiting'
     WHERE w.status = 'waiting'
       AND (me.id IS NULL OR (w.priority = me.priority AND ${AHEAD_OF_ME}))
     GROUP BY w.priority`,
    { type: QueryTypes.SELECT, replacements: [input.partyId], transaction },
  );
  return new Map(rows.map((r) => [Number(r.priority), Number(r.ahead)]));
}

/** What the order asks of a placement. `note` goes into its audit record. */
export type QueueOrder =
  | { wait: false; note: { overtook?: number } }
  | { wait: true; reason: string; note: { ahead: number } };

/** A drain reached a party that no longer waits (placed or expired meanwhile): it is left alone. */
export class NoLongerWaiting extends Error {
  constructor(readonly partyId: number) {
    super(`Party ${partyId} no longer waits`);
    this.name = 'NoLongerWaiting';
  }
}

/**
 * Applies the rule to a placement, once its party (with its waiting entry, under the party's
 * lock) and the policy are read. Throws 409 for a placement by hand that may not overtake.
 */
export function queueOrder(
  input: { roomIds?: number[]; turn?: QueueTurn },
  loaded: PartyWithStays,
  policy: PolicyDocument,
  ahead: AheadByPriority,
): QueueOrder {
  const waiting = loaded.placement?.waitingEntryId ?? null;
  if (input.turn === 'drain') {
    if (waiting === null) throw new NoLongerWaiting(loaded.party.id);
    return { wait: false, note: {} };
  }
  const count =
    waiting === null
      ? (ahead.get(policy.categories[loaded.party.category].priority) ?? 0)
      : [...ahead.values()].reduce((a, b) => a + b, 0);
  if (count === 0) return { wait: false, note: {} };
  if (!input.roomIds) return { wait: true, reason: QUEUE_AHEAD_REASON, note: { ahead: count } };
  if (input.turn === 'mayOvertake') return { wait: false, note: { overtook: count } };
  throw conflict(
    { code: 'placement.queueAhead', params: { count } },
    `${count} earlier part(ies) of this category wait for a room: only an official may place this party ahead of them.`,
    [
      {
        field: 'roomIds',
        message: `${count} earlier part(ies) of this category wait ahead`,
        type: 'placement.queueAhead',
      },
    ],
  );
}
