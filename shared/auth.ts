/** Users, sessions and login: the shapes the API sends and accepts, shared with the client. */
import type { Role } from './enums';

/** The signed-in user as the server knows them on every request (roles and sites are current). */
export interface AuthUser {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  /** The sites a site manager is limited to; empty for every other role. */
  siteIds: number[];
}

export interface LoginInput {
  username: string;
  password: string;
}

export interface LoginResponse {
  /** Bearer token for API clients (`Authorization: Bearer <token>`); the browser uses the cookie. */
  token: string;
  /** The absolute end of the session (ISO timestamp); it ends sooner after 30 idle minutes. */
  expiresAt: string;
  user: AuthUser;
}

export interface UserDto {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  siteIds: number[];
  disabled: boolean;
  createdAt: string;
}

export interface UserListDto {
  data: UserDto[];
}

export interface UserCreateInput {
  username: string;
  displayName: string;
  role: Role;
  password: string;
  /** Required (non-empty) for a site manager, refused for every other role. */
  siteIds?: number[];
}

export interface UserUpdateInput {
  displayName?: string;
  role?: Role;
  siteIds?: number[];
}

export interface PasswordResetInput {
  password: string;
}
