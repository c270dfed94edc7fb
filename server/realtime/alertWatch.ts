/**
 * Alerts are derived from the data on each read (queries/alerts.ts), and some begin with no change
 * at all, only time passing: a room's cleaning becomes overdue, a party has waited two hours. The
 * watch reads them every interval and hands on those it had not seen, so dashboards hear of them
 * without a reload. Alerts raised by a change (a site over its ceiling) are seen on the next read,
 * while the dashboards also reload alerts with every occupancy message.
 *
 * Each process watches for its own clients (the caller emits locally): every process reads the
 * same database, so with N processes each client still hears an alert once.
 */
import type { AlertDto } from '../../shared/placementDto';
import { getLogger } from '../logging/logger';

const log = getLogger('realtime');

export const ALERT_CHECK_MS = 60_000;

export interface AlertWatch {
  /** Reads the alerts now and hands on the new ones (tests; the interval calls it). */
  check(): Promise<void>;
  stop(): void;
}

/** The same condition about the same thing is the same alert, whatever its numbers say now. */
export function alertKey(alert: AlertDto): string {
  return [alert.kind, alert.siteId, alert.roomId, alert.partyId].join(':');
}

export function watchAlerts(options: {
  read: () => Promise<AlertDto[]>;
  onNew: (alerts: AlertDto[]) => void;
  intervalMs?: number;
  /** Whether anyone would hear (the process has clients); the interval skips its read if not. */
  listened?: () => boolean;
}): AlertWatch {
  // The alerts standing when the watch starts are not news: clients read them when they load.
  let known: Set<string> | null = null;
  let running: Promise<void> = Promise.resolve();
  const checkOnce = async () => {
    const alerts = await options.read();
    const keys = new Set(alerts.map(alertKey));
    const fresh = known ? alerts.filter((a) => !known!.has(alertKey(a))) : [];
    known = keys;
    if (fresh.length) options.onNew(fresh);
  };
  const check = () => {
    running = running.then(checkOnce).catch((error: unknown) => {
      log.warn('Could not read the alerts', { error });
    });
    return running;
  };
  const listened = options.listened ?? (() => true);
  const timer = setInterval(() => {
    if (listened()) void check();
  }, options.intervalMs ?? ALERT_CHECK_MS);
  timer.unref();
  if (listened()) void check();
  return {
    check,
    stop: () => clearInterval(timer),
  };
}
