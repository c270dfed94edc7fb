/**
 * The site board, placement and waiting list in headless Chromium (issue 6): the built client
 * served with Socket.IO over the test database. A site manager sees their rooms floor by floor
 * with states in words, opens a room to see its occupant (masked) with stay dates and tests,
 * checks an arrival in, and watches a change made elsewhere arrive live; registers a party, sees
 * its suggestions explained term by term and places it; follows the waiting list live.
 * Screenshots of each view go to test-results/.
 */
import { expect } from 'chai';
import type { BrowserContext, Page } from 'playwright-core';
import request from 'supertest';
import { addDays } from '../../shared/dates';
import { StayTest, WaitingEntry, type Room, type Site } from '../../server/models';
import { buildParty, buildRoom, buildSite, buildStays } from '../factories';
import { buildKnownPerson, validIdNumber, withWrongCheckDigit } from '../personFactories';
import { TEST_NOW, TEST_TODAY } from '../setup/app';
import { signIn } from '../setup/auth';
import { useTestDatabase } from '../setup/db';
import { expiryReason } from '../../server/waitingList/expiry';
import { QUEUE_AHEAD_REASON } from '../../server/waitingList/queueOrder';
import { screenshot as saveScreenshot, useBrowser } from './harness';

interface Board {
  site: Site;
  rooms: Record<string, Room>;
}

/** Two floors: an occupied room with tests, an arrival due, a room in cleaning, one out of service. */
async function buildBoard(): Promise<Board> {
  const site = await buildSite({ code: 'BOARD-1', name: 'Riverside Hotel' });
  const room = (number: string, attrs: Partial<Room> = {}) =>
    buildRoom({ site, number, floor: Number(number[0]), beds: 2, ...attrs });
  const rooms = {
    '201': await room('201'),
    '202': await room('202'),
    '203': await room('203', { status: 'cleaning' }),
    '204': await room('204', { accessible: true }),
    '301': await room('301'),
    '303': await room('303'),
    '302': await room('302', { status: 'out_of_service' }),
  };
  const liNa = await buildKnownPerson({
    fullName: 'Li Na',
    idNumber: validIdNumber('19850315'),
    phone: '13812345678',
  });
  const [stay] = await buildStays({
    room: rooms['201'],
    party: await buildParty({ people: [liNa] }),
    entryDate: addDays(TEST_TODAY, -3),
  });
  await StayTest.bulkCreate([
    { stayId: stay.id, day: 1, dueDate: addDays(TEST_TODAY, -3), result: 'negative' },
    { stayId: stay.id, day: 4, dueDate: TEST_TODAY },
    { stayId: stay.id, day: 7, dueDate: addDays(TEST_TODAY, 3) },
  ]);
  await buildStays({
    room: rooms['301'],
    party: await buildParty({ people: [await buildKnownPerson({ fullName: 'Wang Fang' })] }),
    status: 'reserved',
    entryDate: TEST_TODAY,
  });
  await buildStays({
    room: rooms['303'],
    status: 'reserved',
    entryDate: addDays(TEST_TODAY, 1),
  });
  return { site, rooms };
}

describe('site board, placement and waiting list in the browser', function () {
  this.timeout(90_000);
  useTestDatabase();

  const harness = useBrowser();
  let context: BrowserContext;
  let page: Page;
  let board: Board;
  let token: string;
  /** The signed-in site manager: parties they register are theirs to see (need to know). */
  let managerId: number;

  beforeEach(async () => {
    board = await buildBoard();
    const manager = await signIn('site_manager', { siteIds: [board.site.id] });
    ({ token } = manager);
    managerId = manager.user.id;
    context = await harness.browser.newContext({ viewport: { width: 1280, height: 900 } });
    // Signed in by the session cookie the sign-in form would have set; English for the assertions.
    await context.addCookies([{ name: 'haven_session', value: token, url: harness.server.url }]);
    await context.addInitScript(() => window.localStorage.setItem('haven.locale', 'en'));
    page = await context.newPage();
  });

  afterEach(async () => {
    await context?.close();
  });

  const screenshot = (name: string, fullPage = true) =>
    saveScreenshot(page, name, { prefix: 'board', fullPage });
  const tile = (number: string) => page.locator(`.room-tile[data-room="${number}"]`);
  const api = (method: 'get' | 'post', url: string) =>
    request(harness.server.url)[method](url).set('Authorization', `Bearer ${token}`);

  async function openBoard(): Promise<void> {
    await page.goto(`${harness.server.url}/#/sites/${board.site.id}`);
    await page.getByRole('heading', { name: 'Riverside Hotel (BOARD-1) room board' }).waitFor();
    await tile('201').waitFor();
  }

  it('shows rooms by floor with their state in words, and a room with its occupant and tests', async () => {
    await openBoard();
    const floors = await page.locator('.floor__title').allInnerTexts();
    expect(floors).to.deep.equal(['Floor 3', 'Floor 2']);
    expect(await tile('201').innerText())
      .to.contain('Occupied')
      .and.contain('1/2 beds');
    expect(await tile('203').innerText()).to.contain('Cleaning');
    // A reservation from today holds the room tonight; one from tomorrow shows as reserved.
    // Wang Fang is due today but has not arrived: incoming, not occupied.
    expect(await tile('301').innerText()).to.contain('Reserved');
    expect(await tile('303').innerText()).to.contain('Reserved');
    expect(await tile('302').innerText()).to.contain('Out of service');
    expect(await tile('202').innerText()).to.contain('Free');
    const arrivals = page.locator('section[aria-labelledby="today-arrivals"]');
    expect(await arrivals.innerText())
      .to.contain('Wang Fang')
      .and.contain('Room 301');
    const tests = page.locator('section[aria-labelledby="today-testsDue"]');
    expect(await tests.innerText())
      .to.contain('Li Na')
      .and.contain('day 4');
    await screenshot('site-board');

    await tile('201').click();
    const dialog = page.getByRole('dialog', { name: 'Room 201 (floor 2)' });
    await dialog.getByRole('heading', { name: 'Li Na' }).waitFor();
    const text = await dialog.innerText();
    expect(text).to.match(/4101\*{10}\d{3}[\dX]/);
    expect(text).to.contain('138****5678').and.contain('day 1').and.contain('Negative');
    expect(text).not.to.contain('13812345678');
    await dialog.getByRole('button', { name: /Release early/ }).waitFor();
    await screenshot('room-panel', false);
    // A move is picked from the engine's suggestions for this party, explained like placement's.
    await dialog.getByRole('button', { name: /^Move\W+Li Na$/ }).click();
    const option = dialog.locator('.move-chooser .suggestion').first();
    await option.waitFor();
    expect(await option.innerText())
      .to.contain('Best fit')
      .and.not.contain('room 201');
    await screenshot('move-suggestions', false);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
  });

  it('extends a stay and cancels a booking, each with a reason, and shows the site alerts', async () => {
    // Cleaning that began two days ago is overdue (policy: 24 h): an alert of this site.
    await board.rooms['203'].update({
      statusChangedAt: new Date(TEST_NOW.getTime() - 48 * 3600_000),
    });
    await openBoard();
    const alerts = page.locator('section.alerts');
    await alerts.getByText('Room 203 at BOARD-1 has waited 48 h for cleaning').waitFor();

    await tile('201').click();
    const dialog = page.getByRole('dialog', { name: 'Room 201 (floor 2)' });
    await dialog.getByRole('button', { name: /^Extend\W+Li Na$/ }).click();
    const newDate = await dialog.getByLabel('New planned release date').inputValue();
    await dialog.getByLabel('Reason').fill('room-mate tested positive');
    await dialog.getByRole('button', { name: 'Confirm' }).click();
    await dialog.getByText('Done: Extend Li Na').waitFor();
    const [, month, day] = newDate.split('-').map(Number);
    const monthName = new Date(Date.UTC(2026, month - 1, 1)).toLocaleString('en', {
      month: 'short',
      timeZone: 'UTC',
    });
    await dialog
      .getByText(new RegExp(`${monthName} ${day}`))
      .first()
      .waitFor();
    await screenshot('room-extended', false);
    await page.keyboard.press('Escape');

    await tile('303').click();
    const booked = page.getByRole('dialog', { name: 'Room 303 (floor 3)' });
    await booked.getByRole('button', { name: /^Cancel booking/ }).click();
    await booked.getByLabel('Reason').fill('tested negative at home');
    await booked.getByRole('button', { name: 'Confirm' }).click();
    await booked.getByText(/Done: Cancel booking/).waitFor();
    await page.keyboard.press('Escape');
    await page.waitForFunction(() =>
      document.querySelector('.room-tile[data-room="303"]')?.textContent?.includes('Free'),
    );
  });

  it('checks an arrival in, and shows a room cleaned elsewhere without a reload', async () => {
    await openBoard();
    await page.getByRole('button', { name: /^Check in\W+Wang Fang$/ }).click();
    await page.getByText('Nobody is due to check in today.').waitFor();
    await page.waitForFunction(() =>
      document.querySelector('.room-tile[data-room="301"]')?.textContent?.includes('Occupied'),
    );

    // Another manager's change, through the API: the board hears site.occupancy and reloads.
    await api('post', `/api/sites/${board.site.id}/rooms/${board.rooms['203'].id}/cleaned`).expect(
      200,
    );
    await page.waitForFunction(
      () =>
        !document.querySelector('.room-tile[data-room="203"]')?.textContent?.includes('Cleaning'),
    );
    expect(await tile('203').innerText()).to.contain('Free');
  });

  it('registers a party, explains each suggestion term by term, and places it', async () => {
    const standby = await buildSite({ code: 'RESERVE-1', name: 'Reserve Dorm', status: 'standby' });
    await buildRoom({ site: standby, number: '101', floor: 1 });
    // An official sees the whole city, standby sites included (a manager only their own sites).
    const official = await signIn('official');
    await context.addCookies([
      { name: 'haven_session', value: official.token, url: harness.server.url },
    ]);
    await page.goto(`${harness.server.url}/#/placement`);
    await page.getByRole('heading', { name: 'Placement' }).waitFor();
    const id = validIdNumber('19900101');
    await page.getByLabel('Full name').fill('Zhao Lei');
    await page.getByLabel('ID number').fill(withWrongCheckDigit(id));
    await page.getByText('The check character is wrong').waitFor();
    await page.getByLabel('ID number').fill(id);
    await page.getByText('Shape and check character are right').waitFor();
    await page.getByLabel('Last exposure or arrival').fill(addDays(TEST_TODAY, -1));
    await page.getByLabel('Coming from (district)').selectOption({ label: 'Jinshui' });
    await page.getByRole('button', { name: 'Register and suggest rooms' }).click();

    const first = page.locator('.suggestion').first();
    await first.waitFor();
    const words = await first.innerText();
    // The district's centre reached the API as the origin: distance is scored.
    expect(words).to.match(/km from where the party is/);
    expect(await page.getByText('Reserve Dorm').count(), 'no standby site unless allowed').to.equal(
      0,
    );
    await page.getByLabel('Allow opening a standby site').check();
    await page.getByText('Opens a standby site').waitFor();
    for (const term of [
      'Distance',
      'Open sites first',
      'Best fit',
      'Household together',
      'Cohort',
      'Utilization ceiling',
    ]) {
      expect(words).to.contain(term);
    }
    expect(words).to.contain('Riverside Hotel');
    await screenshot('placement-suggestions');

    await first.getByRole('button', { name: 'Place here' }).click();
    await page.getByText(/Placed: Riverside Hotel room \d+/).waitFor();
    await screenshot('placement-placed');
  });

  it('shows field errors from the API next to their fields', async () => {
    await page.goto(`${harness.server.url}/#/placement`);
    await page.getByLabel('Full name').fill('Zhao Lei');
    await page.getByLabel('ID number').fill(validIdNumber('19900101'));
    // A date in the future passes the form but not the API, which names the field.
    await page.getByLabel('Last exposure or arrival').fill(addDays(TEST_TODAY, 30));
    await page.getByRole('button', { name: 'Register and suggest rooms' }).click();
    await page.getByText('Correct the marked fields first.').waitFor();
    expect(await page.getByLabel('Last exposure or arrival').getAttribute('aria-invalid')).to.equal(
      'true',
    );
    await screenshot('placement-field-error');
  });

  it('lists the waiting list with waiting times, and a newly queued party live', async () => {
    const { party } = await buildParty({ size: 2 });
    await WaitingEntry.create({
      partyId: party.id,
      category: 'close_contact',
      priority: 1,
      reason: 'the floor holds people of another category on those nights',
      queuedAt: new Date(Date.parse(`${TEST_TODAY}T02:00:00Z`) - 3 * 3_600_000),
    });
    await page.goto(`${harness.server.url}/#/waiting-list`);
    await page.getByRole('heading', { name: 'Waiting list' }).waitFor();
    const rows = page.locator('.waiting-table tbody tr');
    await rows.first().waitFor();
    expect(await rows.first().innerText())
      .to.contain('3 h 0 min')
      .and.contain('Close contact');

    // Nothing takes a high-risk arrival in this city: placing queues it, and the page hears it.
    const queued = await buildParty({
      category: 'high_risk_arrival',
      registeredByUserId: managerId,
    });
    await api('post', `/api/parties/${queued.party.id}/placement`).send({}).expect(202);
    await page.waitForFunction(
      () => document.querySelectorAll('.waiting-table tbody tr').length === 2,
    );
    expect(await rows.nth(1).innerText()).to.contain('High-risk area arrival');
    await screenshot('waiting-list');
  });

  it('shows the parties whose quarantine ended before a room was found on a tab of their own', async () => {
    const [behind, ended] = [await buildParty(), await buildParty({ size: 3 })];
    const queuedAt = new Date(Date.parse(`${TEST_TODAY}T02:00:00Z`) - 26 * 3_600_000);
    await WaitingEntry.create({
      partyId: behind.party.id,
      category: 'close_contact',
      priority: 1,
      reason: QUEUE_AHEAD_REASON,
      queuedAt,
    });
    await WaitingEntry.create({
      partyId: ended.party.id,
      category: 'close_contact',
      priority: 1,
      status: 'expired',
      reason: expiryReason(addDays(TEST_TODAY, -1)),
      queuedAt,
      resolvedAt: new Date(Date.parse(`${TEST_TODAY}T00:30:00Z`)),
    });
    await page.goto(`${harness.server.url}/#/waiting-list`);
    const first = page.locator('.waiting-table tbody tr').first();
    await first.waitFor();
    expect(await first.innerText()).to.contain('earlier parties of its category are waiting');

    await page.getByRole('link', { name: 'Quarantine ended' }).click();
    await page.getByText('follow them up at home').waitFor();
    const row = page.locator('.waiting-table--expired tbody tr').first();
    await row.waitFor();
    const text = await row.innerText();
    expect(text).to.contain(`Party ${ended.party.id}`).and.contain('Close contact');
    expect(text).to.contain('Nov 28, 2026').and.contain('1 d 0 h');
    expect(page.url()).to.match(/#\/waiting-list\/expired$/);
    await screenshot('waiting-list-expired');

    await context.addInitScript(() => window.localStorage.removeItem('haven.locale'));
    const zh = await context.newPage();
    await zh.goto(`${harness.server.url}/#/waiting-list/expired`);
    await zh.getByRole('link', { name: '隔离期满离开' }).waitFor();
    await zh.locator('.waiting-table--expired tbody tr').first().waitFor();
    await saveScreenshot(zh, 'waiting-list-expired-zh', { prefix: 'board' });
  });

  it('speaks Chinese by default', async () => {
    await context.addInitScript(() => window.localStorage.removeItem('haven.locale'));
    const zh = await context.newPage();
    await zh.goto(`${harness.server.url}/#/sites/${board.site.id}`);
    await zh.getByRole('heading', { name: 'Riverside Hotel（BOARD-1）房间看板' }).waitFor();
    expect(await zh.locator('.room-tile[data-room="201"]').innerText()).to.contain('在住');
    await saveScreenshot(zh, 'site-board-zh', { prefix: 'board' });
  });
});
