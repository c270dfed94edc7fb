import type { Route } from '../navigation/route';
import { AdminPage } from '../admin/AdminPage';
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
    case 'admin':
      return <AdminPage section={route.section} />;
    // The site board, placement form and waiting list are built in parallel and wired in on merge.
    case 'siteBoard':
    case 'placement':
    case 'waitingList':
      return <UnavailableView />;
  }
}
