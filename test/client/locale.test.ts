import { expect } from 'chai';
import { defineMessages, interpolate, translator } from '../../client/src/i18n/locale';
import { formattersFor } from '../../client/src/format';

describe('dashboard translations', () => {
  const messages = defineMessages({
    'zh-CN': { waiting: '{count} 组等待中' },
    en: { waiting: '{count} parties waiting' },
  });

  it('fills placeholders in the chosen language', () => {
    expect(translator(messages, 'zh-CN')('waiting', { count: 3 })).to.equal('3 组等待中');
    expect(translator(messages, 'en')('waiting', { count: 3 })).to.equal('3 parties waiting');
  });

  it('leaves a placeholder without a value visible rather than blank', () => {
    expect(interpolate('{a} and {b}', { a: 1 })).to.equal('1 and {b}');
  });

  it('formats days in the locale without shifting them by time zone', () => {
    expect(formattersFor('en').calendarDay('2026-11-29')).to.equal('Sun, Nov 29, 2026');
    expect(formattersFor('zh-CN').calendarDay('2026-11-29')).to.contain('11月29日');
    expect(formattersFor('en').percent(0.9999)).to.equal('99.9%');
  });
});
