/**
 * Issue 16 §5: a write signed in by the session cookie must come from Haven's own pages. A
 * same-site sibling gets the SameSite=Strict cookie sent along, so the browser's Origin and
 * Sec-Fetch-Site headers decide; bearer-token clients are not concerned.
 */
import { expect } from 'chai';
import request from 'supertest';
import { createApp } from '../../server/app';
import { loadConfig } from '../../server/config';
import { type Site } from '../../server/models';
import { buildSite } from '../factories';
import { testApp, TEST_NOW } from '../setup/app';
import { signIn } from '../setup/auth';
import { testDb, useTestDatabase } from '../setup/db';
import { expectProblem } from './problem';

const HOST = 'haven.test:8080';
const OWN = `http://${HOST}`;

async function officialCookie() {
  const { token } = await signIn('official');
  return `haven_session=${token}`;
}

describe('origin of cookie-authenticated writes', () => {
  useTestDatabase();

  const suspend = (site: Site, cookie: string, headers: Record<string, string>, app = testApp()) =>
    request(app)
      .post(`/api/sites/${site.id}/suspend`)
      .set('Host', HOST)
      .set('Cookie', cookie)
      .set(headers);

  it('refuses a sibling or cross-site origin with 403 and changes nothing', async () => {
    const site = await buildSite({ status: 'active' });
    const cookie = await officialCookie();
    for (const headers of <Record<string, string>[]>[
      { Origin: 'https://evil.example' },
      { Origin: 'http://haven.test:8081' },
      { Origin: 'https://haven.test:8080' },
      { Origin: 'null' },
      { 'Sec-Fetch-Site': 'same-site' },
      { 'Sec-Fetch-Site': 'cross-site' },
      { 'Sec-Fetch-Site': 'same-site', Origin: 'http://sibling.haven.test:8080' },
    ]) {
      const res = await suspend(site, cookie, headers);
      const problem = expectProblem(res, 403);
      expect(problem.type, JSON.stringify(headers)).to.equal('urn:haven:problem:forbidden');
      expect(problem.detail).to.match(/origin was refused/);
    }
    expect((await site.reload()).status).to.equal('active');
  });

  it('refuses a cookie write with neither Origin nor Sec-Fetch-Site', async () => {
    const site = await buildSite({ status: 'active' });
    expectProblem(await suspend(site, await officialCookie(), {}), 403);
    // Logout is a cookie write too.
    expectProblem(
      await request(testApp())
        .post('/api/auth/logout')
        .set('Cookie', await officialCookie())
        .set('Origin', 'https://evil.example'),
      403,
    );
    expect((await site.reload()).status).to.equal('active');
  });

  it("accepts the dashboard's own origin, by Origin or by Sec-Fetch-Site", async () => {
    const cookie = await officialCookie();
    for (const headers of <Record<string, string>[]>[
      { Origin: OWN },
      { 'Sec-Fetch-Site': 'same-origin' },
      { 'Sec-Fetch-Site': 'same-origin', Origin: OWN },
      { 'Sec-Fetch-Site': 'none' },
    ]) {
      const site = await buildSite({ status: 'active' });
      const res = await suspend(site, cookie, headers);
      expect(res.status, `${JSON.stringify(headers)} ${JSON.stringify(res.body)}`).to.equal(200);
      expect((await site.reload()).status).to.equal('suspended');
    }
  });

  it('accepts an origin listed in CORS_ORIGINS', async () => {
    const config = loadConfig({
      NODE_ENV: 'test',
      DATABASE_URL: 'sqlite::memory:',
      CORS_ORIGINS: 'https://ops.haven.test',
    });
    const app = createApp({ config, db: testDb(), now: () => TEST_NOW }, { clientDist: null });
    const site = await buildSite({ status: 'active' });
    const cookie = await officialCookie();
    expectProblem(await suspend(site, cookie, { Origin: 'https://evil.example' }, app), 403);
    await suspend(site, cookie, { Origin: 'https://ops.haven.test' }, app).expect(200);
    expect((await site.reload()).status).to.equal('suspended');
  });

  it('leaves bearer-token writes and cookie reads alone', async () => {
    const site = await buildSite({ status: 'active' });
    const { auth } = await signIn('official');
    await request(testApp())
      .post(`/api/sites/${site.id}/suspend`)
      .set(auth)
      .set('Origin', 'https://evil.example')
      .set('Sec-Fetch-Site', 'cross-site')
      .expect(200);
    expect((await site.reload()).status).to.equal('suspended');
    await request(testApp())
      .get(`/api/sites/${site.id}`)
      .set('Cookie', await officialCookie())
      .set('Origin', 'https://evil.example')
      .expect(200);
  });

  it('does not let a failed origin check hide a bad session: 401 first', async () => {
    const site = await buildSite({ status: 'active' });
    expectProblem(
      await suspend(site, 'haven_session=dead', { Origin: 'https://evil.example' }),
      401,
    );
  });
});
