import { expect } from 'chai';
import { addDays } from '../../shared/dates';
import type { OverviewDto } from '../../shared/overviewDto';
import type { SiteListDto } from '../../shared/dto';
import { Stay, WaitingEntry } from '../../server/models';
import { buildParty, buildRoom, buildSite, buildStays } from '../factories';
import { TEST_NOW, TEST_TODAY } from '../setup/app';
import { apiAs } from '../setup/api';
import { useTestDatabase } from '../setup/db';
import { expectProblem } from './problem';

const day = (n: number) => addDays(TEST_TODAY, n);

describe('overview API', () => {
  useTestDatabase();

  it("forecasts free beds per night from bookings and planned releases, today's equal to /api/sites", async () => {
    const site = await buildSite();
    const [leaving, booked, shared, cleaning] = [
      await buildRoom({ site, beds: 1 }),
      await buildRoom({ site, beds: 2 }),
      await buildRoom({ site, beds: 3 }),
      await buildRoom({ site, beds: 4, status: 'cleaning' }),
    ];
    await buildRoom({ site, beds: 5 }); // free all along
    // Standby sites are reserve, not free capacity.
    await buildRoom({ site: await buildSite({ status: 'standby' }), beds: 7 });
    // In since yesterday, leaves in 2 days; a booking from day 3 to day 5; two sharing one room.
    await buildStays({ room: leaving, entryDate: day(-1), plannedReleaseDate: day(2) });
    await buildStays({
      room: booked,
      entryDate: day(3),
      plannedReleaseDate: day(5),
      status: 'reserved',
    });
    await buildStays({
      room: shared,
      party: await buildParty({ size: 2, shareRoom: true }),
      entryDate: TEST_TODAY,
      plannedReleaseDate: day(7),
    });
    expect(cleaning.status).to.equal('cleaning');

    const api = await apiAs('official');
    const res = await api.get('/api/overview').expect(200);
    const overview = res.body as OverviewDto;
    expect(overview.date).to.equal(TEST_TODAY);
    expect(overview.forecast).to.have.length(14);
    expect(overview.forecast.map((d) => d.date)).to.deep.equal(
      Array.from({ length: 14 }, (_, i) => day(i)),
    );
    // Available beds in the active site: 1 + 2 + 3 + 5 = 11.
    expect(overview.forecast.slice(0, 8).map((d) => d.free)).to.deep.equal([
      11 - 1 - 3,
      11 - 1 - 3,
      11 - 3,
      11 - 2 - 3,
      11 - 2 - 3,
      11 - 3,
      11 - 3,
      11,
    ]);
    expect(overview.forecast[3]).to.include({ arrivals: 1, releases: 0 });
    expect(overview.forecast[2]).to.include({ arrivals: 0, releases: 1 });
    expect(overview.forecast[7]).to.include({ releases: 2 });

    const sites = (await api.get('/api/sites?status=active').expect(200)).body as SiteListDto;
    expect(overview.forecast[0].free).to.equal(sites.totals.free);
    expect(overview.today).to.deep.equal({ intake: 2, released: 0, releasesDue: 0 });
  });

  it('holds an overdue checked-in bed every night, and a room for each party only in its nights', async () => {
    const site = await buildSite();
    const [overdue, sequence] = [
      await buildRoom({ site, beds: 1 }),
      await buildRoom({ site, beds: 2 }),
    ];
    await buildRoom({ site, beds: 4 }); // free all along
    // Checked in, planned release yesterday, not released yet: holds its bed until someone does.
    await buildStays({ room: overdue, entryDate: day(-15), plannedReleaseDate: day(-1) });
    // One party leaves on day 2, the next arrives on day 4 (after cleaning).
    await buildStays({ room: sequence, entryDate: day(-3), plannedReleaseDate: day(2) });
    await buildStays({
      room: sequence,
      entryDate: day(4),
      plannedReleaseDate: day(9),
      status: 'reserved',
    });

    const res = await (await apiAs('official')).get('/api/overview?days=11').expect(200);
    const free = (res.body as OverviewDto).forecast.map((d) => d.free);
    // 7 available beds; the overdue one never comes back in the forecast.
    expect(free).to.deep.equal([4, 4, 6, 6, 4, 4, 4, 4, 4, 6, 6]);
  });

  it("counts today's intake and releases and the waiting list", async () => {
    const room = await buildRoom({ beds: 4 });
    await buildStays({ room, entryDate: TEST_TODAY });
    const gone = await buildStays({ room: await buildRoom(), entryDate: day(-14) });
    await Stay.update(
      { status: 'released', releaseDate: TEST_TODAY, activePersonId: null },
      { where: { id: gone.map((s) => s.id) } },
    );
    await buildStays({
      room: await buildRoom(),
      entryDate: day(-14),
      plannedReleaseDate: TEST_TODAY,
    });
    for (const [size, hoursAgo] of [
      [3, 5],
      [1, 1],
    ] as const) {
      const { party } = await buildParty({ size });
      await WaitingEntry.create({
        partyId: party.id,
        category: 'close_contact',
        priority: 1,
        reason: 'No room fits',
        queuedAt: new Date(TEST_NOW.getTime() - hoursAgo * 3_600_000),
      });
    }

    const overview = (await (await apiAs('admin')).get('/api/overview?days=3').expect(200))
      .body as OverviewDto;
    expect(overview.today).to.deep.equal({ intake: 1, released: 1, releasesDue: 1 });
    expect(overview.waiting).to.deep.equal({ parties: 2, people: 4, longestWaitMinutes: 300 });
    expect(overview.forecast).to.have.length(3);
  });

  it('refuses a forecast length that is not a whole number of days from 1 to 60, naming it', async () => {
    const api = await apiAs('official');
    for (const days of ['0', '61', 'abc', '1.5']) {
      expectProblem(await api.get(`/api/overview?days=${days}`).expect(400), 400, ['query.days']);
    }
    expectProblem(await api.get('/api/overview?week=1').expect(400), 400, ['query.week']);
  });

  it('is for officials and admins only', async () => {
    await (await apiAs('site_manager')).get('/api/overview').expect(403);
    await (await apiAs('transport')).get('/api/overview').expect(403);
  });
});
