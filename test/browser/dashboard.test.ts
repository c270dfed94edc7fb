/**
 * The dashboard in headless Chromium (issue 6): each role sees its own navigation only; the
 * overview's tiles equal the API's figures; a party placed through the API shows up on an
 * overview that is already open, over the socket, without a reload; the language switch changes
 * the visible text. Screenshots of each view go to test-results/.
 */
import { expect } from 'chai';
import type { BrowserContext, Page } from 'playwright-core';
import type { SiteListDto } from '../../shared/dto';
import type { OverviewDto } from '../../shared/overviewDto';
import type { Role } from '../../shared/enums';
import type { Site } from '../../server/models';
import { buildParty, buildRoom, buildSite, buildStays } from '../factories';
import { signIn } from '../setup/auth';
import { useTestDatabase } from '../setup/db';
import { screenshot, useBrowser } from './harness';

const NAV_BY_ROLE: Record<Role, string[]> = {
  admin: ['总览', '站点', '安置', '候补名单', '系统管理'],
  official: ['总览', '站点', '安置', '候补名单'],
  site_manager: ['站点', '安置', '候补名单'],
  transport: ['站点'],
};

describe('dashboard views in the browser', function () {
  this.timeout(60_000);
  useTestDatabase();
  const harness = useBrowser();
  const contexts: BrowserContext[] = [];
  let active: Site;

  beforeEach(async () => {
    active = await buildSite({ code: 'ACT-1', name: '金水酒店' });
    for (let i = 0; i < 4; i++) await buildRoom({ site: active, beds: 1 });
    await buildRoom({ site: active, beds: 3 });
    await buildStays({ room: await buildRoom({ site: active, beds: 2 }) });
    const standby = await buildSite({ code: 'STB-1', name: '备用宿舍', status: 'standby' });
    for (let i = 0; i < 3; i++) await buildRoom({ site: standby, beds: 2 });
  });

  afterEach(async () => {
    for (const context of contexts.splice(0)) await context.close();
  });

  /** A page signed in as `role` (the session cookie set directly: the form has its own test). */
  async function pageAs(role: Role, options: { siteIds?: number[] } = {}) {
    const signedIn = await signIn(role, options);
    const context = await harness.browser.newContext({ viewport: { width: 1280, height: 900 } });
    contexts.push(context);
    await context.addCookies([
      { name: 'haven_session', value: signedIn.token, url: harness.baseUrl },
    ]);
    const page = await context.newPage();
    return { page, token: signedIn.token };
  }

  async function navLabels(page: Page): Promise<string[]> {
    const nav = page.getByRole('navigation', { name: '主导航' });
    await nav.waitFor();
    return nav.locator('.app-nav__list:not(.app-nav__sites) a').allInnerTexts();
  }

  async function api<T>(token: string, path: string, init: RequestInit = {}): Promise<T> {
    const res = await fetch(`${harness.server.url}${path}`, {
      ...init,
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    });
    expect(res.ok, `${path} answered ${res.status}`).to.equal(true);
    return (await res.json()) as T;
  }

  const tile = (page: Page, name: string) => page.locator(`[data-tile="${name}"] .tile__value`);

  it('shows each role only its own navigation, and a site manager their sites', async () => {
    for (const role of ['admin', 'official', 'transport'] as const) {
      const { page } = await pageAs(role);
      await page.goto(`${harness.baseUrl}#/admin/users`);
      expect(await navLabels(page)).to.deep.equal(NAV_BY_ROLE[role]);
      // A view the role may not open sends it to its landing view.
      const landing =
        role === 'admin' ? '#/admin/users' : role === 'official' ? '#/overview' : '#/sites';
      await page.waitForFunction((hash) => location.hash === hash, landing);
    }
    const { page } = await pageAs('site_manager', { siteIds: [active.id] });
    await page.goto(`${harness.baseUrl}#/overview`);
    expect(await navLabels(page)).to.deep.equal(NAV_BY_ROLE.site_manager);
    await page.waitForFunction(() => location.hash === '#/sites');
    const mySites = page.getByRole('list', { name: '我的站点' });
    await mySites.getByRole('link', { name: /ACT-1/ }).waitFor();
    expect(await page.locator('.user-badge__sites').innerText()).to.equal('ACT-1');
    await page.locator('.sites-table').getByText('ACT-1').waitFor();
    await page.locator('.connection[data-status="live"]').waitFor();
    await screenshot(page, 'site-manager-sites');
  });

  it('shows the same totals as the API and follows a placement live, without a reload', async () => {
    const { page, token } = await pageAs('official');
    await page.goto(harness.baseUrl);
    await page.waitForFunction(() => location.hash === '#/overview');
    await page.getByRole('heading', { name: '全市总览' }).waitFor();
    await page.locator('.connection[data-status="live"]').waitFor();

    const sites = await api<SiteListDto>(token, '/api/sites');
    const overview = await api<OverviewDto>(token, '/api/overview');
    await page.locator('[data-tile="intake"] .tile__value').filter({ hasNotText: '—' }).waitFor();
    expect(await tile(page, 'beds').innerText()).to.equal(String(sites.totals.beds));
    expect(await tile(page, 'occupied').innerText()).to.equal(String(sites.totals.occupied));
    const freeIn = (status: string) =>
      sites.data.filter((s) => s.status === status).reduce((n, s) => n + s.occupancy.free, 0);
    expect(await tile(page, 'free').innerText()).to.equal(String(freeIn('active')));
    expect(await tile(page, 'reserve').innerText()).to.equal(String(freeIn('standby')));
    expect(await tile(page, 'activeSites').innerText()).to.equal('1');
    expect(await tile(page, 'intake').innerText()).to.equal(String(overview.today.intake));
    await page.locator('.forecast-chart canvas').waitFor();
    await screenshot(page, 'overview');

    // Placed through the API by someone else: the open overview follows over the socket.
    const reloads = await page.evaluate(() => performance.getEntriesByType('navigation').length);
    const { party } = await buildParty();
    await api(token, `/api/parties/${party.id}/placement`, { method: 'POST', body: '{}' });
    await page.waitForFunction(
      (expected) =>
        document.querySelector('[data-tile="occupied"] .tile__value')?.textContent === expected,
      String(sites.totals.occupied + 1),
    );
    expect(await tile(page, 'free').innerText()).to.equal(String(freeIn('active') - 1));
    await page.waitForFunction(
      (expected) =>
        document.querySelector('[data-tile="intake"] .tile__value')?.textContent === expected,
      String(overview.today.intake + 1),
    );
    expect(await page.evaluate(() => performance.getEntriesByType('navigation').length)).to.equal(
      reloads,
    );
  });

  it('lets an official activate a standby site from the overview, after confirming', async () => {
    const { page } = await pageAs('official');
    await page.goto(`${harness.baseUrl}#/overview`);
    await page.getByRole('button', { name: '启用 STB-1' }).click();
    // The confirmation says what opening it adds (6 beds) and what it takes.
    await page
      .getByRole('group', { name: '确认启用 STB-1' })
      .getByText(/增加 6 张床/)
      .waitFor();
    await page.getByRole('button', { name: '确认启用' }).click();
    await page.getByText('STB-1 已启用，开始接收人员。').waitFor();
    await page.waitForFunction(() => !document.querySelector('.row-action button'), undefined, {
      timeout: 5000,
    });
    await screenshot(page, 'overview-activated');
  });

  it('switches the visible text between Chinese and English', async () => {
    const { page } = await pageAs('admin');
    await page.goto(`${harness.baseUrl}#/sites`);
    await page.getByRole('heading', { name: '站点与入住' }).waitFor();
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Sites & occupancy' }).waitFor();
    const nav = page.getByRole('navigation', { name: 'Main navigation' });
    expect(await nav.locator('.app-nav__list a').allInnerTexts()).to.deep.equal([
      'Overview',
      'Sites',
      'Placement',
      'Waiting list',
      'Administration',
    ]);
    expect(await page.evaluate(() => document.documentElement.lang)).to.equal('en');
    expect(await page.locator('.sites-table').innerText()).to.contain('Active');
    // Districts by name in the language shown, with their code.
    expect(await page.locator('.sites-table tbody .col-district').first().innerText()).to.equal(
      'Jinshui 410105',
    );
    await screenshot(page, 'sites-english');
    await page.goto(`${harness.baseUrl}#/overview`);
    await page.getByRole('heading', { name: 'City overview' }).waitFor();
    await page.locator('.forecast-chart canvas').waitFor();
    await screenshot(page, 'overview-english');
    await page.getByRole('button', { name: '中文' }).click();
    await page.getByRole('heading', { name: '全市总览' }).waitFor();
    expect(await page.locator('.sites-table tbody .col-district').first().innerText()).to.equal(
      '金水区 410105',
    );
  });

  it("administers sites, rooms, policy and users, showing the API's field errors", async () => {
    const { page } = await pageAs('admin');
    await page.goto(`${harness.baseUrl}#/admin/sites`);
    await page.getByRole('heading', { name: '登记新站点' }).waitFor();

    // A bad code: the API's problem names the field, and the form marks it.
    const form = page.locator('form.admin-form').first();
    await form.getByLabel('编号').fill('bad code');
    await form.getByLabel('名称').fill('新站点');
    await form.getByLabel('地址').fill('1 Test Road');
    await form.getByRole('button', { name: '登记站点' }).click();
    await form.locator('.form-field__error').first().waitFor();
    expect(await form.getByLabel('编号').getAttribute('aria-invalid')).to.equal('true');
    // The reason is the dashboard's own words, not the server's English.
    expect(await form.locator('.form-field__error').first().innerText()).to.equal('格式不正确');
    await screenshot(page, 'admin-site-error');
    await form.getByLabel('编号').fill('NEW-1');
    await form.getByRole('button', { name: '登记站点' }).click();
    await page.getByText('站点 NEW-1 已登记。').waitFor();

    // Activate the standby site.
    await page.getByRole('button', { name: '启用 STB-1' }).click();
    await page.getByText('STB-1 已启用。').waitFor();
    await screenshot(page, 'admin-sites');

    await page.getByRole('link', { name: '房间' }).click();
    await page.getByRole('heading', { name: '批量添加房间' }).waitFor();
    await page.getByLabel('每层房间数').fill('4');
    await page.getByRole('button', { name: '添加房间' }).click();
    await page.getByText('已添加 4 间房。').waitFor();
    await screenshot(page, 'admin-rooms');

    await page.getByRole('link', { name: '政策' }).click();
    await page.getByLabel('消杀时间（小时）').fill('36');
    await page.getByRole('button', { name: '保存政策' }).click();
    await page.getByText('已保存。').waitFor();
    await screenshot(page, 'admin-policy');

    await page.getByRole('link', { name: '用户' }).click();
    await page.getByRole('heading', { name: '新建用户' }).waitFor();
    await page.getByLabel('用户名').fill('new-official');
    await page.getByLabel('姓名').fill('新官员');
    await page.getByLabel('初始密码').fill('a long enough password 1');
    await page.getByRole('button', { name: '创建用户' }).click();
    await page.getByText('用户 new-official 已创建。').waitFor();
    await page.getByRole('button', { name: '停用 new-official' }).click();
    await page.getByText('new-official 已停用。').waitFor();

    // A site manager's sites are picked and listed by code and name, and changed in place.
    const newUser = page.locator('form.admin-form');
    await newUser.getByLabel('用户名').fill('new-manager');
    await newUser.getByLabel('姓名').fill('新站长');
    await newUser.getByLabel('角色').selectOption({ label: '站点负责人' });
    await newUser.getByLabel('初始密码').fill('a long enough password 2');
    await newUser.getByRole('checkbox', { name: 'ACT-1 金水酒店' }).check();
    await newUser.getByRole('button', { name: '创建用户' }).click();
    await page.getByText('用户 new-manager 已创建。').waitFor();
    const row = page.getByRole('row', { name: /new-manager/ });
    await row.getByText('ACT-1 金水酒店').waitFor();
    await row.getByRole('button', { name: '修改站点 new-manager' }).click();
    await row.getByRole('checkbox', { name: 'STB-1 备用宿舍' }).check();
    await row.getByRole('button', { name: '保存站点' }).click();
    await row.getByRole('button', { name: '修改站点 new-manager' }).waitFor();
    expect(await row.locator('.site-names').innerText())
      .to.contain('ACT-1 金水酒店')
      .and.contain('STB-1 备用宿舍');
    await screenshot(page, 'admin-users');
  });
});
