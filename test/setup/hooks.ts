/** Mocha root hooks: quiet logs, one migrated database per run. */
import { configureLogger } from '../../server/logging/logger';
import { startTestDatabase, stopTestDatabase } from './db';

process.env.TZ = 'UTC';

export const mochaHooks = {
  async beforeAll(this: Mocha.Context) {
    this.timeout(60_000);
    configureLogger({ level: 'error', json: false, silent: process.env.TEST_LOGS !== '1' });
    await startTestDatabase();
  },
  async afterAll() {
    await stopTestDatabase();
  },
};
