/**
 * Who is signed in. On load it asks the server (GET /api/auth/me, answered from the HttpOnly
 * session cookie); afterwards any API call that answers 401 ends the signed-in state with a
 * "session ended" notice. The user lives in React state only: nothing about them, and no token, is
 * written to localStorage, sessionStorage, IndexedDB or a readable cookie.
 */
import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { LoginInput } from '../../../shared/auth';
import { fetchCurrentUser, signInWith, signOutSession } from '../api/auth';
import { ApiError, UNAUTHORIZED, onUnauthorized, toApiError } from '../api/http';
import { AuthContext, type AuthContextValue, type AuthState } from './authContext';

export function AuthProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<AuthState>({ status: 'checking' });

  useEffect(() => {
    const controller = new AbortController();
    fetchCurrentUser(controller.signal).then(
      (user) => {
        if (controller.signal.aborted) return;
        setState((current) =>
          current.status === 'checking' ? { status: 'signed-in', user } : current,
        );
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        const notice =
          error instanceof ApiError && error.status === UNAUTHORIZED
            ? null
            : { kind: 'check-failed' as const, error: toApiError(error) };
        setState((current) =>
          current.status === 'checking' ? { status: 'signed-out', notice } : current,
        );
      },
    );
    return () => controller.abort();
  }, []);

  // Any call that finds the session gone (time-out, logout elsewhere, user disabled) signs out here.
  useEffect(
    () =>
      onUnauthorized(() => {
        setState((current) =>
          current.status === 'signed-in'
            ? { status: 'signed-out', notice: { kind: 'session-ended' } }
            : current,
        );
      }),
    [],
  );

  const signIn = useCallback(async (input: LoginInput) => {
    const user = await signInWith(input);
    setState({ status: 'signed-in', user });
  }, []);

  const signOut = useCallback(async () => {
    try {
      await signOutSession();
    } catch (error) {
      // 401: the session had already ended, which is what signing out wants.
      if (!(error instanceof ApiError && error.status === UNAUTHORIZED)) throw error;
    }
    setState({ status: 'signed-out', notice: { kind: 'signed-out' } });
  }, []);

  const refreshUser = useCallback(async () => {
    try {
      const user = await fetchCurrentUser();
      setState((current) =>
        current.status === 'signed-in' ? { status: 'signed-in', user } : current,
      );
      return true;
    } catch (error) {
      if (!(error instanceof ApiError && error.status === UNAUTHORIZED)) throw error;
      setState((current) =>
        current.status === 'signed-in'
          ? { status: 'signed-out', notice: { kind: 'session-ended' } }
          : current,
      );
      return false;
    }
  }, []);

  const value = useMemo<AuthContextValue>(
    () => ({
      state,
      user: state.status === 'signed-in' ? state.user : null,
      signIn,
      signOut,
      refreshUser,
    }),
    [state, signIn, signOut, refreshUser],
  );

  return <AuthContext value={value}>{children}</AuthContext>;
}
