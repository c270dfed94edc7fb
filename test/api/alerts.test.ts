import { expect } from 'chai';
import type { AlertDto } from '../../shared/placementDto';
import { WaitingEntry } from '../../server/models';
import { buildParty, buildRoom, buildSite, buildStays } from '../factories';
import { TEST_NOW } from '../setup/app';
import { useTestDatabase } from '../setup/db';
import { apiAs } from '../setup/api';

const hoursAgo = (h: number) => new Date(TEST_NOW.getTime() - h * 3_600_000);

describe('alerts API', () => {
  useTestDatabase();

  it('raises overdue cleaning, a site over its ceiling, low city capacity and a long wait', async () => {
    const site = await buildSite({ code: 'FULL' });
    await buildStays({ room: await buildRoom({ site, beds: 1 }) });
    const other = await buildSite({ code: 'OTHER' });
    await buildRoom({ site: other, status: 'cleaning', statusChangedAt: hoursAgo(30) });
    await buildRoom({ site: other, status: 'cleaning', statusChangedAt: hoursAgo(2) });
    const { party } = await buildParty();
    await WaitingEntry.create({
      partyId: party.id,
      category: 'close_contact',
      priority: 1,
      reason: 'No room fits',
      queuedAt: hoursAgo(3),
    });

    const res = await (await apiAs()).get('/api/alerts').expect(200);
    const alerts = res.body.data as AlertDto[];
    const kinds = alerts.map((a) => a.kind).sort();
    expect(kinds).to.deep.equal([
      'city_free_beds_low',
      'cleaning_overdue',
      'site_over_ceiling',
      'waiting_too_long',
    ]);
    const cleaning = alerts.find((a) => a.kind === 'cleaning_overdue')!;
    expect(cleaning.message).to.match(/waited 30 h for cleaning/);
    expect(cleaning.params, 'the particulars, for a translated sentence').to.include({
      hours: 30,
      limit: 24,
    });
    for (const alert of alerts)
      expect(Object.keys(alert.params), alert.kind).to.have.length.above(0);
    expect(alerts.find((a) => a.kind === 'waiting_too_long')!.partyId).to.equal(party.id);
  });

  it('is quiet when nothing needs attention', async () => {
    const site = await buildSite();
    for (let i = 0; i < 3; i++) await buildRoom({ site, beds: 100 });
    const res = await (await apiAs()).get('/api/alerts').expect(200);
    expect(res.body.data).to.deep.equal([]);
  });
});
