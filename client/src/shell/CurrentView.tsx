import type { Route } from '../navigation/route';
import { SitesPage } from '../sites/SitesPage';
import { UnavailableView } from './UnavailableView';

/** The view for a route the user is allowed to see (see `allowedRoute`). */
export function CurrentView({ route }: { route: Route }) {
  switch (route.view) {
    case 'sites':
      return <SitesPage />;
    case 'overview':
    case 'admin':
    case 'siteBoard':
    case 'placement':
    case 'waitingList':
      return <UnavailableView />;
  }
}
