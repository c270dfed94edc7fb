import { QueryTypes } from 'sequelize';
import type { WaitingEntryDto } from '../../../shared/placementDto';
import type { AppContext } from '../../context';
import type { ApiRouter } from '../../http/apiRouter';
import { waitingConstraint } from '../../placement/waitingQueue';
import { waitingListSchema } from '../placement/schemas';

interface Row {
  id: number;
  partyId: number;
  category: WaitingEntryDto['category'];
  priority: number;
  reason: string | null;
  queuedAt: Date | string;
  people: number | string;
}

export function registerWaitingListRoutes(api: ApiRouter, app: AppContext): void {
  api.add({
    method: 'get',
    path: '/waiting-list',
    tag: 'placement',
    access: { roles: ['admin', 'official', 'site_manager'] },
    summary: 'Parties waiting for a room, in the order they will be placed, with waiting times',
    responses: { 200: { description: 'The waiting list', schema: waitingListSchema } },
    handler: async ({ res }) => {
      const rows = await app.db.sequelize.query<Row>(
        `SELECT w.id, w.partyId, w.category, w.priority, w.reason, w.queuedAt,
           (SELECT COUNT(*) FROM party_members m WHERE m.partyId = w.partyId) AS people
         FROM waiting_entries w WHERE w.status = 'waiting'
         ORDER BY w.priority, w.queuedAt, w.id`,
        { type: QueryTypes.SELECT },
      );
      const now = app.now().getTime();
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
          queuedAt: queuedAt.toISOString(),
          waitingMinutes: Math.max(0, Math.floor((now - queuedAt.getTime()) / 60_000)),
        };
      });
      res.json({ data, longestWaitMinutes: Math.max(0, ...data.map((d) => d.waitingMinutes)) });
    },
  });
}
