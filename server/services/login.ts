/**
 * Signing in (issue 4 §1, §5). Guarantees:
 * - a wrong password and an unknown username get the same 401, in about the same time (an
 *   unknown user's password is checked against a dummy hash with the same KDF parameters);
 * - while the account or the caller's address is locked, 429 with Retry-After — before the
 *   password is even looked at, so the right password does not help;
 * - every refused login is counted (account and address) and logged, never with the password;
 * - a success clears the account's count and opens a session, audited (`session` / `login`)
 *   in the same transaction as the session row when sessions live in the database.
 */
import type { AuthUser } from '../../shared/auth';
import { hashPassword, verifyPassword } from '../auth/password';
import type { AuthStores } from '../auth/stores';
import { inTransaction } from '../db/transaction';
import { tooManyRequests, unauthorized } from '../errors';
import { getLogger } from '../logging/logger';
import { User, UserSite } from '../models';
import { toAuthUser } from '../presenters/user';
import { recordAudit } from './audit';
import type { ServiceContext } from './context';

const log = getLogger('http');

export const WRONG_CREDENTIALS = 'Wrong username or password.';

export interface LoginProps {
  username: string;
  password: string;
  ip: string | null;
  userAgent: string | null;
}

export interface LoginResult {
  token: string;
  sessionId: string;
  expiresAt: Date;
  user: AuthUser;
}

let dummyHash: Promise<string> | null = null;
/** A hash of nothing anyone knows, made once, to spend the same time on unknown usernames. */
function dummy(): Promise<string> {
  dummyHash ??= hashPassword(`no such user ${Math.random()}`);
  return dummyHash;
}

export async function login(
  ctx: ServiceContext,
  auth: AuthStores,
  props: LoginProps,
): Promise<LoginResult> {
  const { username, ip } = props;
  const now = ctx.now;
  const locked = await auth.throttle.retryAfter(username, ip, now);
  if (locked !== null) {
    log.info('Login refused: locked', { username, ip, retryAfter: locked });
    throw tooManyRequests(locked);
  }

  const user = await User.findOne({ where: { username } });
  const passwordOk = await verifyPassword(props.password, user?.passwordHash ?? (await dummy()));
  if (!user || !passwordOk || user.disabledAt !== null) {
    const wait = await auth.throttle.recordFailure(username, ip, now);
    const reason = !user ? 'unknown user' : !passwordOk ? 'wrong password' : 'user disabled';
    log.info('Login refused', { username, ip, reason, ...(wait ? { lockedFor: wait } : {}) });
    throw wait !== null ? tooManyRequests(wait) : unauthorized(WRONG_CREDENTIALS);
  }

  await auth.throttle.clearAccount(username);
  const siteIds = (await UserSite.findAll({ where: { userId: user.id } })).map((s) => s.siteId);
  const session = await inTransaction(ctx.sequelize, async (transaction) => {
    const created = await auth.sessions.createSession(
      user.id,
      { ip, userAgent: props.userAgent },
      now,
      { transaction },
    );
    await recordAudit(
      transaction,
      { ...ctx.actor, userId: user.id },
      {
        entity: 'session',
        entityId: created.sessionId,
        action: 'login',
        after: { userId: user.id, username, expiresAt: created.expiresAt.toISOString() },
      },
    );
    return created;
  });
  return { ...session, user: toAuthUser(user, siteIds) };
}
