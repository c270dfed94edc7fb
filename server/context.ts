/** What the app is built from: injected so tests can swap the clock and the database. */
import type { Config } from './config';
import type { Database } from './db/database';
import type { IsoDate } from '../shared/dates';
import { dateInZone } from '../shared/dates';

export interface AppContext {
  config: Config;
  db: Database;
  /** The current instant; tests pin it. */
  now: () => Date;
}

/** Today's calendar day in the app's time zone: the night that occupancy figures are for. */
export function today(ctx: AppContext): IsoDate {
  return dateInZone(ctx.now(), ctx.config.appTimezone);
}

/** Who is asking, for the audit trail (authentication arrives with the access issue). */
export interface Actor {
  userId: number | null;
  requestId: string | null;
  ip: string | null;
}
