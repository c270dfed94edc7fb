/**
 * A scratch database for a migration test, beside the test database and named after it
 * (`<test database>_<purpose>` on MariaDB, a temporary file on SQLite), so that migrating down
 * never disturbs the other tests, and runs on other databases of the same server never meet.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createSequelize, dialectOf } from '../../server/db/sequelize';
import { testDatabaseUrl } from './db';

export async function scratchDatabase(
  purpose: string,
  options: { characterSet?: string } = {},
): Promise<{ url: string; cleanup: () => Promise<void> }> {
  const base = testDatabaseUrl();
  if (dialectOf(base) === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `haven-${purpose}-`));
    return {
      url: `sqlite:${path.join(dir, 'm.sqlite')}`,
      cleanup: async () => fs.rmSync(dir, { recursive: true, force: true }),
    };
  }
  const name = `${/\/([^/?]+)(\?.*)?$/.exec(base)?.[1] ?? 'test'}_${purpose}`;
  const admin = createSequelize(base);
  await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
  // A character set other than the server's shows what migrations do on such a server.
  const characterSet = options.characterSet ? ` CHARACTER SET ${options.characterSet}` : '';
  await admin.query(`CREATE DATABASE \`${name}\`${characterSet}`);
  await admin.close();
  return {
    url: base.replace(/\/[^/?]+(\?.*)?$/, `/${name}$1`),
    cleanup: async () => {
      const again = createSequelize(base);
      await again.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await again.close();
    },
  };
}
