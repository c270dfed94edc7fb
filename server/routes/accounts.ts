import type { AppContext } from '../context';
import type { ApiRouter } from '../http/apiRouter';
import { registerAuthRoutes } from './auth/router';
import { registerUserRoutes } from './users/router';

/** Accounts: signing in and out (`/auth`) and user administration (`/users`). */
export function registerAccountRoutes(api: ApiRouter, app: AppContext): void {
  registerAuthRoutes(api, app);
  registerUserRoutes(api, app);
}
