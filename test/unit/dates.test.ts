import { expect } from 'chai';
import { addDays, dateInZone, daysBetween, isIsoDate, rangesOverlap } from '../../shared/dates';

describe('calendar dates', () => {
  it('adds days across month and leap-year ends', () => {
    expect(addDays('2028-02-28', 1)).to.equal('2028-02-29');
    expect(addDays('2026-12-31', 1)).to.equal('2027-01-01');
    expect(addDays('2026-03-01', -1)).to.equal('2026-02-28');
    expect(daysBetween('2026-11-15', '2026-11-29')).to.equal(14);
    expect(addDays('2026-11-29', 400)).to.equal('2028-01-03');
    expect(addDays('2026-11-29', 0)).to.equal('2026-11-29');
    expect(() => addDays('2026-13-45', 1)).to.throw(RangeError);
  });

  it('treats stays as half-open ranges, so back-to-back stays do not clash', () => {
    expect(rangesOverlap('2026-11-01', '2026-11-15', '2026-11-15', '2026-11-20')).to.equal(false);
    expect(rangesOverlap('2026-11-01', '2026-11-15', '2026-11-14', '2026-11-20')).to.equal(true);
  });

  it('validates real calendar dates only', () => {
    expect(isIsoDate('2026-11-29')).to.equal(true);
    expect(isIsoDate('2026-02-30')).to.equal(false);
    expect(isIsoDate('29/11/2026')).to.equal(false);
  });

  it("reads today's date in the app time zone, not the server's", () => {
    const instant = new Date('2026-11-28T17:30:00Z');
    expect(dateInZone(instant, 'Asia/Shanghai')).to.equal('2026-11-29');
    expect(dateInZone(instant, 'UTC')).to.equal('2026-11-28');
  });

  it("turns the day at the zone's midnight, to the millisecond, however often it is asked", () => {
    const before = new Date('2026-11-29T15:59:59.999Z');
    const after = new Date('2026-11-29T16:00:00.000Z');
    for (const instant of [before, after, before, after]) {
      expect(dateInZone(instant, 'Asia/Shanghai')).to.equal(
        instant === before ? '2026-11-29' : '2026-11-30',
      );
    }
    // Kathmandu is UTC+05:45: its midnight is not on a whole hour of UTC.
    expect(dateInZone(new Date('2026-11-29T18:14:59Z'), 'Asia/Kathmandu')).to.equal('2026-11-29');
    expect(dateInZone(new Date('2026-11-29T18:15:00Z'), 'Asia/Kathmandu')).to.equal('2026-11-30');
  });
});
