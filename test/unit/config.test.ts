import { expect } from 'chai';
import { ConfigError, DEFAULT_DATABASE_URL, loadConfig } from '../../server/config';

function configError(env: NodeJS.ProcessEnv): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('configuration', () => {
  it('has a default for everything in development', () => {
    const config = loadConfig({});
    expect(config).to.include({
      nodeEnv: 'development',
      port: 3000,
      databaseUrl: DEFAULT_DATABASE_URL,
      redisUrl: null,
      logLevel: 'info',
      appTimezone: 'Asia/Shanghai',
      sessionSecretIsDefault: true,
    });
  });

  it('drains the waiting list every minute unasked, never in tests unless told, 0 for never', () => {
    expect(loadConfig({}).waitingListDrainIntervalMs).to.equal(60_000);
    expect(
      loadConfig({ WAITING_LIST_DRAIN_INTERVAL_SECONDS: '' }).waitingListDrainIntervalMs,
    ).to.equal(60_000);
    expect(loadConfig({ NODE_ENV: 'test' }).waitingListDrainIntervalMs).to.equal(0);
    const told = { NODE_ENV: 'test', WAITING_LIST_DRAIN_INTERVAL_SECONDS: '5' } as const;
    expect(loadConfig(told).waitingListDrainIntervalMs).to.equal(5_000);
    expect(
      loadConfig({ WAITING_LIST_DRAIN_INTERVAL_SECONDS: '0' }).waitingListDrainIntervalMs,
    ).to.equal(0);
  });

  it('treats empty values from a copied .env.example as unset', () => {
    const config = loadConfig({ SESSION_SECRET: '', REDIS_URL: '' });
    expect(config.sessionSecretIsDefault).to.equal(true);
    expect(config.redisUrl).to.equal(null);
  });

  it('requires SESSION_SECRET in production', () => {
    const error = configError({ NODE_ENV: 'production' });
    expect(error.variable).to.equal('SESSION_SECRET');
    expect(error.message).to.match(/^Invalid environment: SESSION_SECRET: .*required/);
  });

  it('names the variable and the reason for a bad value, in one line', () => {
    for (const [env, variable] of [
      [{ PORT: 'eighty' }, 'PORT'],
      [{ PORT: '70000' }, 'PORT'],
      [{ DATABASE_URL: 'postgres://x' }, 'DATABASE_URL'],
      [{ REDIS_URL: 'http://x' }, 'REDIS_URL'],
      [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
      [{ APP_TIMEZONE: 'Mars/Olympus' }, 'APP_TIMEZONE'],
      [{ SESSION_SECRET: 'short' }, 'SESSION_SECRET'],
      [{ WAITING_LIST_DRAIN_INTERVAL_SECONDS: '-1' }, 'WAITING_LIST_DRAIN_INTERVAL_SECONDS'],
      [{ WAITING_LIST_DRAIN_INTERVAL_SECONDS: 'often' }, 'WAITING_LIST_DRAIN_INTERVAL_SECONDS'],
    ] as const) {
      const error = configError(env);
      expect(error.variable).to.equal(variable);
      expect(error.message).to.contain(variable);
      expect(error.message).to.not.contain('\n');
    }
  });

  it('accepts a MySQL URL, a Redis URL and a time zone', () => {
    const config = loadConfig({
      DATABASE_URL: 'mysql://root@127.0.0.1:3306/haven',
      REDIS_URL: 'redis://127.0.0.1:6379',
      APP_TIMEZONE: 'Europe/Paris',
      PORT: '8080',
    });
    expect(config).to.include({ port: 8080, redisUrl: 'redis://127.0.0.1:6379' });
  });
});
