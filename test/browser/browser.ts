/**
 * What the browser tests share: Debian's chromium launched headless, where screenshots go, and
 * the check that the built client and the browser are there (skipped loudly, or failed with
 * CI=true, when they are not).
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { CLIENT_DIST } from '../../server/app';

export const CHROMIUM = '/usr/bin/chromium';
export const SCREENSHOTS = path.resolve('test-results');

export function missingPrerequisite(): string | null {
  if (!fs.existsSync(path.join(CLIENT_DIST, 'index.html'))) {
    return `${path.relative(process.cwd(), CLIENT_DIST)}/index.html is missing (run npm run build)`;
  }
  if (!fs.existsSync(CHROMIUM)) return `${CHROMIUM} is missing (apt-get install chromium)`;
  return null;
}

/** In a `before` hook: skips the suite (or throws under CI) when something is missing. */
export function requireBrowserPrerequisites(context: Mocha.Context): void {
  const missing = missingPrerequisite();
  if (!missing) return;
  if (process.env.CI === 'true') throw new Error(`Browser tests cannot run: ${missing}`);
  console.warn(
    `\n!!! BROWSER TESTS SKIPPED: ${missing}.\n` +
      '!!! Build the client and install chromium, or run with CI=true to fail.\n',
  );
  context.skip();
}

export async function launchBrowser(): Promise<Browser> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}
