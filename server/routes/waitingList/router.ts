import Joi from '../../http/joi';
import { EXPIRED_LIST_LIMIT_DEFAULT } from '../../../shared/placementDto';
import type { AppContext } from '../../context';
import type { ApiRouter } from '../../http/apiRouter';
import { listExpired, listWaiting } from '../../queries/waitingList';
import { BAD_INPUT } from '../common/schemas';
import { expiredListSchema, waitingListQuery, waitingListSchema } from './schemas';

export function registerWaitingListRoutes(api: ApiRouter, app: AppContext): void {
  api.add({
    method: 'get',
    path: '/waiting-list',
    tag: 'placement',
    access: { roles: ['admin', 'official', 'site_manager'] },
    summary:
      'Parties waiting for a room, in the order they will be placed, with waiting times; or (`status=expired`) those whose quarantine ended first',
    query: waitingListQuery,
    responses: {
      200: {
        description:
          'The waiting list; with `status=expired`, the parties that left it that way, newest first',
        schema: Joi.alternatives().try(waitingListSchema, expiredListSchema),
      },
      400: BAD_INPUT,
    },
    handler: async ({ query, res }) => {
      res.json(
        query.status === 'expired'
          ? await listExpired(app.db.sequelize, query.limit ?? EXPIRED_LIST_LIMIT_DEFAULT)
          : await listWaiting(app.db.sequelize, app.now()),
      );
    },
  });
}
