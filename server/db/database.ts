/**
 * Opens the database for a URL: Sequelize instance, models registered, connection prepared.
 * Everything that needs the database (server, seeders, CLI, tests) goes through here. Models are
 * module-level classes, so one process works with one open database at a time.
 */
import type { Sequelize } from 'sequelize';
import { initModels } from '../models';
import { createMigrator } from './migrator';
import { createSequelize, prepareConnection } from './sequelize';

export interface Database {
  sequelize: Sequelize;
  migrate(): Promise<string[]>;
  close(): Promise<void>;
}

export async function openDatabase(
  url: string,
  options: { logSql?: boolean; quietMigrations?: boolean } = {},
): Promise<Database> {
  const sequelize = createSequelize(url, { logSql: options.logSql });
  initModels(sequelize);
  await prepareConnection(sequelize);
  return {
    sequelize,
    async migrate() {
      const done = await createMigrator(sequelize, { quiet: options.quietMigrations }).up();
      return done.map((m) => m.name);
    },
    close: () => sequelize.close(),
  };
}
