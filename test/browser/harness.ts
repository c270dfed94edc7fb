/**
 * The one harness of the browser tests: the built dashboard served by the app in-process with
 * Socket.IO attached (so the page's socket connects), one headless Debian chromium per file, and
 * screenshots under test-results/. Needs `npm run build` first and /usr/bin/chromium: without
 * them a suite is skipped loudly, or fails with CI=true.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { CLIENT_DIST } from '../../server/app';
import { startRealtimeServer, type RunningServer } from '../setup/realtime';

import { CHROMIUM, launchChromium } from './chromium';

export const SCREENSHOTS = path.resolve('test-results');

function missingPrerequisite(): string | null {
  if (!fs.existsSync(path.join(CLIENT_DIST, 'index.html'))) {
    return `${path.relative(process.cwd(), CLIENT_DIST)}/index.html is missing (run npm run build)`;
  }
  if (!fs.existsSync(CHROMIUM)) return `${CHROMIUM} is missing (apt-get install chromium)`;
  return null;
}

export interface BrowserHarness {
  /** `http://127.0.0.1:<port>/` */
  baseUrl: string;
  browser: Browser;
  server: RunningServer;
}

/**
 * Registers before/after hooks in the calling `describe` and returns the harness, filled in once
 * `before` ran. Call it after `useTestDatabase()` so the database exists first.
 */
export function useBrowser(): BrowserHarness {
  const harness = {} as BrowserHarness;
  before(async function () {
    const missing = missingPrerequisite();
    if (missing) {
      if (process.env.CI === 'true') throw new Error(`Browser tests cannot run: ${missing}`);
      console.warn(
        `\n!!! BROWSER TESTS SKIPPED: ${missing}.\n` +
          '!!! Build the client and install chromium, or run with CI=true to fail.\n',
      );
      this.skip();
    }
    // A short flush interval: the dashboards under test see changes within a few hundred ms.
    harness.server = await startRealtimeServer({ clientDist: CLIENT_DIST, flushIntervalMs: 50 });
    harness.baseUrl = `${harness.server.url}/`;
    harness.browser = await launchChromium();
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
  });
  after(async () => {
    await harness.browser?.close();
    await harness.server?.close();
  });
  return harness;
}

/** Saves `test-results/<prefix>-<name>.png`, the whole page unless `fullPage` is false. */
export function screenshot(
  page: Page,
  name: string,
  { prefix = 'browser', fullPage = true }: { prefix?: string; fullPage?: boolean } = {},
): Promise<Buffer> {
  return page.screenshot({ path: path.join(SCREENSHOTS, `${prefix}-${name}.png`), fullPage });
}
