/**
 * The background runner that drains the waiting list, one per process and database. Requests
 * never wait for it: a service that frees capacity calls `requestDrainAfterCommit`, which asks
 * for a drain once its transaction has committed (never on rollback), and the drain starts on a
 * later macrotask, after the response is on its way.
 *
 * Asks coalesce: while a pass runs in this process, any number of asks make one more pass after
 * it. Across processes the database's claim (claim.ts) lets one drain at a time; a process that
 * finds it held asks the holder for a rerun and watches it: if the holder's lease lapses (it died)
 * the watcher claims and drains itself. `start` adds a drain at start-up (resuming one a dead
 * process left) and one every configured interval.
 *
 * `requestDrainAfterCommit` (drainRequest.ts) is what services call; this is what it reaches.
 * For tests: `idle()` resolves once nothing runs or is due, `pause()` holds the drainer (a pass
 * under way stops at the next party) until `resume()`.
 */
import crypto from 'node:crypto';
import os from 'node:os';
import type { Sequelize } from 'sequelize';
import { dateInZone } from '../../shared/dates';
import type { AppContext } from '../context';
import { getLogger } from '../logging/logger';
import {
  abandonDrain,
  askForRerun,
  claimDrain,
  claimState,
  letGoOfDrain,
  renewDrain,
  type ClaimHeld,
} from './claim';
import { drainPass, type PassMemory, type PassSummary } from './drainPass';
import { drainerFor, setDrainer } from './drainRequest';

const log = getLogger('jobs');

/** How long a claim lasts unless renewed: a process that died holds up drains this long. */
export const DEFAULT_LEASE_MS = 30_000;
/** After a pass failed (the database away), the next try. */
const RETRY_MS = 5_000;

export interface DrainerOptions {
  sequelize: Sequelize;
  now: () => Date;
  timezone: string;
  leaseMs?: number;
  /** Names this drainer in the claim; unique per process by default. */
  holder?: string;
  /** One pass (tests put a gate in front of it to hold a pass open). */
  pass?: typeof drainPass;
}

export class Drainer {
  readonly holder: string;
  readonly leaseMs: number;
  readonly #sequelize: Sequelize;
  readonly #pass: typeof drainPass;
  #now: () => Date;
  #timezone: string;
  /** A pass was asked for that has not started yet. */
  #wanted = false;
  #scheduled: NodeJS.Immediate | null = null;
  #running: Promise<void> | null = null;
  #paused = false;
  #stopped = false;
  #timers = new Set<NodeJS.Timeout>();
  /** The one timer watching another process's claim, if any. */
  #watching: NodeJS.Timeout | null = null;
  #idle: (() => void)[] = [];
  /** The last pass this process ran (tests, logs). */
  lastPass: PassSummary | null = null;
  /** What the last pass learnt: the next looks for a kind that fitted nowhere in changed sites. */
  readonly #memory: { last: PassMemory | null } = { last: null };

  constructor(options: DrainerOptions) {
    this.#sequelize = options.sequelize;
    this.#pass = options.pass ?? drainPass;
    this.#now = options.now;
    this.#timezone = options.timezone;
    this.leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
    this.holder = (
      options.holder ?? `${os.hostname()}:${process.pid}:${crypto.randomUUID().slice(0, 8)}`
    ).slice(0, 100);
  }

  /** The clock whose day the drain places for (the last app built over this database). */
  useClock(now: () => Date, timezone: string): void {
    this.#now = now;
    this.#timezone = timezone;
  }

  /** Asks for a drain: it starts on a later macrotask, or after the pass now running. */
  request(): void {
    if (this.#stopped) return;
    this.#wanted = true;
    this.#schedule();
  }

  /** A drain now (resuming one a process that died left), then one every `intervalMs` (0: none). */
  start(intervalMs: number): void {
    this.request();
    if (intervalMs > 0) {
      const tick = setInterval(() => this.request(), intervalMs);
      tick.unref();
      this.#timers.add(tick);
    }
  }

  /** Stops: no more passes; the one under way stops at the next party and lets go of the claim. */
  async stop(): Promise<void> {
    this.#stopped = true;
    this.#wanted = false;
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
    if (this.#scheduled) clearImmediate(this.#scheduled);
    this.#scheduled = null;
    await this.#running;
    this.#settle();
  }

  /** Holds the drainer (tests): a pass under way stops at the next party. Resolves once held. */
  async pause(): Promise<void> {
    this.#paused = true;
    await this.#running;
  }

  resume(): void {
    this.#paused = false;
    this.#schedule();
    this.#settle();
  }

  /** Resolves once no pass runs or is due in this process (paused with asks pending: not idle). */
  idle(): Promise<void> {
    if (!this.#busy()) return Promise.resolve();
    return new Promise((resolve) => this.#idle.push(resolve));
  }

  #busy(): boolean {
    return this.#running !== null || this.#scheduled !== null || (this.#wanted && !this.#stopped);
  }

  #settle(): void {
    if (this.#busy()) return;
    for (const resolve of this.#idle.splice(0)) resolve();
  }

  #schedule(): void {
    if (!this.#wanted || this.#paused || this.#stopped || this.#running || this.#scheduled) return;
    // A later macrotask: the request that asked has answered by then.
    this.#scheduled = setImmediate(() => {
      this.#scheduled = null;
      this.#running = this.#turn()
        .catch((error: unknown) => {
          log.error('Waiting list drain failed', { error });
          this.#later(RETRY_MS, () => this.request());
        })
        .finally(() => {
          this.#running = null;
          this.#schedule();
          this.#settle();
        });
    });
  }

  #later(ms: number, work: () => void): NodeJS.Timeout | null {
    if (this.#stopped) return null;
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      work();
    }, ms);
    timer.unref();
    this.#timers.add(timer);
    return timer;
  }

  /** Claims and drains while asked to; when another process holds the claim, asks it instead. */
  async #turn(): Promise<void> {
    while (this.#wanted && !this.#paused && !this.#stopped) {
      this.#wanted = false;
      if (await claimDrain(this.holder, this.leaseMs)) {
        await this.#hold();
        continue;
      }
      const held = await askForRerun();
      if (held) {
        this.#watch(held);
        return;
      }
      // Let go of between the two statements: claim it again.
      this.#wanted = true;
    }
  }

  /** Runs passes while holding the claim, renewing its lease, until nobody asks for more. */
  async #hold(): Promise<void> {
    let lost = false;
    const renew = setInterval(() => {
      renewDrain(this.holder, this.leaseMs).then(
        (held) => (lost ||= !held),
        (error: unknown) => log.warn('Could not renew the drain claim', { error }),
      );
    }, this.leaseMs / 3);
    renew.unref();
    // True once the claim was let go of properly, or is no longer ours.
    let ended = false;
    try {
      for (;;) {
        this.#wanted = false;
        this.lastPass = await this.#pass({
          sequelize: this.#sequelize,
          now: this.#now,
          today: () => dateInZone(this.#now(), this.#timezone),
          goOn: () => !lost && !this.#paused && !this.#stopped,
          memory: this.#memory,
        });
        if (lost) {
          log.warn('Drain claim taken over by another process', { holder: this.holder });
          ended = true;
          return;
        }
        if (this.#paused || this.#stopped) return;
        // Asked again in this process meanwhile: the claim is still ours, go on.
        if (this.#wanted) continue;
        if ((await letGoOfDrain(this.holder, this.leaseMs)) !== 'rerun') {
          ended = true;
          return;
        }
      }
    } finally {
      clearInterval(renew);
      // Paused, stopped or failed with the claim in hand: leave the row asking for a rerun.
      if (!ended) {
        await abandonDrain(this.holder).catch((error: unknown) =>
          log.warn('Could not let go of the drain claim', { error }),
        );
        if (this.#paused) this.#wanted = true;
      }
    }
  }

  /**
   * Watches another process's claim after asking it for a rerun: if its lease lapses without it
   * letting go (it died), or it let go of a rerun it did not serve, this process claims and drains.
   */
  #watch(held: ClaimHeld): void {
    if (this.#watching) {
      clearTimeout(this.#watching);
      this.#timers.delete(this.#watching);
    }
    const wait = Math.max(50, held.leaseUntil.getTime() - Date.now() + 50);
    this.#watching = this.#later(wait, () => {
      this.#watching = null;
      claimState().then(
        (state) => {
          const now = new Date();
          if (state.holder === held.holder && state.leaseUntil && state.leaseUntil >= now) {
            this.#watch({ holder: held.holder, leaseUntil: state.leaseUntil });
          } else if (state.holder === held.holder || (state.holder === null && state.rerun)) {
            this.request();
          }
          // Else another process holds it now (claimed after the ask: it serves it), or the
          // holder served the rerun and let go.
        },
        (error: unknown) => log.warn('Could not read the drain claim', { error }),
      );
    });
  }
}

/**
 * The drainer of the app's database in this process, made on first use. Tests build many apps
 * over one database: there is still one drainer, on the clock of the app built last.
 */
export function attachDrainer(app: AppContext): Drainer {
  const { sequelize } = app.db;
  const known = drainerOf(sequelize);
  if (known) {
    known.useClock(app.now, app.config.appTimezone);
    return known;
  }
  const drainer = new Drainer({ sequelize, now: app.now, timezone: app.config.appTimezone });
  setDrainer(sequelize, drainer);
  return drainer;
}

/** This process's drainer for the database, once an app was built over it (tests wait on it). */
export function drainerOf(sequelize: Sequelize): Drainer | undefined {
  const runner = drainerFor(sequelize);
  return runner instanceof Drainer ? runner : undefined;
}
