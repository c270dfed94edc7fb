import { expect } from 'chai';
import { idNumberCheckDigit, isValidIdNumber, normaliseIdNumber } from '../../shared/idNumber';

describe('resident ID numbers', () => {
  it('computes the ISO 7064 MOD 11-2 check character', () => {
    expect(idNumberCheckDigit('11010519491231002')).to.equal('X');
    expect(() => idNumberCheckDigit('1101051949123100')).to.throw(RangeError);
  });

  it('accepts a known valid number', () => {
    expect(isValidIdNumber('11010519491231002X')).to.equal(true);
    const body = '41010519800229123'; // a leap day
    expect(isValidIdNumber(body + idNumberCheckDigit(body))).to.equal(true);
  });

  it('rejects a wrong check character', () => {
    expect(isValidIdNumber('110105194912310021')).to.equal(false);
    expect(isValidIdNumber('11010519491231002Y')).to.equal(false);
  });

  it('rejects an impossible date of birth', () => {
    const body = '41010519490230002'; // 30 February
    expect(isValidIdNumber(body + idNumberCheckDigit(body))).to.equal(false);
    const month13 = '41010519491301002';
    expect(isValidIdNumber(month13 + idNumberCheckDigit(month13))).to.equal(false);
  });

  it('rejects wrong lengths and characters', () => {
    expect(isValidIdNumber('11010519491231002')).to.equal(false);
    expect(isValidIdNumber('11010519491231002X1')).to.equal(false);
    expect(isValidIdNumber('1101051949123100AX')).to.equal(false);
    expect(isValidIdNumber('')).to.equal(false);
  });

  it('normalises whitespace and a lower-case x', () => {
    expect(normaliseIdNumber(' 11010519491231002x ')).to.equal('11010519491231002X');
    expect(isValidIdNumber(normaliseIdNumber('11010519491231002x'))).to.equal(true);
  });
});
