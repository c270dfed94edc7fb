/** The signed-in state that AuthProvider shares with the app, and the hook that reads it. */
import { createContext, useContext } from 'react';
import type { AuthUser, LoginInput } from '../../../shared/auth';
import type { ApiError } from '../api/http';

/** Why the sign-in page is showing, when it is not simply a first visit. */
export type SignedOutNotice =
  /** An API call answered 401: idle or absolute time-out, logout elsewhere, user disabled. */
  | { kind: 'session-ended' }
  /** The user pressed "Sign out". */
  | { kind: 'signed-out' }
  /** The session check on load failed for another reason than 401 (server down, 5xx). */
  | { kind: 'check-failed'; error: ApiError };

export type AuthState =
  | { status: 'checking' }
  | { status: 'signed-out'; notice: SignedOutNotice | null }
  | { status: 'signed-in'; user: AuthUser };

export interface AuthContextValue {
  state: AuthState;
  /** The signed-in user, or null while checking or signed out. Kept in React state only. */
  user: AuthUser | null;
  /** Signs in; rejects with the ApiError (401 wrong credentials, 429 locked, …) on failure. */
  signIn: (input: LoginInput) => Promise<void>;
  /** Ends the session on the server, then shows the sign-in page; rejects if the server could not be told. */
  signOut: () => Promise<void>;
  /**
   * Asks the server who is signed in again (their role or sites may have changed): true while the
   * session lives, false when it has ended (the sign-in page then shows); rejects when the server
   * could not answer.
   */
  refreshUser: () => Promise<boolean>;
}

export const AuthContext = createContext<AuthContextValue | null>(null);

export function useAuth(): AuthContextValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth must be used inside <AuthProvider>.');
  return value;
}
