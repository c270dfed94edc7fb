/**
 * Calls of the auth resource. The session lives in the HttpOnly `haven_session` cookie that the
 * server sets on sign-in and the browser sends with every same-origin request: the dashboard never
 * sees or keeps the token. A 401 from these calls means "not signed in" or "wrong password", so it
 * is not reported as an ended session.
 */
import type { AuthUser, LoginInput, LoginResponse } from '../../../shared/auth';
import { requestJson } from './http';

/** The signed-in user (GET /api/auth/me); rejects with a 401 ApiError when there is no session. */
export function fetchCurrentUser(signal?: AbortSignal): Promise<AuthUser> {
  return requestJson<AuthUser>('/api/auth/me', { signal, reportUnauthorized: false });
}

/**
 * Signs in (POST /api/auth/login) and returns the user. The response's bearer token is for API
 * clients and is deliberately dropped: the browser is authenticated by the cookie.
 */
export async function signInWith(input: LoginInput): Promise<AuthUser> {
  const { user } = await requestJson<LoginResponse>('/api/auth/login', {
    method: 'POST',
    body: input,
    reportUnauthorized: false,
  });
  return user;
}

/** Ends the session (POST /api/auth/logout); the server clears the cookie. */
export function signOutSession(): Promise<void> {
  return requestJson<void>('/api/auth/logout', { method: 'POST', reportUnauthorized: false });
}
