import { expect } from 'chai';
import type { ProblemDto } from '../../shared/dto';
import { HARD_CONSTRAINTS } from '../../shared/enums';
import { REFUSAL_CODES } from '../../shared/problems';
import { ApiError } from '../../client/src/api/http';
import { apiMessages } from '../../client/src/api/messages';
import {
  constraintText,
  fieldErrorLine,
  fieldReason,
  problemText,
  refusalText,
} from '../../client/src/api/problemText';
import { translator } from '../../client/src/i18n/locale';

const zh = translator(apiMessages, 'zh-CN');
const en = translator(apiMessages, 'en');

const problem = (attrs: Partial<ProblemDto>): ApiError =>
  new ApiError({ type: 'urn:haven:problem:conflict', title: 'Conflict', status: 409, ...attrs });

describe('server problems in the user language', () => {
  it('words a known refusal code in Chinese, with its status in words, not the server English', () => {
    const text = problemText(
      zh,
      problem({
        detail: 'Room 301 is cleaning: cannot out_of_service.',
        code: 'room.status',
        params: { room: '301', status: 'cleaning' },
      }),
    );
    expect(text).to.deep.equal({
      title: '无法执行',
      detail: '房间 301 当前为“待消杀”，不能执行此操作。',
      fromServer: false,
    });
  });

  it('falls back to the server English, flagged, for a refusal code it does not know', () => {
    const text = problemText(
      zh,
      problem({ detail: 'Something new was refused.', code: 'brand.new' }),
    );
    expect(text.title).to.equal('无法执行');
    expect(text.detail).to.equal('Something new was refused.');
    expect(text.fromServer).to.equal(true);
  });

  it('titles every problem type it knows, and keeps the server title for an unknown type', () => {
    const notFound = problemText(
      zh,
      problem({
        type: 'urn:haven:problem:not-found',
        status: 404,
        detail: 'Site 9 was not found.',
      }),
    );
    expect(notFound).to.deep.equal({
      title: '未找到',
      detail: '要找的记录不存在，可能已被删除。',
      fromServer: false,
    });
    const odd = problemText(zh, problem({ type: 'about:blank', title: 'Teapot', detail: 'short' }));
    expect(odd).to.deep.equal({ title: 'Teapot', detail: 'short', fromServer: true });
  });

  it('has a sentence for every refusal code in both languages', () => {
    for (const code of REFUSAL_CODES) {
      const params = { disabled: 'true', status: 'active' };
      expect(refusalText(zh, code, params), code).to.be.a('string');
      expect(refusalText(en, code, params), code).to.be.a('string');
    }
  });

  it('words a field error by its type, with the limit and the form label', () => {
    const error = {
      field: 'query.limit',
      message: 'query.limit: must be ≥ 1',
      type: 'number.min',
      params: { limit: 1 },
    };
    expect(fieldReason(zh, error)).to.deep.equal({ reason: '不能小于 1', fromServer: false });
    expect(fieldErrorLine(en, error, 'Rows').reason).to.equal('Rows: must be at least 1');
    expect(fieldErrorLine(en, error).reason).to.equal('query.limit: must be at least 1');
  });

  it('words a control character refusal in both languages', () => {
    const error = {
      field: 'username',
      message: 'username: username must not contain control characters',
      type: 'string.controlCharacters',
    };
    expect(fieldReason(zh, error)).to.deep.equal({
      reason: '不能包含不可见的控制字符',
      fromServer: false,
    });
    expect(fieldErrorLine(en, error, 'Username').reason).to.equal(
      'Username: must not contain invisible control characters',
    );
  });

  it('names the day of a date bound when the API sends it', () => {
    const late = { field: 'members.0.exposureDate', message: '…', type: 'date.max' };
    expect(fieldReason(en, { ...late, params: { limit: '2026-11-29' } }).reason).to.equal(
      'must be on or before 2026-11-29',
    );
    expect(fieldReason(zh, late).reason).to.equal('日期太晚');
  });

  it('words a placement constraint field error, and keeps the server message for a new type', () => {
    expect(
      fieldReason(zh, { field: 'roomIds.0', message: 'room 4: …', type: 'placement.beds' }).reason,
    ).to.equal('房间床位不够');
    expect(fieldReason(zh, { field: 'x', message: 'x is odd', type: 'x.odd' })).to.deep.equal({
      reason: 'x is odd',
      fromServer: true,
    });
  });

  it('words why no room fits for every constraint, and for none', () => {
    for (const c of HARD_CONSTRAINTS) expect(constraintText(zh, c)).not.to.match(/[a-z]{4}/);
    expect(constraintText(en, null)).to.equal('no room fits');
  });
});
