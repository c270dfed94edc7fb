import { authStoresFor } from '../../auth/stores';
import type { AppContext } from '../../context';
import { ADMIN } from '../../http/access';
import type { ApiRouter } from '../../http/apiRouter';
import { presentUser } from '../../presenters/user';
import { listUsersWithSites } from '../../queries/users';
import { changeUserStatus } from '../../services/changeUserStatus';
import { createUser } from '../../services/createUser';
import { resetUserPassword } from '../../services/resetUserPassword';
import { updateUser } from '../../services/updateUser';
import { BAD_INPUT, CONFLICT, NOT_FOUND } from '../common/schemas';
import { serviceContext } from '../serviceContext';
import {
  passwordResetBody,
  userCreateBody,
  userIdParams,
  userListSchema,
  userSchema,
  userUpdateBody,
} from './schemas';

/** User administration: accounts, roles, a site manager's sites, disabling, password resets. */
export function registerUserRoutes(api: ApiRouter, app: AppContext): void {
  const auth = authStoresFor(app.config);

  api.add({
    method: 'get',
    path: '/users',
    tag: 'users',
    access: { roles: ADMIN },
    summary: 'List users (never their passwords)',
    responses: { 200: { description: 'Users by username', schema: userListSchema } },
    handler: async ({ res }) => {
      const rows = await listUsersWithSites();
      res.json({ data: rows.map((r) => presentUser(r.user, r.siteIds)) });
    },
  });

  api.add({
    method: 'post',
    path: '/users',
    tag: 'users',
    access: { roles: ADMIN },
    summary: 'Create a user (a site manager with their sites; a password of 12+ characters)',
    body: userCreateBody,
    responses: {
      201: { description: 'Created', schema: userSchema },
      400: BAD_INPUT,
      409: CONFLICT,
    },
    handler: async ({ body, req, res }) => {
      const { user, siteIds } = await createUser(serviceContext(app, req, res), body);
      res.status(201).location(`/api/users/${user.id}`).json(presentUser(user, siteIds));
    },
  });

  api.add({
    method: 'patch',
    path: '/users/:userId',
    tag: 'users',
    access: { roles: ADMIN },
    summary: "Change a user's display name, role or sites (effective on their next request)",
    params: userIdParams,
    body: userUpdateBody,
    responses: {
      200: { description: 'Updated', schema: userSchema },
      400: BAD_INPUT,
      404: NOT_FOUND,
      409: CONFLICT,
    },
    handler: async ({ params, body, req, res }) => {
      const { user, siteIds } = await updateUser(
        serviceContext(app, req, res),
        params.userId,
        body,
      );
      res.json(presentUser(user, siteIds));
    },
  });

  for (const [action, summary] of [
    ['disable', 'Disable a user: every session of theirs ends at once'],
    ['enable', 'Enable a disabled user again'],
  ] as const) {
    api.add({
      method: 'post',
      path: `/users/:userId/${action}`,
      tag: 'users',
      access: { roles: ADMIN },
      summary,
      params: userIdParams,
      responses: {
        200: { description: 'The user after the change', schema: userSchema },
        400: BAD_INPUT,
        404: NOT_FOUND,
        409: CONFLICT,
      },
      handler: async ({ params, req, res }) => {
        const { user, siteIds } = await changeUserStatus(
          serviceContext(app, req, res),
          auth,
          params.userId,
          action,
        );
        res.json(presentUser(user, siteIds));
      },
    });
  }

  api.add({
    method: 'post',
    path: '/users/:userId/password',
    tag: 'users',
    access: { roles: ADMIN },
    summary: "Set a new password for a user: their sessions end and the account's lockout lifts",
    params: userIdParams,
    body: passwordResetBody,
    responses: {
      204: { description: 'Password set' },
      400: BAD_INPUT,
      404: NOT_FOUND,
    },
    handler: async ({ params, body, req, res }) => {
      await resetUserPassword(serviceContext(app, req, res), auth, params.userId, body.password);
      res.status(204).end();
    },
  });
}
