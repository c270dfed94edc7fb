/**
 * `npm run users:create-admin [-- --username NAME --name "Display name"]` — the first
 * administrator of a production database (`npm start` never creates users or the demo city
 * there). The password is asked with echo off at a terminal, or read from the first line of
 * standard input otherwise (`printf '%s\n' "$PASSWORD" | npm run users:create-admin`). Checked by
 * the same rules as `POST /api/users` and audited as created by the system. Migrates first, so it
 * may run before the first `npm start`.
 */
import 'dotenv/config';
import readline from 'node:readline';
import { parseArgs } from 'node:util';
import type { UserCreateInput } from '../../shared/auth';
import { loadConfig } from '../config';
import { openDatabase } from '../db/database';
import { ApiError } from '../errors';
import { configureLogger } from '../logging/logger';
import { userCreateBody } from '../routes/users/schemas';
import { createUser } from '../services/createUser';
import { dateInZone } from '../../shared/dates';

/** The password: hidden at a terminal, else the first line of standard input. */
async function readPassword(): Promise<string> {
  const input = process.stdin;
  if (!input.isTTY) {
    const lines = readline.createInterface({ input });
    for await (const line of lines) {
      lines.close();
      return line;
    }
    return '';
  }
  process.stdout.write('Password for the new administrator: ');
  input.setRawMode(true);
  input.resume();
  let typed = '';
  return new Promise((resolve) => {
    const onData = (chunk: Buffer) => {
      for (const ch of chunk.toString('utf8')) {
        if (ch === '\r' || ch === '\n') {
          input.setRawMode(false);
          input.pause();
          input.off('data', onData);
          process.stdout.write('\n');
          resolve(typed);
          return;
        }
        if (ch === '\u0003') process.exit(130);
        typed = ch === '\u007f' ? typed.slice(0, -1) : typed + ch;
      }
    };
    input.on('data', onData);
  });
}

async function main() {
  const { values } = parseArgs({
    options: { username: { type: 'string', default: 'admin' }, name: { type: 'string' } },
  });
  const config = loadConfig();
  configureLogger({ level: 'warn', json: config.nodeEnv === 'production' });
  const candidate = {
    username: values.username,
    displayName: values.name ?? 'Administrator',
    role: 'admin',
    password: await readPassword(),
  };
  const { value, error } = userCreateBody.validate(candidate, { abortEarly: false });
  if (error) {
    for (const detail of error.details) console.error(detail.message);
    process.exitCode = 1;
    return;
  }
  const db = await openDatabase(config.databaseUrl);
  try {
    await db.migrate();
    const now = new Date();
    const { user } = await createUser(
      {
        sequelize: db.sequelize,
        actor: { userId: null, requestId: 'users:create-admin', ip: null },
        today: dateInZone(now, config.appTimezone),
        now,
        siteScope: null,
      },
      value as UserCreateInput,
    );
    console.log(`Administrator ${user.username} created: sign in at the dashboard.`);
  } catch (failure) {
    if (!(failure instanceof ApiError)) throw failure;
    console.error(failure.detail);
    process.exitCode = 1;
  } finally {
    await db.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
