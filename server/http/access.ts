/**
 * Who may call a route, declared next to it (CONVENTIONS habit 6) and enforced in one place,
 * ApiRouter: no session → 401; a role the route does not admit → 403; a site manager asking for
 * something of a site that is not theirs → 404, exactly as if it did not exist (no leak).
 */
import type { Response } from 'express';
import type { AuthUser } from '../../shared/auth';
import type { Role } from '../../shared/enums';

export type Audience = 'public' | 'authenticated' | readonly Role[];

export interface Access<P, B> {
  roles: Audience;
  /**
   * The sites the target belongs to, for site managers' scope; null when it is not tied to a site
   * (or does not exist: the handler then answers 404 itself).
   */
  sites?: (input: { params: P; body: B }) => Promise<number[] | null>;
  /**
   * Whether a site manager (of `siteIds`) may see the target at all (policies/visibility.ts);
   * false answers 404, exactly as if it did not exist.
   */
  visible?: (input: {
    params: P;
    body: B;
    siteIds: readonly number[];
    now: Date;
  }) => Promise<boolean>;
}

export const ADMIN: readonly Role[] = ['admin'];
export const EVERYONE: readonly Role[] = ['admin', 'official', 'site_manager', 'transport'];

/** The signed-in user of this request, if any (set by the authenticate middleware). */
export function currentUser(res: Response): AuthUser | null {
  const auth = res.locals.auth as { user: AuthUser } | undefined;
  return auth?.user ?? null;
}

/** The site ids a site manager is limited to; null for roles that see every site. */
export function siteScopeOf(user: AuthUser | null): number[] | null {
  return user?.role === 'site_manager' ? user.siteIds : null;
}
