import { expect } from 'chai';
import { maskIdNumber, maskPhone, normalisePhone } from '../../server/personalData/mask';

describe('masking personal fields', () => {
  it('keeps the first four and last four characters of an ID number', () => {
    expect(maskIdNumber('410105198001011234')).to.equal('4101**********1234');
    expect(maskIdNumber('11010519491231002X')).to.equal('1101**********002X');
  });

  it('keeps the first three and last four digits of a mobile number', () => {
    expect(maskPhone('13812345678')).to.equal('138****5678');
    expect(maskPhone('138 1234-5678')).to.equal('138****5678');
  });

  it('keeps a leading + and masks the digits after it', () => {
    expect(maskPhone('+86 138 1234 5678')).to.equal('+861******5678');
  });

  it('hides at least three quarters of a value too short to keep both ends', () => {
    expect(maskPhone('12345')).to.equal('****5');
    expect(maskIdNumber('1234')).to.equal('***4');
    expect(maskIdNumber('')).to.equal('');
  });

  it('normalises a phone to its digits, keeping a leading +', () => {
    expect(normalisePhone(' (0371) 6788-1234 ')).to.equal('037167881234');
    expect(normalisePhone('+86 138-1234-5678')).to.equal('+8613812345678');
    expect(normalisePhone('138+1234')).to.equal('1381234');
  });
});
