/**
 * Buffers "this site changed" per site and flushes a few times a second: however many changes a
 * site saw in one interval (a batch placing 5,000 people), its audience gets one message per
 * flush, built from one read of the totals of every changed site. Flushes never overlap; a flush
 * that fails puts its sites back for the next one.
 */
import { getLogger } from '../logging/logger';

const log = getLogger('realtime');

export const DEFAULT_FLUSH_MS = 250;

export class Coalescer {
  readonly #dirty = new Set<number>();
  #waitingListChanges = 0;
  #timer: NodeJS.Timeout | null = null;
  #flushing: Promise<void> = Promise.resolve();
  #closed = false;

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
    this.#timer = setTimeout(() => {
      this.#timer = null;
      this.#flushing = this.#flushing.then(() => this.#flushOnce());
    }, this.intervalMs);
  }

  async #flushOnce(): Promise<void> {
    const siteIds = [...this.#dirty].sort((a, b) => a - b);
    const waitingListChanges = this.#waitingListChanges;
    this.#dirty.clear();
    this.#waitingListChanges = 0;
    if (siteIds.length === 0 && waitingListChanges === 0) return;
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
