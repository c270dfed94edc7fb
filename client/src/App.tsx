import { useEffect, useRef } from 'react';
import { AuthProvider } from './auth/AuthProvider';
import { useAuth } from './auth/authContext';
import { HeaderUser } from './auth/HeaderUser';
import { SessionCheck } from './auth/SessionCheck';
import { SignInPage } from './auth/SignInPage';
import { LocaleProvider } from './i18n/LocaleProvider';
import { RealtimeProvider } from './realtime/RealtimeProvider';
import { useRoute } from './navigation/useRoute';
import { PlacementPage } from './placement/PlacementPage';
import { SiteBoardPage } from './siteBoard/SiteBoardPage';
import { SitesPage } from './sites/SitesPage';
import { WaitingListPage } from './waitingList/WaitingListPage';

/** The application: the signed-in state around the shell. */
export function App() {
  return (
    <LocaleProvider>
      <AuthProvider>
        <Shell />
      </AuthProvider>
    </LocaleProvider>
  );
}

/**
 * The Haven header and one view: the session check, the sign-in page, or (for every role, until
 * role-based navigation arrives) sites and occupancy, which the API filters to a site manager's
 * own sites.
 */
function Shell() {
  const { state, user } = useAuth();
  const mainRef = useRef<HTMLElement>(null);
  const userId = user?.id ?? null;

  // After signing in the form is gone and focus with it: start keyboard users at the content.
  useEffect(() => {
    if (userId === null) return;
    const active = document.activeElement;
    if (active === null || active === document.body) mainRef.current?.focus();
  }, [userId]);

  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="app-header">
        <div className="app-header__inner">
          <h1 className="app-header__brand">Haven</h1>
          <p className="app-header__subtitle">
            Quarantine site allocation · <span lang="zh-CN">集中隔离点调配</span>
          </p>
          {user && <HeaderUser user={user} />}
        </div>
      </header>
      <main id="main" className="app-main" tabIndex={-1} ref={mainRef}>
        {state.status === 'checking' ? (
          <SessionCheck />
        ) : state.status === 'signed-out' ? (
          <SignInPage notice={state.notice} />
        ) : (
          // Keyed by user: the next user to sign in never sees the previous one's list or socket.
          <RealtimeProvider key={state.user.id}>
            <RoutedView />
          </RealtimeProvider>
        )}
      </main>
    </>
  );
}

/** The board's views by hash route until the shell's navigation is merged; sites otherwise. */
function RoutedView() {
  const { route } = useRoute();
  switch (route?.view) {
    case 'siteBoard':
      return <SiteBoardPage key={route.siteId} siteId={route.siteId} />;
    case 'placement':
      return <PlacementPage />;
    case 'waitingList':
      return <WaitingListPage />;
    default:
      return <SitesPage />;
  }
}
