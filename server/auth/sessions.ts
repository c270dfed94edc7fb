/**
 * Server-side, revocable sessions (issue 4 §1). A session is an opaque random token (32 bytes,
 * base64url) handed to the client once; the store keeps only its SHA-256, so the token cannot be
 * read back from the database or Redis. A session ends:
 * - after 30 minutes without a request (idle time-out, measured from lastSeenAt);
 * - 12 hours after sign-in, however active (absolute time-out);
 * - at once when revoked (logout, the user disabled, their password reset) or the user disabled.
 * Every request reads the shared store and the user row: no process keeps a "valid" verdict.
 */
import crypto from 'node:crypto';
import type { AuthUser } from '../../shared/auth';
import { toAuthUser } from '../presenters/user';
import { findUserWithSites, type UserAccess } from '../queries/users';
import type { SessionRecord, SessionStore, StoreOptions } from './sessionStore';

const MINUTE = 60_000;
export const IDLE_TIMEOUT_MS = 30 * MINUTE;
export const ABSOLUTE_TIMEOUT_MS = 12 * 60 * MINUTE;
/** lastSeenAt is written at most this often per session, to spare the store a write per request. */
export const TOUCH_INTERVAL_MS = MINUTE;
export const USER_AGENT_MAX = 255;

const TOKEN_BYTES = 32;
/** 32 bytes in base64url without padding. */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export interface SessionMeta {
  ip: string | null;
  userAgent: string | null;
}

export interface CreatedSession {
  token: string;
  sessionId: string;
  expiresAt: Date;
}

export interface ResolvedSession {
  user: AuthUser;
  sessionId: string;
  /** When it ends unless used again: the idle time-out from its last use, or the absolute one. */
  endsAt: Date;
}

/** The store key of a token: hex SHA-256. */
export function sessionIdOf(token: string): string {
  return crypto.createHash('sha256').update(token, 'utf8').digest('hex');
}

export function newToken(): string {
  return crypto.randomBytes(TOKEN_BYTES).toString('base64url');
}

function endOf(lastSeenAt: Date, expiresAt: Date): Date {
  return new Date(Math.min(lastSeenAt.getTime() + IDLE_TIMEOUT_MS, expiresAt.getTime()));
}

export class Sessions {
  constructor(readonly store: SessionStore) {}

  /** Opens a session for a user; pass the caller's transaction to commit it with an audit event. */
  async createSession(
    userId: number,
    meta: SessionMeta,
    now: Date,
    options: StoreOptions = {},
  ): Promise<CreatedSession> {
    const token = newToken();
    const sessionId = sessionIdOf(token);
    const expiresAt = new Date(now.getTime() + ABSOLUTE_TIMEOUT_MS);
    await this.store.create(
      {
        id: sessionId,
        userId,
        createdAt: now,
        lastSeenAt: now,
        expiresAt,
        revokedAt: null,
        ip: meta.ip ? meta.ip.slice(0, 64) : null,
        userAgent: meta.userAgent ? meta.userAgent.slice(0, USER_AGENT_MAX) : null,
      },
      options,
    );
    return { token, sessionId, expiresAt };
  }

  /**
   * The signed-in user for a token, with roles and sites as they are now; null when the token is
   * malformed, unknown, revoked, idle for 30 minutes, older than 12 hours, or its user disabled.
   */
  async resolveSession(token: string, now: Date): Promise<ResolvedSession | null> {
    if (!TOKEN_PATTERN.test(token)) return null;
    const sessionId = sessionIdOf(token);
    const read = this.store.findWithUser
      ? await this.store.findWithUser(sessionId)
      : await this.findThenUser(sessionId);
    if (!read) return null;
    const { session, access: found } = read;
    if (session.revokedAt) return null;
    const t = now.getTime();
    if (t >= session.expiresAt.getTime()) return null;
    if (t - session.lastSeenAt.getTime() >= IDLE_TIMEOUT_MS) return null;
    if (!found || found.user.disabledAt !== null) return null;
    let lastSeenAt = session.lastSeenAt;
    if (t - lastSeenAt.getTime() >= TOUCH_INTERVAL_MS) {
      await this.store.touch(sessionId, now);
      lastSeenAt = now;
    }
    return {
      user: toAuthUser(found.user, found.siteIds),
      sessionId,
      endsAt: endOf(lastSeenAt, session.expiresAt),
    };
  }

  /** A store that keeps sessions apart from users (Redis): two reads. */
  private async findThenUser(
    sessionId: string,
  ): Promise<{ session: SessionRecord; access: UserAccess | null } | null> {
    const session = await this.store.find(sessionId);
    if (!session || session.revokedAt) return session ? { session, access: null } : null;
    return { session, access: await findUserWithSites(session.userId) };
  }

  /**
   * When a live session ends unless used again, or null when it has ended (revoked, idle, too
   * old, gone). For holders of a session that make no requests, such as a socket.
   */
  async sessionEndsAt(sessionId: string, now: Date): Promise<Date | null> {
    const session = await this.store.find(sessionId);
    if (!session || session.revokedAt) return null;
    const endsAt = endOf(session.lastSeenAt, session.expiresAt);
    return now.getTime() < endsAt.getTime() ? endsAt : null;
  }

  /** Ends one session (logout). True when it was live. */
  revokeSession(sessionId: string, now = new Date(), options: StoreOptions = {}) {
    return this.store.revoke(sessionId, now, options);
  }

  /** Ends every session of a user (disabled, password reset); returns how many were live. */
  revokeUserSessions(userId: number, now = new Date(), options: StoreOptions = {}) {
    return this.store.revokeUser(userId, now, options);
  }
}
