import { expect } from 'chai';
import { capacityOutlook } from '../../shared/capacityOutlook';
import { addDays } from '../../shared/dates';
import type { OverviewForecastDayDto } from '../../shared/overviewDto';

const TODAY = '2026-11-29';
/** A forecast whose free beds are `free[i]` on day i, out of `capacity` beds. */
const forecast = (free: number[], capacity = 100): OverviewForecastDayDto[] =>
  free.map((f, i) => ({ date: addDays(TODAY, i), free: f, capacity, arrivals: 0, releases: 0 }));

describe('days until full, from the free-bed forecast', () => {
  it('is the first day with no free bed, counted from today', () => {
    const outlook = capacityOutlook(forecast([30, 10, 4, 0, 0, 8]), 0.95);
    expect(outlook.full).to.deep.equal({ kind: 'reached', days: 3, date: '2026-12-02' });
  });

  it('reaches the ceiling first: the first day occupied beds are at or above it', () => {
    // 95% of 100 beds: 5 free beds or fewer is at the ceiling.
    const outlook = capacityOutlook(forecast([30, 10, 5, 0]), 0.95);
    expect(outlook.ceiling).to.deep.equal({ kind: 'reached', days: 2, date: '2026-12-01' });
  });

  it('is today when nothing is free now, even if releases free beds later', () => {
    expect(capacityOutlook(forecast([0, 20, 40]), 0.95).full).to.include({
      kind: 'reached',
      days: 0,
    });
  });

  it('says "not within" the forecast length when free beds never run out', () => {
    const outlook = capacityOutlook(forecast(Array(14).fill(50)), 0.95);
    expect(outlook.full).to.deep.equal({ kind: 'notWithin', days: 14 });
    expect(outlook.ceiling).to.deep.equal({ kind: 'notWithin', days: 14 });
  });

  it('counts a city with no counted beds as full, and never at a ceiling it cannot measure', () => {
    const outlook = capacityOutlook(forecast([0, 0], 0), 0.95);
    expect(outlook.full).to.include({ days: 0 });
    expect(outlook.ceiling.kind).to.equal('notWithin');
  });

  it('has nothing to say about an empty forecast', () => {
    expect(capacityOutlook([], 0.95).full).to.deep.equal({ kind: 'notWithin', days: 0 });
  });
});
