import type { Request, Response } from 'express';
import { today, type AppContext } from '../context';
import type { ServiceContext } from '../services/context';

/** The service context for one request: database, the acting caller and today's date. */
export function serviceContext(app: AppContext, req: Request, res: Response): ServiceContext {
  return {
    sequelize: app.db.sequelize,
    actor: {
      userId: null,
      requestId: (res.locals.requestId as string | undefined) ?? null,
      ip: req.ip ?? null,
    },
    today: today(app),
    now: app.now(),
  };
}
