/**
 * Read side of the waiting list: the parties waiting, in the order they will be placed, and the
 * ones that left it because their quarantine ended first (newest first, for home follow-up).
 */
import { QueryTypes, type Sequelize } from 'sequelize';
import type { Category } from '../../shared/enums';
import type { ExpiredListDto, WaitingEntryDto, WaitingListDto } from '../../shared/placementDto';
import { waitingConstraint } from '../placement/waitingQueue';
import { expiredOn } from '../waitingList/expiry';
import { QUEUE_AHEAD_REASON } from '../waitingList/queueOrder';
import { WAITING_ORDER } from '../placement/waitingQueue';

interface Row {
  id: number;
  partyId: number;
  category: Category;
  priority: number;
  reason: string | null;
  queuedAt: Date | string;
  resolvedAt: Date | string | null;
  people: number | string;
}

const COLUMNS = `w.id, w.partyId, w.category, w.priority, w.reason, w.queuedAt, w.resolvedAt,
  (SELECT COUNT(*) FROM party_members m WHERE m.partyId = w.partyId) AS people`;

const minutesBetween = (from: Date, to: Date) =>
  Math.max(0, Math.floor((to.getTime() - from.getTime()) / 60_000));

export async function listWaiting(sequelize: Sequelize, now: Date): Promise<WaitingListDto> {
  const rows = await sequelize.query<Row>(
    `SELECT ${COLUMNS} FROM waiting_entries w WHERE w.status = 'waiting' ORDER BY ${WAITING_ORDER}`,
    { type: QueryTypes.SELECT },
  );
  const data: WaitingEntryDto[] = rows.map((r, i) => {
    const queuedAt = new Date(r.queuedAt);
    return {
      id: Number(r.id),
      partyId: Number(r.partyId),
      category: r.category,
      people: Number(r.people),
      priority: Number(r.priority),
      position: i + 1,
      reason: r.reason,
      constraint: waitingConstraint(r.reason),
      behindOthers: r.reason === QUEUE_AHEAD_REASON,
      queuedAt: queuedAt.toISOString(),
      waitingMinutes: minutesBetween(queuedAt, now),
    };
  });
  return { data, longestWaitMinutes: Math.max(0, ...data.map((d) => d.waitingMinutes)) };
}

export async function listExpired(sequelize: Sequelize, limit: number): Promise<ExpiredListDto> {
  const rows = await sequelize.query<Row>(
    `SELECT ${COLUMNS} FROM waiting_entries w WHERE w.status = 'expired'
     ORDER BY w.resolvedAt DESC, w.id DESC LIMIT :limit`,
    { type: QueryTypes.SELECT, replacements: { limit } },
  );
  const [{ total }] = await sequelize.query<{ total: number | string }>(
    "SELECT COUNT(*) AS total FROM waiting_entries WHERE status = 'expired'",
    { type: QueryTypes.SELECT },
  );
  return {
    total: Number(total),
    data: rows.map((r) => {
      const queuedAt = new Date(r.queuedAt);
      const expiredAt = new Date(r.resolvedAt ?? r.queuedAt);
      return {
        id: Number(r.id),
        partyId: Number(r.partyId),
        category: r.category,
        people: Number(r.people),
        reason: r.reason,
        quarantineEnded: expiredOn(r.reason),
        queuedAt: queuedAt.toISOString(),
        expiredAt: expiredAt.toISOString(),
        waitedMinutes: minutesBetween(queuedAt, expiredAt),
      };
    }),
  };
}
