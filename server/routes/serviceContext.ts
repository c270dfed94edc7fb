import type { Request, Response } from 'express';
import { today, type AppContext } from '../context';
import { currentUser, siteScopeOf } from '../http/access';
import type { ServiceContext } from '../services/context';

/** The service context for one request: database, the acting caller and today's date. */
export function serviceContext(app: AppContext, req: Request, res: Response): ServiceContext {
  return {
    sequelize: app.db.sequelize,
    actor: {
      userId: currentUser(res)?.id ?? null,
      requestId: (res.locals.requestId as string | undefined) ?? null,
      ip: req.ip ?? null,
    },
    today: today(app),
    now: app.now(),
    siteScope: siteScopeOf(currentUser(res)),
  };
}
