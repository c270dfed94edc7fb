/**
 * Buffers "this site changed" per site and flushes on a token bucket: however many changes a site
 * saw meanwhile (a batch placing 5,000 people), its audience gets one message per flush, built
 * from one read of the totals of every changed site.
 *
 * A change that finds a token flushes at once — on the next macrotask, so that the events of one
 * commit go together. Tokens come back one per interval, up to `burst`; without one, changes wait
 * for the next token and go together. So a lone placement reaches dashboards without waiting, a
 * steady trickle a little faster than one per interval is not delayed by its jitter, and a burst
 * is coalesced into `burst` flushes and then at most one per interval. (A plain "one flush per
 * interval" — a bucket of one — made placements 100 ms apart wait 5–70 ms whenever a commit came
 * a little early: bench:fanout, BENCHMARKS.md.)
 * Flushes never overlap; a flush that fails puts its sites back for the next one.
 */
import { getLogger } from '../logging/logger';

const log = getLogger('realtime');

/**
 * At most ten flushes a second sustained. The interval is also the longest a change waits while
 * others keep coming, so it bounds the p99 from commit to dashboard: with placements 100 ms apart,
 * 250 ms kept that p99 above the 250 ms target at 1,000 dashboards (BENCHMARKS.md, bench:fanout).
 */
export const DEFAULT_FLUSH_MS = 100;
/** Flushes that may go back to back after a quiet spell. */
export const DEFAULT_FLUSH_BURST = 3;

export class Coalescer {
  readonly #dirty = new Set<number>();
  #waitingListChanges = 0;
  #timer: NodeJS.Timeout | null = null;
  #flushing: Promise<void> = Promise.resolve();
  #closed = false;
  /** Flush tokens at `#tokensAt` (performance.now()); one comes back per interval, up to burst. */
  #tokens: number;
  #tokensAt = performance.now();

  constructor(
    private readonly intervalMs: number,
    private readonly publish: (batch: {
      siteIds: number[];
      waitingListChanges: number;
    }) => Promise<void>,
    private readonly burst = DEFAULT_FLUSH_BURST,
  ) {
    this.#tokens = burst;
  }

  markSites(siteIds: Iterable<number>): void {
    for (const id of siteIds) this.#dirty.add(id);
    this.#schedule();
  }

  markWaitingList(): void {
    this.#waitingListChanges++;
    this.#schedule();
  }

  /** Flushes now what is buffered (tests; shutdown), after any flush in progress. */
  flush(): Promise<void> {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    this.#flushing = this.#flushing.then(() => this.#flushOnce());
    return this.#flushing;
  }

  async close(): Promise<void> {
    this.#closed = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    await this.#flushing;
  }

  /** Tokens now, refilled for the time since they were last counted. */
  #refill(): number {
    const now = performance.now();
    this.#tokens = Math.min(this.burst, this.#tokens + (now - this.#tokensAt) / this.intervalMs);
    this.#tokensAt = now;
    return this.#tokens;
  }

  #schedule(): void {
    if (this.#timer || this.#closed) return;
    // A token: 0 (next macrotask). None: when the next one comes back.
    const wait = Math.max(0, (1 - this.#refill()) * this.intervalMs);
    this.#timer = setTimeout(() => {
      this.#timer = null;
      this.#flushing = this.#flushing.then(() => this.#flushOnce());
    }, wait);
  }

  async #flushOnce(): Promise<void> {
    const siteIds = [...this.#dirty].sort((a, b) => a - b);
    const waitingListChanges = this.#waitingListChanges;
    this.#dirty.clear();
    this.#waitingListChanges = 0;
    if (siteIds.length === 0 && waitingListChanges === 0) return;
    this.#refill();
    this.#tokens = Math.max(0, this.#tokens - 1);
    try {
      await this.publish({ siteIds, waitingListChanges });
    } catch (error) {
      log.error('Realtime flush failed: retrying with the next one', { error });
      if (this.#closed) return;
      for (const id of siteIds) this.#dirty.add(id);
      this.#waitingListChanges += waitingListChanges;
      this.#schedule();
    }
  }
}
