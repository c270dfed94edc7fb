import Joi from '../../http/joi';
import type { HealthDto } from '../../../shared/dto';
import type { AppContext } from '../../context';
import type { ApiRouter } from '../../http/apiRouter';
import { getLogger } from '../../logging/logger';

const log = getLogger('db');

const healthSchema = Joi.object({
  status: Joi.string().valid('ok', 'unavailable'),
  database: Joi.string().valid('up', 'down'),
  dialect: Joi.string(),
  time: Joi.string().isoDate(),
});

export function registerHealthRoutes(api: ApiRouter, app: AppContext): void {
  api.add({
    method: 'get',
    path: '/health',
    tag: 'health',
    access: { roles: 'public' },
    summary: 'Liveness and database reachability (200 when reachable, 503 when not)',
    responses: {
      200: { description: 'Database reachable', schema: healthSchema },
      503: { description: 'Database unreachable', schema: healthSchema },
    },
    handler: async ({ res }) => {
      let up = true;
      try {
        await app.db.sequelize.query('SELECT 1');
      } catch (error) {
        up = false;
        log.warn('Health check: database unreachable', { error });
      }
      const body: HealthDto = {
        status: up ? 'ok' : 'unavailable',
        database: up ? 'up' : 'down',
        dialect: app.db.sequelize.getDialect(),
        time: app.now().toISOString(),
      };
      res.status(up ? 200 : 503).json(body);
    },
  });
}
