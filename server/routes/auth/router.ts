import type { LoginResponse } from '../../../shared/auth';
import { clearedSessionCookie, sessionCookie } from '../../auth/cookie';
import { authStoresFor } from '../../auth/stores';
import { currentAuth } from '../../auth/types';
import type { AppContext } from '../../context';
import { unauthorized } from '../../errors';
import type { ApiRouter } from '../../http/apiRouter';
import { login } from '../../services/login';
import { logout } from '../../services/logout';
import { BAD_INPUT } from '../common/schemas';
import { serviceContext } from '../serviceContext';
import { authUserSchema, loginBody, loginResponseSchema } from './schemas';

const UNAUTHORIZED = { description: 'No valid session' };

/** Sign in, sign out, who am I. Sessions: server/auth/sessions.ts. */
export function registerAuthRoutes(api: ApiRouter, app: AppContext): void {
  const auth = authStoresFor(app.config);

  api.add({
    method: 'post',
    path: '/auth/login',
    tag: 'auth',
    access: { roles: 'public' },
    summary:
      'Sign in: a bearer token in the body and an HttpOnly session cookie (5 failures lock the account for 15 min)',
    body: loginBody,
    responses: {
      200: { description: 'Signed in', schema: loginResponseSchema },
      400: BAD_INPUT,
      401: { description: 'Wrong username or password (the same answer for both)' },
      429: { description: 'Locked after repeated failures: Retry-After says for how long' },
    },
    handler: async ({ body, req, res }) => {
      const result = await login(serviceContext(app, req, res), auth, {
        username: body.username,
        password: body.password,
        ip: req.ip ?? null,
        userAgent: req.get('user-agent') ?? null,
      });
      const response: LoginResponse = {
        token: result.token,
        expiresAt: result.expiresAt.toISOString(),
        user: result.user,
      };
      res
        .set('Cache-Control', 'no-store')
        .append('Set-Cookie', sessionCookie(result.token, req.secure))
        .json(response);
    },
  });

  api.add({
    method: 'post',
    path: '/auth/logout',
    tag: 'auth',
    access: { roles: 'authenticated' },
    summary: 'Sign out: the session ends at once and the cookie is cleared',
    responses: { 204: { description: 'Signed out' }, 401: UNAUTHORIZED },
    handler: async ({ req, res }) => {
      await logout(serviceContext(app, req, res), auth, currentAuth(res)?.sessionId ?? null);
      res.append('Set-Cookie', clearedSessionCookie(req.secure)).status(204).end();
    },
  });

  api.add({
    method: 'get',
    path: '/auth/me',
    tag: 'auth',
    access: { roles: 'authenticated' },
    summary: 'The signed-in user, with role and sites as they are now',
    responses: {
      200: { description: 'The signed-in user', schema: authUserSchema },
      401: UNAUTHORIZED,
    },
    handler: ({ res }) => {
      const session = currentAuth(res);
      if (!session) throw unauthorized();
      res.json(session.user);
    },
  });
}
