import Joi from '../../http/joi';
import { today, type AppContext } from '../../context';
import { currentUser, siteScopeOf } from '../../http/access';
import type { ApiRouter } from '../../http/apiRouter';
import { currentAlerts } from '../../queries/alerts';
import { currentPolicy } from '../../services/policy';

const alertSchema = Joi.object({
  kind: Joi.string().valid(
    'cleaning_overdue',
    'site_over_ceiling',
    'city_free_beds_low',
    'waiting_too_long',
  ),
  severity: Joi.string().valid('warning', 'critical'),
  message: Joi.string(),
  params: Joi.object()
    .pattern(Joi.string(), Joi.alternatives(Joi.string(), Joi.number()))
    .description('The particulars of the message, for a client to word it'),
  siteId: Joi.number().integer().allow(null),
  roomId: Joi.number().integer().allow(null),
  partyId: Joi.number().integer().allow(null),
  since: Joi.string().allow(null),
});

export function registerAlertRoutes(api: ApiRouter, app: AppContext): void {
  api.add({
    method: 'get',
    path: '/alerts',
    tag: 'alerts',
    access: { roles: ['admin', 'official', 'site_manager'] },
    summary: 'Overdue cleaning, sites over their ceiling, low city capacity, long waits',
    responses: {
      200: {
        description: 'Current alerts',
        schema: Joi.object({ data: Joi.array().items(alertSchema) }),
      },
    },
    handler: async ({ res }) => {
      const policy = await currentPolicy();
      const alerts = await currentAlerts(app.db.sequelize, policy, app.now(), today(app));
      // A site manager sees the alerts of their own sites (and the city-wide ones).
      const scope = siteScopeOf(currentUser(res));
      res.json({
        data: scope ? alerts.filter((a) => a.siteId === null || scope.includes(a.siteId)) : alerts,
      });
    },
  });
}
