import type { Route } from '../navigation/route';
import { AdminPage } from '../admin/AdminPage';
import { OverviewPage } from '../overview/OverviewPage';
import { SitesPage } from '../sites/SitesPage';
import { PlacementPage } from '../placement/PlacementPage';
import { SiteBoardPage } from '../siteBoard/SiteBoardPage';
import { WaitingListPage } from '../waitingList/WaitingListPage';

/** The view for a route the user is allowed to see (see `allowedRoute`). */
export function CurrentView({ route }: { route: Route }) {
  switch (route.view) {
    case 'sites':
      return <SitesPage />;
    case 'overview':
      return <OverviewPage />;
    case 'admin':
      return <AdminPage section={route.section} />;
    case 'siteBoard':
      return <SiteBoardPage key={route.siteId} siteId={route.siteId} />;
    case 'placement':
      return <PlacementPage />;
    case 'waitingList':
      return <WaitingListPage tab={route.tab ?? 'waiting'} />;
  }
}
