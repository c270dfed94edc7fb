import { expect } from 'chai';
import {
  ACCOUNT_RULE,
  afterFailure,
  IP_RULE,
  secondsLocked,
  type ThrottleState,
} from '../../server/auth/loginThrottle';

const T0 = new Date('2026-11-29T02:00:00Z');
const at = (minutes: number, seconds = 0) =>
  new Date(T0.getTime() + (minutes * 60 + seconds) * 1000);

function replay(minutes: number[], rule = ACCOUNT_RULE): ThrottleState | null {
  let state: ThrottleState | null = null;
  for (const m of minutes) state = afterFailure(state, rule, at(m));
  return state;
}

describe('login throttle rule', () => {
  it('locks an account at the fifth failure within 15 minutes, for 15 minutes', () => {
    expect(replay([0, 1, 2, 3])?.lockedUntil).to.equal(null);
    const locked = replay([0, 1, 2, 3, 14]);
    expect(locked).to.deep.equal({ failures: 5, firstAt: at(0), lockedUntil: at(29) });
    expect(secondsLocked(locked, at(14))).to.equal(900);
    expect(secondsLocked(locked, at(28, 59.5))).to.equal(1);
    expect(secondsLocked(locked, at(29))).to.equal(null);
  });

  it('starts a new count when the window is over', () => {
    expect(replay([0, 1, 2, 3, 15])).to.deep.equal({
      failures: 1,
      firstAt: at(15),
      lockedUntil: null,
    });
  });

  it('never shortens a lock that is running', () => {
    const state = afterFailure(replay([0, 1, 2, 3, 4]), ACCOUNT_RULE, at(16));
    expect(state.failures).to.equal(1);
    expect(state.lockedUntil).to.deep.equal(at(19));
  });

  it('blocks an address at its twentieth failure', () => {
    const minutes = Array.from({ length: 19 }, (_, i) => i * 0.5);
    expect(replay(minutes, IP_RULE)?.lockedUntil).to.equal(null);
    expect(replay([...minutes, 10], IP_RULE)?.lockedUntil).to.deep.equal(at(25));
  });

  it('is not locked without a state', () => {
    expect(secondsLocked(null, T0)).to.equal(null);
  });
});
