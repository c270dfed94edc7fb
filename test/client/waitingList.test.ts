import { expect } from 'chai';
import { waitParts, waitShape } from '../../client/src/waitingList/waitingTime';

describe('waiting list helpers', () => {
  it('splits a wait into days, hours and minutes and picks the shape to show', () => {
    expect(waitParts(12)).to.deep.equal({ days: 0, hours: 0, minutes: 12 });
    expect(waitParts(180)).to.deep.equal({ days: 0, hours: 3, minutes: 0 });
    expect(waitParts(3 * 1440 + 250)).to.deep.equal({ days: 3, hours: 4, minutes: 10 });
    expect(waitParts(-5)).to.deep.equal({ days: 0, hours: 0, minutes: 0 });
    expect([12, 180, 5000].map((m) => waitShape(waitParts(m)))).to.deep.equal([
      'minutes',
      'hours',
      'days',
    ]);
  });
});
