/**
 * The only module that reads process.env. Every variable is validated once at start-up; a bad
 * value stops the process with one line naming the variable (see loadConfig / main.ts).
 */
import Joi from 'joi';
import path from 'node:path';
import { KEY_ID_PATTERN } from './personalData/cipher';

export interface Config {
  nodeEnv: 'development' | 'production' | 'test';
  port: number;
  databaseUrl: string;
  redisUrl: string | null;
  sessionSecret: string;
  /** True when SESSION_SECRET was not given and the development default is in use. */
  sessionSecretIsDefault: boolean;
  logLevel: 'error' | 'warn' | 'info' | 'http' | 'debug';
  appTimezone: string;
  /** Key for personal data at rest; in development it falls back to the session secret. */
  dataKey: { id: string; material: string; isDefault: boolean };
  /** Older data keys, still able to decrypt until `npm run keys:rotate` has run. */
  previousDataKeys: { id: string; material: string }[];
  /** Origins allowed to call the API from a browser; empty = CORS closed. */
  corsOrigins: string[];
  /** Express `trust proxy` (e.g. `loopback`, `1`); unset = trust no proxy headers. */
  trustProxy: string | null;
  /**
   * How often each process offers to drain the waiting list besides the drains that freed capacity
   * asks for (0 = never): catches up after a process died mid-drain and after races. Not in tests.
   */
  waitingListDrainIntervalMs: number;
}

export const DEV_SESSION_SECRET = 'haven-development-secret-change-me-0000000000';
export const DEFAULT_DATABASE_URL = `sqlite:${path.join('data', 'haven.sqlite')}`;

function isTimezone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

const schema = Joi.object({
  NODE_ENV: Joi.string().valid('development', 'production', 'test').default('development'),
  PORT: Joi.number().integer().min(0).max(65535).default(3000),
  DATABASE_URL: Joi.string()
    .pattern(/^(sqlite:|mysql:\/\/|mariadb:\/\/)/, 'sqlite:, mysql:// or mariadb:// URL')
    .default(DEFAULT_DATABASE_URL),
  REDIS_URL: Joi.string()
    .uri({ scheme: ['redis', 'rediss'] })
    .empty(''),
  // An empty value (as in a copied .env.example) means "not set".
  SESSION_SECRET: Joi.string()
    .empty('')
    .min(32)
    .when('NODE_ENV', { is: 'production', then: Joi.required() }),
  LOG_LEVEL: Joi.string().valid('error', 'warn', 'info', 'http', 'debug').default('info'),
  DATA_ENCRYPTION_KEY: Joi.string()
    .empty('')
    .min(32)
    .when('NODE_ENV', { is: 'production', then: Joi.required() }),
  DATA_ENCRYPTION_KEY_ID: Joi.string().empty('').pattern(KEY_ID_PATTERN).default('v1'),
  DATA_ENCRYPTION_PREVIOUS_KEYS: Joi.string()
    .empty('')
    .pattern(/^[A-Za-z0-9_-]{1,16}:[^,]{32,}(,[A-Za-z0-9_-]{1,16}:[^,]{32,})*$/)
    .messages({
      'string.pattern.base': '{{#label}} must be id:key[,id:key…], keys of 32+ characters',
    }),
  CORS_ORIGINS: Joi.string()
    .empty('')
    .pattern(/^https?:\/\/[^,\s]+(,https?:\/\/[^,\s]+)*$/)
    .messages({
      'string.pattern.base': '{{#label}} must be a comma-separated list of http(s) origins',
    }),
  TRUST_PROXY: Joi.string()
    .empty('')
    .pattern(/^(loopback|linklocal|uniquelocal|\d{1,2}|true|false)$/),
  WAITING_LIST_DRAIN_INTERVAL_SECONDS: Joi.number()
    .empty('')
    .integer()
    .min(0)
    .max(86_400)
    .when('NODE_ENV', { is: 'test', then: Joi.any().default(0), otherwise: Joi.any().default(60) }),
  APP_TIMEZONE: Joi.string()
    .custom((value: string, helpers) => (isTimezone(value) ? value : helpers.error('any.invalid')))
    .messages({ 'any.invalid': '{{#label}} is not an IANA time zone' })
    .default('Asia/Shanghai'),
}).unknown(true);

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** Validates an environment (process.env by default) and returns the typed configuration. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const { value, error } = schema.validate(env, { abortEarly: true, convert: true });
  if (error) {
    const detail = error.details[0];
    const variable = String(detail.path[0]);
    throw new ConfigError(variable, `Invalid environment: ${variable}: ${detail.message}`);
  }
  return {
    nodeEnv: value.NODE_ENV,
    port: value.PORT,
    databaseUrl: value.DATABASE_URL,
    redisUrl: value.REDIS_URL ?? null,
    sessionSecret: value.SESSION_SECRET ?? DEV_SESSION_SECRET,
    sessionSecretIsDefault: value.SESSION_SECRET === undefined,
    logLevel: value.LOG_LEVEL,
    appTimezone: value.APP_TIMEZONE,
    dataKey: {
      id: value.DATA_ENCRYPTION_KEY_ID,
      material: value.DATA_ENCRYPTION_KEY ?? value.SESSION_SECRET ?? DEV_SESSION_SECRET,
      isDefault: value.DATA_ENCRYPTION_KEY === undefined,
    },
    previousDataKeys: value.DATA_ENCRYPTION_PREVIOUS_KEYS
      ? String(value.DATA_ENCRYPTION_PREVIOUS_KEYS)
          .split(',')
          .map((pair: string) => {
            const at = pair.indexOf(':');
            return { id: pair.slice(0, at), material: pair.slice(at + 1) };
          })
      : [],
    corsOrigins: value.CORS_ORIGINS ? String(value.CORS_ORIGINS).split(',') : [],
    trustProxy: value.TRUST_PROXY ?? null,
    waitingListDrainIntervalMs: value.WAITING_LIST_DRAIN_INTERVAL_SECONDS * 1000,
  };
}
