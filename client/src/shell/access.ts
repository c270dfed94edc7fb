/**
 * Which route a signed-in user actually gets: the one asked for when their role may see it (and,
 * for a site manager's board, the site is theirs), else their role's landing view. The API
 * enforces the same rules; this only keeps people from landing on a view that would refuse them.
 */
import type { AuthUser } from '../../../shared/auth';
import { canSee, landingRoute, type Route } from '../navigation/route';

export function allowedRoute(user: AuthUser, route: Route | null): Route {
  if (route === null || !canSee(user.role, route)) return landingRoute(user.role);
  if (
    route.view === 'siteBoard' &&
    user.role === 'site_manager' &&
    !user.siteIds.includes(route.siteId)
  ) {
    return landingRoute(user.role);
  }
  return route;
}
