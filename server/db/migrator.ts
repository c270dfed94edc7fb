/** Umzug over the TypeScript migrations in server/db/migrations, recorded in `SequelizeMeta`. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { QueryInterface, Sequelize } from 'sequelize';
import { SequelizeStorage, Umzug } from 'umzug';
import { getLogger } from '../logging/logger';

const log = getLogger('db');
const migrationsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

export function createMigrator(sequelize: Sequelize, options: { quiet?: boolean } = {}) {
  return new Umzug<QueryInterface>({
    migrations: {
      glob: ['*.ts', { cwd: migrationsDir, ignore: ['*.d.ts'] }],
      resolve: ({ name, path: file, context }) => ({
        name,
        up: async () => (await import(file!)).up({ name, path: file, context }),
        down: async () => (await import(file!)).down({ name, path: file, context }),
      }),
    },
    context: sequelize.getQueryInterface(),
    storage: new SequelizeStorage({ sequelize }),
    logger: options.quiet
      ? undefined
      : {
          info: (m) => log.info(typeof m === 'string' ? m : String(m.event ?? ''), m),
          warn: (m) => log.warn(String(m.event ?? m)),
          error: (m) => log.error(String(m.event ?? m)),
          debug: (m) => log.debug(String(m.event ?? m)),
        },
  });
}
