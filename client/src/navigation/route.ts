/**
 * The dashboard's views as hash routes (`#/overview`, `#/sites/12`): the server serves one page,
 * links and the back button work, and no router library is needed for six views.
 */
import type { Role } from '../../../shared/enums';

export type AdminSection = 'sites' | 'rooms' | 'policy' | 'users';

export type Route =
  | { view: 'overview' }
  | { view: 'sites' }
  | { view: 'siteBoard'; siteId: number }
  | { view: 'placement' }
  /** `tab: 'expired'`: the parties that left the list because their quarantine ended first. */
  | { view: 'waitingList'; tab?: 'expired' }
  | { view: 'admin'; section: AdminSection };

export type ViewName = Route['view'];

const ADMIN_SECTIONS: readonly AdminSection[] = ['sites', 'rooms', 'policy', 'users'];

export function parseRoute(hash: string): Route | null {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean);
  switch (parts[0]) {
    case 'overview':
      return parts.length === 1 ? { view: 'overview' } : null;
    case 'sites': {
      if (parts.length === 1) return { view: 'sites' };
      const siteId = Number(parts[1]);
      return parts.length === 2 && Number.isSafeInteger(siteId) && siteId > 0
        ? { view: 'siteBoard', siteId }
        : null;
    }
    case 'placement':
      return parts.length === 1 ? { view: 'placement' } : null;
    case 'waiting-list':
      if (parts.length === 1) return { view: 'waitingList' };
      return parts.length === 2 && parts[1] === 'expired'
        ? { view: 'waitingList', tab: 'expired' }
        : null;
    case 'admin': {
      const section = (parts[1] ?? 'sites') as AdminSection;
      return parts.length <= 2 && ADMIN_SECTIONS.includes(section)
        ? { view: 'admin', section }
        : null;
    }
    default:
      return null;
  }
}

export function routeHref(route: Route): string {
  switch (route.view) {
    case 'overview':
      return '#/overview';
    case 'sites':
      return '#/sites';
    case 'siteBoard':
      return `#/sites/${route.siteId}`;
    case 'placement':
      return '#/placement';
    case 'waitingList':
      return route.tab === 'expired' ? '#/waiting-list/expired' : '#/waiting-list';
    case 'admin':
      return `#/admin/${route.section}`;
  }
}

/**
 * Which views each role works in (DESIGN §2, need to know), first one = landing view. A site
 * manager's board is reached through their sites; transport coordinators see sites until
 * transfers arrive.
 */
export const VIEWS_BY_ROLE: Record<Role, readonly ViewName[]> = {
  admin: ['overview', 'sites', 'siteBoard', 'placement', 'waitingList', 'admin'],
  official: ['overview', 'sites', 'siteBoard', 'placement', 'waitingList'],
  site_manager: ['sites', 'siteBoard', 'placement', 'waitingList'],
  transport: ['sites'],
};

export function canSee(role: Role, route: Route): boolean {
  return VIEWS_BY_ROLE[role].includes(route.view);
}

export function landingRoute(role: Role): Route {
  const first = VIEWS_BY_ROLE[role][0];
  return first === 'overview' ? { view: 'overview' } : { view: 'sites' };
}
