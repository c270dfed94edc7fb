/**
 * Signed-in callers for API tests, made directly through the services (no HTTP, one KDF run per
 * test process): `request(app).get('/api/sites').set((await signIn('official')).auth)`.
 */
import type { Role } from '../../shared/enums';
import { hashPassword } from '../../server/auth/password';
import { authStoresFor } from '../../server/auth/stores';
import { User, UserSite } from '../../server/models';
import { buildSite } from '../factories';
import { TEST_NOW } from './app';

/** The password of every user made by signIn. */
export const TEST_PASSWORD = 'correct horse battery staple';

let passwordHash: Promise<string> | null = null;
let sequence = 0;

export interface SignedIn {
  user: User;
  token: string;
  /** Headers for supertest's `.set()`. */
  auth: { Authorization: string };
}

/**
 * Creates a user of `role` (a site manager gets `siteIds`, or a new site of their own) and a
 * session for them at `now` (the test app's clock by default), in the database store that
 * `testApp()` uses.
 */
export async function signIn(
  role: Role,
  options: { siteIds?: number[]; username?: string; now?: Date } = {},
): Promise<SignedIn> {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const username = options.username ?? `${role.replace('_', '-')}-${++sequence}`;
  const user = await User.create({
    username,
    displayName: `Test ${role} ${username}`,
    passwordHash: await passwordHash,
    role,
    disabledAt: null,
  });
  if (role === 'site_manager') {
    const siteIds = options.siteIds ?? [(await buildSite()).id];
    await UserSite.bulkCreate(siteIds.map((siteId) => ({ userId: user.id, siteId })));
  }
  const { sessions } = authStoresFor({ redisUrl: null });
  const { token } = await sessions.createSession(
    user.id,
    { ip: '127.0.0.1', userAgent: 'test' },
    options.now ?? TEST_NOW,
  );
  return { user, token, auth: { Authorization: `Bearer ${token}` } };
}
