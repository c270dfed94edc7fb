import type { Route } from '../navigation/route';
import { OverviewPage } from '../overview/OverviewPage';
import { SitesPage } from '../sites/SitesPage';
import { UnavailableView } from './UnavailableView';

/** The view for a route the user is allowed to see (see `allowedRoute`). */
export function CurrentView({ route }: { route: Route }) {
  switch (route.view) {
    case 'sites':
      return <SitesPage />;
    case 'overview':
      return <OverviewPage />;
    // The administration arrives next; the site board, placement form and waiting list are built
    // in parallel and wired in on merge.
    case 'admin':
    case 'siteBoard':
    case 'placement':
    case 'waitingList':
      return <UnavailableView />;
  }
}
