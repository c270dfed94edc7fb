import { useEffect, useRef, type MouseEvent } from 'react';
import { useAuth } from '../auth/authContext';
import { SessionCheck } from '../auth/SessionCheck';
import { SignInPage } from '../auth/SignInPage';
import { useMessages } from '../i18n/localeContext';
import { RealtimeProvider } from '../realtime/RealtimeProvider';
import { LanguageSwitch } from './LanguageSwitch';
import { shellMessages } from './messages';
import { SignedInShell } from './SignedInShell';

/**
 * The Haven header (brand and language switch, always there, also before signing in) and below
 * it the session check, the sign-in page, or the signed-in shell with its one socket.
 */
export function Shell() {
  const { state, user } = useAuth();
  const t = useMessages(shellMessages);
  const frameRef = useRef<HTMLDivElement>(null);
  const userId = user?.id ?? null;

  // After signing in the form is gone and focus with it: start keyboard users at the content.
  useEffect(() => {
    if (userId === null) return;
    const active = document.activeElement;
    if (active === null || active === document.body) {
      frameRef.current?.querySelector<HTMLElement>('#main')?.focus();
    }
  }, [userId]);

  return (
    <div ref={frameRef}>
      <a className="skip-link" href="#main" onClick={skipToMain}>
        {t('skipToContent')}
      </a>
      <header className="app-header">
        <div className="app-header__inner">
          <h1 className="app-header__brand">{t('brand')}</h1>
          <p className="app-header__subtitle">{t('subtitle')}</p>
          <LanguageSwitch />
        </div>
      </header>
      {state.status === 'signed-in' ? (
        // Keyed by user: the next user to sign in never sees the previous one's data or socket.
        <RealtimeProvider key={state.user.id}>
          <SignedInShell user={state.user} />
        </RealtimeProvider>
      ) : (
        <main id="main" className="app-main" tabIndex={-1}>
          {state.status === 'checking' ? <SessionCheck /> : <SignInPage notice={state.notice} />}
        </main>
      )}
    </div>
  );
}

/**
 * Routes live in the hash, so the skip link must not navigate to `#main` (that would be read as
 * an unknown route): it moves focus instead.
 */
function skipToMain(event: MouseEvent<HTMLAnchorElement>) {
  event.preventDefault();
  document.getElementById('main')?.focus();
}
