import type { AuthUser, UserDto } from '../../shared/auth';
import type { User } from '../models';
import type { UserAccess } from '../queries/users';

/** The signed-in user as requests see it (res.locals.auth.user). */
export function toAuthUser(user: UserAccess['user'], siteIds: number[]): AuthUser {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    siteIds: [...siteIds].sort((a, b) => a - b),
  };
}

/** A user as the admin API shows it: never the password hash. */
export function presentUser(user: User, siteIds: number[]): UserDto {
  return {
    ...toAuthUser(user, siteIds),
    disabled: user.disabledAt !== null,
    createdAt: new Date(user.createdAt).toISOString(),
  };
}
