/**
 * The open dashboard follows changes to its user made elsewhere, without a reload (issue 5 §2,
 * issue 6 §1): the server closes the user's socket when an administrator changes their role, and
 * when their session is revoked; the page then asks who it is, and either reconnects with the
 * new role's navigation or shows the sign-in page with a notice.
 */
import { expect } from 'chai';
import type { BrowserContext, Page } from 'playwright-core';
import { signIn, TEST_PASSWORD, type SignedIn } from '../setup/auth';
import { useTestDatabase } from '../setup/db';
import { screenshot, useBrowser } from './harness';

describe('dashboard access changed elsewhere, in the browser', function () {
  this.timeout(30_000);
  useTestDatabase();
  const harness = useBrowser();

  let context: BrowserContext;
  let page: Page;
  let admin: SignedIn;
  let manager: SignedIn;

  beforeEach(async () => {
    admin = await signIn('admin');
    manager = await signIn('site_manager', { username: 'ui-changing-manager' });
    context = await harness.browser.newContext({ viewport: { width: 1280, height: 800 } });
    page = await context.newPage();
    await page.goto(harness.baseUrl);
    await page.getByLabel('用户名').fill('ui-changing-manager');
    await page.getByLabel('密码').fill(TEST_PASSWORD);
    await page.getByLabel('密码').press('Enter');
    await page.getByRole('navigation', { name: '主导航' }).waitFor();
    await page.locator('.connection--live, [data-status="live"]').first().waitFor();
  });

  afterEach(async () => {
    await context?.close();
  });

  const asAdmin = (path: string, method: string, body?: object) =>
    fetch(`${harness.server.url}${path}`, {
      method,
      headers: { ...admin.auth, 'Content-Type': 'application/json' },
      body: body ? JSON.stringify(body) : undefined,
    });

  it("shows the new role's navigation when an administrator changes it", async () => {
    const nav = page.getByRole('navigation', { name: '主导航' });
    expect(await nav.getByRole('link', { name: '总览' }).count()).to.equal(0);
    const res = await asAdmin(`/api/users/${manager.user.id}`, 'PATCH', { role: 'official' });
    expect(res.status).to.equal(200);
    await nav.getByRole('link', { name: '总览' }).waitFor();
    await page.locator('.connection--live, [data-status="live"]').first().waitFor();
    await screenshot(page, 'access-role-changed');
  });

  it('shows the sign-in page with a notice when the user is disabled, without a click', async () => {
    const res = await asAdmin(`/api/users/${manager.user.id}/disable`, 'POST', {});
    expect(res.status).to.be.within(200, 299);
    await page.getByText('您的登录已失效，请重新登录。').waitFor();
    await page.getByLabel('用户名').waitFor();
    await screenshot(page, 'access-disabled');
  });
});
