import type { AuthUser } from '../../../shared/auth';
import { useMessages } from '../i18n/localeContext';
import { routeHref, VIEWS_BY_ROLE, type Route, type ViewName } from '../navigation/route';
import { shellMessages } from './messages';
import type { OwnSite } from './useOwnSites';

type NavKey = 'navOverview' | 'navSites' | 'navPlacement' | 'navWaitingList' | 'navAdmin';

/** The views that have a place in the bar; a site board is reached from a site, not from here. */
const NAV_ITEMS: readonly { view: ViewName; route: Route; label: NavKey }[] = [
  { view: 'overview', route: { view: 'overview' }, label: 'navOverview' },
  { view: 'sites', route: { view: 'sites' }, label: 'navSites' },
  { view: 'placement', route: { view: 'placement' }, label: 'navPlacement' },
  { view: 'waitingList', route: { view: 'waitingList' }, label: 'navWaitingList' },
  { view: 'admin', route: { view: 'admin', section: 'sites' }, label: 'navAdmin' },
];

interface Props {
  user: AuthUser;
  current: Route;
  ownSites: readonly OwnSite[];
}

/** The role's views (VIEWS_BY_ROLE) as links, and a site manager's own site boards. */
export function NavBar({ user, current, ownSites }: Props) {
  const t = useMessages(shellMessages);
  const views = VIEWS_BY_ROLE[user.role];
  const currentHref = routeHref(current);
  // Views with sections or tabs are current on any of them.
  const isCurrent = (route: Route) =>
    route.view === 'admin' || route.view === 'waitingList'
      ? current.view === route.view
      : routeHref(route) === currentHref;

  return (
    <nav className="app-nav" aria-label={t('mainNavigation')}>
      <ul className="app-nav__list">
        {NAV_ITEMS.filter((item) => views.includes(item.view)).map((item) => (
          <li key={item.view}>
            <a
              className="app-nav__link"
              href={routeHref(item.route)}
              aria-current={isCurrent(item.route) ? 'page' : undefined}
            >
              {t(item.label)}
            </a>
          </li>
        ))}
      </ul>
      {ownSites.length > 0 && (
        <ul className="app-nav__list app-nav__sites" aria-label={t('mySites')}>
          {ownSites.map((site) => {
            const route: Route = { view: 'siteBoard', siteId: site.id };
            return (
              <li key={site.id}>
                <a
                  className="app-nav__link app-nav__link--site"
                  href={routeHref(route)}
                  aria-current={isCurrent(route) ? 'page' : undefined}
                >
                  {site.code ? (
                    <>
                      <span className="code">{site.code}</span> {site.name}
                    </>
                  ) : (
                    t('siteFallbackName', { id: site.id })
                  )}
                </a>
              </li>
            );
          })}
        </ul>
      )}
    </nav>
  );
}
