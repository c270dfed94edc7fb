/**
 * Buffers "this site changed" per site and flushes at most once per interval: however many
 * changes a site saw in one interval (a batch placing 5,000 people), its audience gets one
 * message per flush, built from one read of the totals of every changed site.
 *
 * Leading edge: a change that finds the coalescer idle (no flush begun in the last interval) is
 * flushed at once — on the next macrotask, so that the events of one commit go together — and
 * changes that come while it is busy wait for the end of the interval and go together. So a lone
 * placement reaches dashboards without waiting out an interval, and a burst is still coalesced
 * (bench:fanout measured the trailing-edge design, which always waited, at ~270 ms p50).
 * Flushes never overlap; a flush that fails puts its sites back for the next one.
 */
import { getLogger } from '../logging/logger';

const log = getLogger('realtime');

/**
 * At most ten flushes a second. The interval is also the longest a change waits while others keep
 * coming, so it bounds the p99 from commit to dashboard: with placements 100 ms apart, 250 ms
 * kept that p99 above the 250 ms target at 1,000 dashboards (BENCHMARKS.md, bench:fanout).
 */
export const DEFAULT_FLUSH_MS = 100;

export class Coalescer {
  readonly #dirty = new Set<number>();
  #waitingListChanges = 0;
  #timer: NodeJS.Timeout | null = null;
  #flushing: Promise<void> = Promise.resolve();
  #closed = false;
  /** performance.now() when the last flush that had something to send began. */
  #lastFlushAt = -Infinity;

  constructor(
    private readonly intervalMs: number,
    private readonly publish: (batch: {
      siteIds: number[];
      waitingListChanges: number;
    }) => Promise<void>,
  ) {}

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

  #schedule(): void {
    if (this.#timer || this.#closed) return;
    // Idle: 0 (next macrotask). Busy: the end of the interval since the last flush began.
    const wait = Math.max(0, this.#lastFlushAt + this.intervalMs - performance.now());
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
    this.#lastFlushAt = performance.now();
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
