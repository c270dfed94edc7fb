/** The app in-process over the test database, with a pinned clock. */
import type { Express } from 'express';
import { createApp } from '../../server/app';
import { loadConfig } from '../../server/config';
import { testDb } from './db';

/** 2026-11-29 10:00 in Asia/Shanghai: tests know which day "today" is. */
export const TEST_NOW = new Date('2026-11-29T02:00:00Z');
export const TEST_TODAY = '2026-11-29';

export function testApp(now: Date = TEST_NOW): Express {
  const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: 'sqlite::memory:' });
  return createApp({ config, db: testDb(), now: () => now }, { clientDist: null });
}
