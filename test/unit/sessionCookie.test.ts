import { expect } from 'chai';
import type { Request } from 'express';
import {
  clearedSessionCookie,
  credentialsOf,
  readCookie,
  sessionCookie,
} from '../../server/auth/cookie';

const req = (headers: Record<string, string>) => ({ headers }) as unknown as Request;

describe('session cookie', () => {
  it('is HttpOnly, SameSite=Strict, for the whole site, 12 hours; Secure only over HTTPS', () => {
    expect(sessionCookie('tok', false)).to.equal(
      'haven_session=tok; Max-Age=43200; Path=/; HttpOnly; SameSite=Strict',
    );
    expect(sessionCookie('tok', true)).to.equal(
      'haven_session=tok; Max-Age=43200; Path=/; HttpOnly; SameSite=Strict; Secure',
    );
    expect(clearedSessionCookie(true)).to.equal(
      'haven_session=; Max-Age=0; Path=/; HttpOnly; SameSite=Strict; Secure',
    );
  });

  it('is read from a Cookie header among others', () => {
    expect(readCookie('a=1; haven_session=abc; b=2', 'haven_session')).to.equal('abc');
    expect(readCookie('a=1;haven_session="abc"', 'haven_session')).to.equal('abc');
    expect(readCookie('xhaven_session=abc', 'haven_session')).to.equal(null);
    expect(readCookie(undefined, 'haven_session')).to.equal(null);
  });

  it('prefers a bearer token, treats any other Authorization header as bad credentials', () => {
    expect(
      credentialsOf(req({ authorization: 'Bearer t1', cookie: 'haven_session=t2' })),
    ).to.deep.equal({ kind: 'token', token: 't1', source: 'bearer' });
    expect(credentialsOf(req({ cookie: 'haven_session=t2' }))).to.deep.equal({
      kind: 'token',
      token: 't2',
      source: 'cookie',
    });
    expect(credentialsOf(req({ authorization: 'Basic dXNlcjpwYXNz' }))).to.deep.equal({
      kind: 'malformed',
    });
    expect(credentialsOf(req({ cookie: 'haven_session=' }))).to.deep.equal({ kind: 'none' });
    expect(credentialsOf(req({}))).to.deep.equal({ kind: 'none' });
  });
});
