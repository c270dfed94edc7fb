/**
 * Builds the Express app from its dependencies (no listening, no globals), so tests run it
 * in-process and main.ts serves it.
 */
import fs from 'node:fs';
import path from 'node:path';
import express, { type Express } from 'express';
import swaggerUi from 'swagger-ui-express';
import { authenticate } from './auth/authenticate';
import type { AppContext } from './context';
import { routeNotFound } from './errors';
import { accessLog } from './http/accessLog';
import { ApiRouter } from './http/apiRouter';
import { jsonBody } from './http/jsonBody';
import { buildOpenApi } from './http/openapi';
import { problemHandler } from './http/problem';
import { requestId } from './http/requestId';
import { cookieWriteOrigin, corsPolicy, securityHeaders } from './http/security';
import { registerAccountRoutes } from './routes/accounts';
import { registerAlertRoutes } from './routes/alerts/router';
import { registerAuditRoutes } from './routes/audit/router';
import { registerBoardRoutes } from './routes/board/router';
import { registerHealthRoutes } from './routes/health/router';
import { registerIntakeRoutes } from './routes/intake';
import { registerOverviewRoutes } from './routes/overview/router';
import { registerPlacementRoutes } from './routes/placement/router';
import { registerPolicyRoutes } from './routes/policy/router';
import { registerStayRoutes } from './routes/stays/router';
import { registerWaitingListRoutes } from './routes/waitingList/router';
import { registerRoomRoutes } from './routes/rooms/router';
import { registerSiteRoutes } from './routes/sites/router';
import { attachDrainer } from './waitingList/drainer';

export const CLIENT_DIST = path.resolve('client', 'dist');

export function createApiRouter(app: AppContext): ApiRouter {
  const api = new ApiRouter(app.now);
  registerHealthRoutes(api, app);
  registerAccountRoutes(api, app);
  registerSiteRoutes(api, app);
  registerRoomRoutes(api, app);
  registerBoardRoutes(api, app);
  registerPlacementRoutes(api, app);
  registerStayRoutes(api, app);
  registerWaitingListRoutes(api, app);
  registerPolicyRoutes(api, app);
  registerAlertRoutes(api, app);
  registerOverviewRoutes(api, app);
  registerAuditRoutes(api, app);
  registerIntakeRoutes(api, app);
  return api;
}

/** TRUST_PROXY as Express wants it: a hop count, a boolean, or named subnets. */
function trustProxySetting(value: string): number | boolean | string {
  if (/^\d+$/.test(value)) return Number(value);
  if (value === 'true' || value === 'false') return value === 'true';
  return value;
}

export function createApp(ctx: AppContext, options: { clientDist?: string | null } = {}): Express {
  // Services that free capacity ask this process's drainer for a drain after they commit.
  attachDrainer(ctx);
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'extended');
  if (ctx.config.trustProxy) app.set('trust proxy', trustProxySetting(ctx.config.trustProxy));
  app.use(requestId);
  app.use(accessLog);
  app.use(securityHeaders());
  app.use('/api', corsPolicy(ctx.config));
  app.use(authenticate(ctx));
  app.use('/api', cookieWriteOrigin(ctx.config));

  const api = createApiRouter(ctx);
  const openapi = buildOpenApi(api.routes, { title: 'Haven API', version: '0.1.0' });
  app.get('/api/openapi.json', (_req, res) => {
    res.json(openapi);
  });
  app.use('/api/docs', swaggerUi.serve, swaggerUi.setup(openapi, { customSiteTitle: 'Haven API' }));
  app.use('/api', jsonBody, api.router);
  app.use('/api', (req, _res, next) =>
    next(routeNotFound(req.method, req.originalUrl.split('?')[0])),
  );

  const clientDist = options.clientDist === undefined ? CLIENT_DIST : options.clientDist;
  if (clientDist && fs.existsSync(path.join(clientDist, 'index.html'))) {
    app.use(express.static(clientDist, { index: false, maxAge: '1h' }));
    // Client-side routes: any other GET that accepts HTML gets the single page.
    app.get('/{*path}', (req, res, next) => {
      if (!req.accepts('html')) return next();
      res.sendFile(path.join(clientDist, 'index.html'));
    });
  }
  app.use((req, _res, next) => next(routeNotFound(req.method, req.path)));
  app.use(problemHandler);
  return app;
}
