/** What the authenticate middleware leaves on a request, typed (res.locals.auth). */
import type { Response } from 'express';
import type { AuthUser } from '../../shared/auth';

export interface RequestAuth {
  user: AuthUser;
  /** The session's store id (SHA-256 of the token), never the token. */
  sessionId: string;
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Locals {
      /** Set by `authenticate` when the request carried a valid session; absent otherwise. */
      auth?: RequestAuth;
    }
  }
}

/** The session of this request, or null when it carried no credentials. */
export function currentAuth(res: Response): RequestAuth | null {
  return res.locals.auth ?? null;
}
