/**
 * Where sessions live: the database by default, Redis when REDIS_URL is set. Both are shared by
 * every server process and read on every request, so a revocation takes effect at once everywhere
 * (nothing caches "this session is valid" in a process).
 */
import type { Transaction } from 'sequelize';
import type { UserAccess } from '../queries/users';

export interface SessionRecord {
  /** Hex SHA-256 of the token; the token itself is never stored. */
  id: string;
  userId: number;
  createdAt: Date;
  lastSeenAt: Date;
  /** The absolute end (createdAt + 12 h). */
  expiresAt: Date;
  revokedAt: Date | null;
  ip: string | null;
  userAgent: string | null;
}

export interface StoreOptions {
  /**
   * The caller's database transaction, so that a session written by the database store commits
   * or rolls back with the caller's audit event. The Redis store ignores it (Redis writes at once).
   */
  transaction?: Transaction;
}

export interface SessionStore {
  readonly kind: 'database' | 'redis';
  create(record: SessionRecord, options?: StoreOptions): Promise<void>;
  /** The session, or null when there is none (revoked sessions may come back with revokedAt). */
  find(id: string): Promise<SessionRecord | null>;
  /**
   * The session and its user with their sites, read together (one round trip per request), when
   * the store can: the database store joins them. Without it, the user is read after `find`.
   */
  findWithUser?(id: string): Promise<{ session: SessionRecord; access: UserAccess | null } | null>;
  /** Records activity; never brings back a session that was revoked or removed meanwhile. */
  touch(id: string, at: Date): Promise<void>;
  /** True when there was a live session to revoke. */
  revoke(id: string, at: Date, options?: StoreOptions): Promise<boolean>;
  /** Revokes every session of a user; returns how many were live. */
  revokeUser(userId: number, at: Date, options?: StoreOptions): Promise<number>;
  /**
   * Forgets every session (`db:seed --reset`: sessions name users by id, and a reset database
   * gives those ids to new users).
   */
  forgetAll(): Promise<void>;
}
