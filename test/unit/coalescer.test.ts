/**
 * The realtime coalescer on its own (no sockets, no database): at once while it has flush tokens,
 * one token back per interval up to its burst, one message per site per flush.
 * Real timers with a long interval, so the margins hold on a loaded machine.
 */
import { expect } from 'chai';
import { Coalescer } from '../../server/realtime/coalescer';

const INTERVAL = 600;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Flush {
  at: number;
  siteIds: number[];
  waitingListChanges: number;
}

function recording(intervalMs = INTERVAL, burst = 1) {
  const flushes: Flush[] = [];
  const started = performance.now();
  const coalescer = new Coalescer(
    intervalMs,
    async (batch) => {
      flushes.push({ at: performance.now() - started, ...batch });
    },
    burst,
  );
  return { coalescer, flushes };
}

describe('realtime coalescer', () => {
  const open: Coalescer[] = [];
  afterEach(async () => {
    for (const c of open.splice(0)) await c.close();
  });
  const make = (intervalMs?: number, burst?: number) => {
    const made = recording(intervalMs, burst);
    open.push(made.coalescer);
    return made;
  };

  it('sends a lone change at once, without waiting out the interval', async () => {
    const { coalescer, flushes } = make();
    coalescer.markSites([7]);
    await sleep(100);
    expect(flushes).to.have.length(1);
    expect(flushes[0]).to.include({ waitingListChanges: 0 });
    expect(flushes[0].siteIds).to.deep.equal([7]);
    expect(flushes[0].at).to.be.below(INTERVAL / 3);
  });

  it('sends the changes of one tick (one commit) together', async () => {
    const { coalescer, flushes } = make();
    coalescer.markSites([3, 1]);
    coalescer.markSites([2, 3]);
    coalescer.markWaitingList();
    await sleep(100);
    expect(flushes.map((f) => [f.siteIds, f.waitingListChanges])).to.deep.equal([[[1, 2, 3], 1]]);
  });

  it('holds changes that follow a flush until the interval is over, then sends them as one', async () => {
    const { coalescer, flushes } = make();
    coalescer.markSites([1]);
    await sleep(50);
    for (const id of [2, 3, 2, 4]) {
      coalescer.markSites([id]);
      await sleep(20);
    }
    await sleep(INTERVAL / 3);
    expect(flushes, 'nothing more before the interval is over').to.have.length(1);
    await sleep(INTERVAL);
    expect(flushes.map((f) => f.siteIds)).to.deep.equal([[1], [2, 3, 4]]);
    expect(flushes[1].at - flushes[0].at).to.be.at.least(INTERVAL - 5);
  });

  it('is at once again after an idle interval', async () => {
    const { coalescer, flushes } = make(200);
    coalescer.markSites([1]);
    await sleep(400); // idle for longer than the interval
    const marked = performance.now();
    coalescer.markSites([2]);
    await sleep(60);
    expect(flushes.map((f) => f.siteIds)).to.deep.equal([[1], [2]]);
    expect(performance.now() - marked).to.be.below(200);
  });

  /** 50 changes 20 ms apart, then a final flush; returns how long the stream took. */
  async function steadyStream(coalescer: Coalescer): Promise<number> {
    const started = performance.now();
    for (let i = 0; i < 50; i++) {
      coalescer.markSites([i % 5]);
      await sleep(20);
    }
    const took = performance.now() - started;
    await coalescer.flush();
    return took;
  }

  it('sends at most one flush per interval under a steady stream of changes', async () => {
    const { coalescer, flushes } = make(200);
    const took = await steadyStream(coalescer);
    expect(flushes.length).to.be.at.most(Math.ceil(took / 200) + 2);
    for (let i = 1; i < flushes.length - 1; i++) {
      expect(flushes[i].at - flushes[i - 1].at).to.be.at.least(195);
    }
  });

  it('with a burst of three, sends changes a little less than an interval apart at once', async () => {
    const { coalescer, flushes } = make(INTERVAL, 3);
    for (const id of [1, 2, 3]) {
      const marked = performance.now();
      coalescer.markSites([id]);
      await sleep(INTERVAL / 6);
      expect(flushes.map((f) => f.siteIds).at(-1)).to.deep.equal([id]);
      expect(performance.now() - marked).to.be.below(INTERVAL / 2);
    }
    // The bucket is empty now: the fourth waits for a token to come back.
    coalescer.markSites([4]);
    await sleep(INTERVAL / 6);
    expect(flushes).to.have.length(3);
    await sleep(INTERVAL);
    expect(flushes.map((f) => f.siteIds)).to.deep.equal([[1], [2], [3], [4]]);
  });

  it('with a burst, a steady stream still gets at most one flush per interval after it', async () => {
    const { coalescer, flushes } = make(200, 3);
    const took = await steadyStream(coalescer);
    expect(flushes.length).to.be.at.most(3 + Math.ceil(took / 200) + 1);
    expect(flushes.length).to.be.below(50);
  });
});
