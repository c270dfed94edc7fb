/**
 * The dashboard's sign-in in headless Chromium (issue 6 §1, issue 4 §1): the built client served by
 * the app in-process over the test database. Signing in through the form shows the sites page, the
 * session survives a reload through the HttpOnly cookie alone (nothing in web storage), signing out
 * ends it on the server, a wrong password is refused in words, and a session that ends while the
 * page is open brings back the sign-in page with a notice. Screenshots go to test-results/.
 *
 * Needs `npm run build` first (client/dist) and Debian's chromium: without them the suite is
 * skipped loudly, or fails with CI=true.
 */
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Server } from 'node:http';
import { expect } from 'chai';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { CLIENT_DIST, createApp } from '../../server/app';
import { loadConfig } from '../../server/config';
import type { Site } from '../../server/models';
import { buildSite } from '../factories';
import { TEST_NOW } from '../setup/app';
import { signIn, TEST_PASSWORD } from '../setup/auth';
import { testDb, useTestDatabase } from '../setup/db';
import { launchBrowser, requireBrowserPrerequisites, SCREENSHOTS } from './browser';

const USERNAME = 'ui-official';
const DISPLAY_NAME = `Test official ${USERNAME}`;

describe('dashboard sign-in in the browser', function () {
  this.timeout(30_000);
  useTestDatabase();

  let server: Server;
  let baseUrl: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let site: Site;

  before(async function () {
    requireBrowserPrerequisites(this);
    const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: 'sqlite::memory:' });
    const app = createApp(
      { config, db: testDb(), now: () => TEST_NOW },
      { clientDist: CLIENT_DIST },
    );
    server = await new Promise<Server>((resolve) => {
      const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
    });
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    if (server) {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  beforeEach(async () => {
    await signIn('official', { username: USERNAME });
    site = await buildSite();
    context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    page = await context.newPage();
  });

  afterEach(async () => {
    await context?.close();
  });

  const usernameField = () => page.getByLabel('Username');
  const passwordField = () => page.getByLabel('Password');
  const screenshot = (name: string) =>
    page.screenshot({ path: path.join(SCREENSHOTS, `browser-${name}.png`) });

  async function openSignInPage(): Promise<void> {
    await page.goto(baseUrl);
    await usernameField().waitFor();
    expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).to.equal(
      'username',
    );
  }

  async function submit(username: string, password: string): Promise<void> {
    await usernameField().fill(username);
    await passwordField().fill(password);
    await passwordField().press('Enter');
  }

  async function expectSitesPage(): Promise<void> {
    await page.getByRole('heading', { name: 'Sites & occupancy' }).waitFor();
    await page.locator('.sites-table').getByText(site.code, { exact: true }).waitFor();
    expect(await page.locator('.app-header__user').innerText()).to.contain(DISPLAY_NAME);
    expect(await page.locator('.user-badge__role').innerText()).to.equal('Official');
  }

  it('signs in through the form, keeps the session in the cookie only, and signs out', async () => {
    await openSignInPage();
    await screenshot('signin');
    await submit(USERNAME, TEST_PASSWORD);
    await expectSitesPage();
    await screenshot('sites');

    // The browser keeps no token and no user data: the HttpOnly cookie is all there is.
    const stored = await page.evaluate(() => ({
      local: localStorage.length,
      session: sessionStorage.length,
      cookie: document.cookie,
    }));
    expect(stored).to.deep.equal({ local: 0, session: 0, cookie: '' });
    const cookies = await context.cookies();
    expect(cookies.map((c) => [c.name, c.httpOnly, c.sameSite])).to.deep.equal([
      ['haven_session', true, 'Strict'],
    ]);

    await page.reload();
    await expectSitesPage();

    await page.getByRole('button', { name: 'Sign out' }).click();
    await usernameField().waitFor();
    await page.getByText('You have signed out.').waitFor();
    expect(await page.locator('.app-header__user').count()).to.equal(0);
    await screenshot('signed-out');
    // The session is over on the server, not just hidden.
    expect(await page.evaluate(() => fetch('/api/auth/me').then((r) => r.status))).to.equal(401);
  });

  it('shows the error for a wrong password and stays on the sign-in page', async () => {
    await openSignInPage();
    await submit(USERNAME, 'not the password');
    const alert = page.getByRole('alert');
    await alert.filter({ hasText: 'Wrong username or password.' }).waitFor();
    expect(await passwordField().inputValue()).to.equal('');
    expect(await usernameField().getAttribute('aria-invalid')).to.equal('true');
    expect(await page.locator('.sites-table').count()).to.equal(0);
    await screenshot('signin-failed');
  });

  it('returns to the sign-in page with a notice when the session ends', async () => {
    await openSignInPage();
    await submit(USERNAME, TEST_PASSWORD);
    await expectSitesPage();

    // Revoked on the server (as logout elsewhere or a disabled user would): the next call is 401.
    const db = testDb();
    const sessions = db.sequelize.getQueryInterface().quoteIdentifier('sessions');
    await db.sequelize.query(`DELETE FROM ${sessions}`);
    await page.getByRole('button', { name: 'Refresh' }).click();

    await page.getByText('Your session ended, please sign in again.').waitFor();
    await usernameField().waitFor();
    expect(await page.locator('.app-header__user').count()).to.equal(0);
    await screenshot('session-ended');
  });
});
