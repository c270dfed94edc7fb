import { today, type AppContext } from '../../context';
import type { ApiRouter } from '../../http/apiRouter';
import { presentOverview } from '../../presenters/overview';
import { freeBedForecast, overviewToday } from '../../queries/overview';
import { BAD_INPUT } from '../common/schemas';
import { overviewQuery, overviewSchema } from './schemas';

export function registerOverviewRoutes(api: ApiRouter, app: AppContext): void {
  api.add({
    method: 'get',
    path: '/overview',
    tag: 'overview',
    // City-wide figures: the people who run the city, not one site's manager or transport.
    access: { roles: ['admin', 'official'] },
    summary: "Today's intake and releases, the waiting list in brief, and a free-bed forecast",
    query: overviewQuery,
    responses: {
      200: { description: 'The city overview', schema: overviewSchema },
      400: BAD_INPUT,
    },
    handler: async ({ query, res }) => {
      const day = today(app);
      const now = app.now();
      const [todayRow, forecast] = await Promise.all([
        overviewToday(app.db.sequelize, day),
        freeBedForecast(app.db.sequelize, day, query.days),
      ]);
      res.json(presentOverview(day, now, todayRow, forecast));
    },
  });
}
