import { useState } from 'react';
import type { AuthUser } from '../../../shared/auth';
import { ApiError } from '../api/http';
import { useAuth } from './authContext';
import { ROLE_LABELS } from './roleLabels';

/** The header's right side: who is signed in, in what role, and the Sign out button. */
export function HeaderUser({ user }: { user: AuthUser }) {
  const { signOut } = useAuth();
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
      setFailure(error instanceof ApiError ? error.title : 'Something went wrong');
    }
  }

  return (
    <div className="app-header__user">
      <p className="user-badge">
        <span className="visually-hidden">Signed in as </span>
        <span className="user-badge__name">{user.displayName}</span>
        <span className="visually-hidden">, role </span>
        <span className="user-badge__role">{ROLE_LABELS[user.role]}</span>
      </p>
      {failure && (
        <p className="app-header__error" role="alert">
          Sign-out failed: {failure}
        </p>
      )}
      <button
        type="button"
        className="button button--on-brand"
        aria-disabled={busy}
        onClick={handleSignOut}
      >
        {busy ? 'Signing out…' : 'Sign out'}
      </button>
    </div>
  );
}
