import { useState } from 'react';
import type { AuthUser } from '../../../shared/auth';
import { toApiError } from '../api/http';
import { apiMessages } from '../api/messages';
import { problemText } from '../api/problemText';
import { useMessages } from '../i18n/localeContext';
import { useAuth } from './authContext';
import { authMessages } from './messages';
import { ROLE_LABEL_KEYS } from './roleLabels';

interface Props {
  user: AuthUser;
  /** A site manager's sites as shown to them (codes once loaded); empty for other roles. */
  siteLabels: readonly string[];
}

/** The header's right side: who is signed in, in what role, for which sites, and Sign out. */
export function HeaderUser({ user, siteLabels }: Props) {
  const { signOut } = useAuth();
  const t = useMessages(authMessages);
  const tApi = useMessages(apiMessages);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  async function handleSignOut() {
    if (busy) return;
    setBusy(true);
    setFailure(null);
    try {
      // On success the signed-in shell, this button included, unmounts.
      await signOut();
    } catch (error) {
      setBusy(false);
      setFailure(problemText(tApi, toApiError(error)).title);
    }
  }

  return (
    <div className="app-header__user">
      <p className="user-badge">
        <span className="visually-hidden">{t('signedInAs')}</span>
        <span className="user-badge__name">{user.displayName}</span>
        <span className="visually-hidden">{t('roleIs')}</span>
        <span className="user-badge__role">{t(ROLE_LABEL_KEYS[user.role])}</span>
        {siteLabels.length > 0 && (
          <>
            <span className="visually-hidden">{t('sitesAre')}</span>
            <span className="user-badge__sites">{siteLabels.join(' · ')}</span>
          </>
        )}
      </p>
      {failure && (
        <p className="app-header__error" role="alert">
          {t('signOutFailed', { reason: failure })}
        </p>
      )}
      <button
        type="button"
        className="button button--on-brand"
        aria-disabled={busy}
        onClick={handleSignOut}
      >
        {busy ? t('signingOut') : t('signOut')}
      </button>
    </div>
  );
}
