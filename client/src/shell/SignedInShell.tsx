import { useEffect } from 'react';
import type { AuthUser } from '../../../shared/auth';
import { HeaderUser } from '../auth/HeaderUser';
import { routeHref } from '../navigation/route';
import { useRoute } from '../navigation/useRoute';
import { allowedRoute } from './access';
import { ConnectionIndicator } from './ConnectionIndicator';
import { CurrentView } from './CurrentView';
import { NavBar } from './NavBar';
import { useOwnSites } from './useOwnSites';

/**
 * The signed-in part of the header (navigation, connection, user) and the current view. A route
 * the role may not see, or that does not exist, shows the role's landing view at once and the
 * address is corrected without a new history entry, so Back does not bounce.
 */
export function SignedInShell({ user }: { user: AuthUser }) {
  const { route: requested } = useRoute();
  const route = allowedRoute(user, requested);
  const href = routeHref(route);
  const ownSites = useOwnSites(user);

  useEffect(() => {
    if (window.location.hash !== href) window.location.replace(href);
  }, [href]);

  return (
    <>
      <div className="app-bar">
        <div className="app-bar__inner">
          <NavBar user={user} current={route} ownSites={ownSites} />
          <ConnectionIndicator />
          <HeaderUser user={user} siteLabels={ownSites.map((s) => s.code ?? String(s.id))} />
        </div>
      </div>
      <main id="main" className="app-main" tabIndex={-1}>
        <CurrentView route={route} />
      </main>
    </>
  );
}
