/** The alert watch on its own: standing alerts are not news, new ones are handed on once. */
import { expect } from 'chai';
import type { AlertDto } from '../../shared/placementDto';
import { watchAlerts } from '../../server/realtime/alertWatch';

const alert = (kind: AlertDto['kind'], siteId: number | null, roomId: number | null = null) =>
  ({
    kind,
    severity: 'warning',
    message: kind,
    params: {},
    siteId,
    roomId,
    partyId: null,
    since: null,
  }) as AlertDto;

describe('alert watch', () => {
  it('hands on an alert when it begins, not while it stands, and again if it comes back', async () => {
    let now: AlertDto[] = [alert('site_over_ceiling', 1)];
    const handed: string[][] = [];
    const watch = watchAlerts({
      read: async () => now,
      onNew: (fresh) => handed.push(fresh.map((a) => `${a.kind}@${a.siteId}`)),
      intervalMs: 3_600_000,
    });
    try {
      await watch.check(); // the first read (started with the watch) set what stands
      expect(handed).to.deep.equal([]);
      now = [alert('site_over_ceiling', 1), alert('cleaning_overdue', 2, 7)];
      await watch.check();
      await watch.check();
      now = [alert('cleaning_overdue', 2, 7)];
      await watch.check();
      now = [alert('cleaning_overdue', 2, 7), alert('site_over_ceiling', 1)];
      await watch.check();
      expect(handed).to.deep.equal([['cleaning_overdue@2'], ['site_over_ceiling@1']]);
    } finally {
      watch.stop();
    }
  });

  it('keeps watching after a read fails', async () => {
    let fail = false;
    let now: AlertDto[] = [];
    const handed: AlertDto[][] = [];
    const watch = watchAlerts({
      read: async () => {
        if (fail) throw new Error('database away');
        return now;
      },
      onNew: (fresh) => handed.push(fresh),
      intervalMs: 3_600_000,
    });
    try {
      await watch.check();
      fail = true;
      await watch.check();
      fail = false;
      now = [alert('city_free_beds_low', null)];
      await watch.check();
      expect(handed.map((h) => h.map((a) => a.kind))).to.deep.equal([['city_free_beds_low']]);
    } finally {
      watch.stop();
    }
  });

  it('reads nothing on its interval while nobody would hear', async () => {
    let reads = 0;
    let listened = false;
    const watch = watchAlerts({
      read: async () => {
        reads++;
        return [];
      },
      onNew: () => undefined,
      intervalMs: 20,
      listened: () => listened,
    });
    try {
      await new Promise((r) => setTimeout(r, 100));
      expect(reads, 'no client').to.equal(0);
      listened = true;
      await new Promise((r) => setTimeout(r, 100));
      expect(reads).to.be.above(0);
    } finally {
      watch.stop();
    }
  });
});
