/** The current hash route, followed as it changes (links, back button, `navigate`). */
import { useCallback, useEffect, useState } from 'react';
import { parseRoute, routeHref, type Route } from './route';

export function useRoute(): { route: Route | null; navigate: (route: Route) => void } {
  const [hash, setHash] = useState(() => window.location.hash);
  useEffect(() => {
    const onChange = () => setHash(window.location.hash);
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  const navigate = useCallback((route: Route) => {
    window.location.hash = routeHref(route);
  }, []);
  return { route: parseRoute(hash), navigate };
}
