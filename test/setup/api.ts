/**
 * The app in-process with a signed-in caller: `const api = await apiAs('official')`, then
 * `api.get('/api/sites')` — every request carries that caller's session.
 */
import request from 'supertest';
import type { Role } from '../../shared/enums';
import { testApp } from './app';
import { signIn } from './auth';
import type { User } from '../../server/models';

type Verb = 'get' | 'post' | 'patch' | 'put' | 'delete';
/** The signed-in caller's requests, and who they are. */
export type Api = Record<Verb, (url: string) => request.Test> & { user: User };

export async function apiAs(
  role: Role = 'admin',
  options: { now?: Date; siteIds?: number[] } = {},
): Promise<Api> {
  const { auth, user } = await signIn(role, options);
  const agent = request(testApp(options.now));
  const verb = (name: Verb) => (url: string) => agent[name](url).set(auth);
  return {
    user,
    get: verb('get'),
    post: verb('post'),
    patch: verb('patch'),
    put: verb('put'),
    delete: verb('delete'),
  };
}
