/**
 * The dashboard's sign-in in headless Chromium (issue 6 §1, issue 4 §1): the built client served by
 * the app in-process, with Socket.IO attached, over the test database. The page opens in
 * Simplified Chinese (the default). Signing in through the form shows the official's landing view,
 * the session survives a reload through the HttpOnly cookie alone (web storage holds only the
 * language preference, which is not personal data), signing out ends it on the server, a wrong
 * password is refused in words, and a session that ends while the page is open brings back the
 * sign-in page with a notice. Screenshots go to test-results/.
 */
import { expect } from 'chai';
import type { BrowserContext, Page } from 'playwright-core';
import { signIn, TEST_PASSWORD } from '../setup/auth';
import { testDb, useTestDatabase } from '../setup/db';
import { screenshot as saveScreenshot, useBrowser } from './harness';

const USERNAME = 'ui-official';
const DISPLAY_NAME = `Test official ${USERNAME}`;

describe('dashboard sign-in in the browser', function () {
  this.timeout(30_000);
  useTestDatabase();
  const harness = useBrowser();

  let context: BrowserContext;
  let page: Page;

  beforeEach(async () => {
    await signIn('official', { username: USERNAME });
    context = await harness.browser.newContext({ viewport: { width: 1280, height: 800 } });
    page = await context.newPage();
  });

  afterEach(async () => {
    await context?.close();
  });

  const usernameField = () => page.getByLabel('用户名');
  const passwordField = () => page.getByLabel('密码');
  const screenshot = (name: string) => saveScreenshot(page, name);

  async function openSignInPage(): Promise<void> {
    await page.goto(harness.baseUrl);
    await usernameField().waitFor();
    expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).to.equal(
      'username',
    );
    expect(await page.evaluate(() => document.documentElement.lang)).to.equal('zh-CN');
  }

  async function submit(username: string, password: string): Promise<void> {
    await usernameField().fill(username);
    await passwordField().fill(password);
    await passwordField().press('Enter');
  }

  async function expectSignedIn(): Promise<void> {
    await page.getByRole('navigation', { name: '主导航' }).waitFor();
    expect(await page.locator('.app-header__user, .app-bar').first().innerText()).to.contain(
      DISPLAY_NAME,
    );
    expect(await page.locator('.user-badge__role').innerText()).to.equal('卫生健康官员');
  }

  it('signs in through the form, keeps the session in the cookie only, and signs out', async () => {
    await openSignInPage();
    await screenshot('signin');
    await submit(USERNAME, TEST_PASSWORD);
    await expectSignedIn();

    // The browser keeps no token and no user data: the HttpOnly cookie is all there is.
    const stored = await page.evaluate(() => ({
      local: Object.keys(localStorage).filter((key) => key !== 'haven.locale'),
      session: sessionStorage.length,
      cookie: document.cookie,
    }));
    expect(stored).to.deep.equal({ local: [], session: 0, cookie: '' });
    const cookies = await context.cookies();
    expect(cookies.map((c) => [c.name, c.httpOnly, c.sameSite])).to.deep.equal([
      ['haven_session', true, 'Strict'],
    ]);

    await page.reload();
    await expectSignedIn();

    await page.getByRole('button', { name: '退出登录' }).click();
    await usernameField().waitFor();
    await page.getByText('您已退出登录。').waitFor();
    expect(await page.locator('.app-header__user').count()).to.equal(0);
    await screenshot('signed-out');
    // The session is over on the server, not just hidden.
    expect(await page.evaluate(() => fetch('/api/auth/me').then((r) => r.status))).to.equal(401);
  });

  it('shows the error for a wrong password and stays on the sign-in page', async () => {
    await openSignInPage();
    await submit(USERNAME, 'not the password');
    const alert = page.getByRole('alert');
    await alert.filter({ hasText: '用户名或密码错误。' }).waitFor();
    expect(await passwordField().inputValue()).to.equal('');
    expect(await usernameField().getAttribute('aria-invalid')).to.equal('true');
    expect(await page.locator('.app-bar').count()).to.equal(0);
    await screenshot('signin-failed');
  });

  it('returns to the sign-in page with a notice when the session ends', async () => {
    await openSignInPage();
    await submit(USERNAME, TEST_PASSWORD);
    await expectSignedIn();

    // Revoked on the server (as logout elsewhere or a disabled user would): the next call is 401.
    const db = testDb();
    const sessions = db.sequelize.getQueryInterface().quoteIdentifier('sessions');
    await db.sequelize.query(`DELETE FROM ${sessions}`);
    // Opening another view calls the API. (The live overview may notice even sooner, as the
    // socket reconnects and it reloads: either way the next call is refused.)
    await page.evaluate(() => {
      location.hash = '#/sites';
    });

    await page.getByText('您的登录已失效，请重新登录。').waitFor();
    await usernameField().waitFor();
    expect(await page.locator('.app-header__user').count()).to.equal(0);
    await screenshot('session-ended');
  });
});
