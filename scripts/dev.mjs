#!/usr/bin/env node
/**
 * `npm run dev`: the API server (`tsx watch server/main.ts`) and the Vite dev server (`vite`) side
 * by side, sharing this terminal. Ctrl+C or SIGTERM stops both; if either exits on its own, the
 * other is stopped too and this script exits with the first one's code, so a crashed half is
 * never left running.
 *
 * The two commands are what `npx tsx watch server/main.ts` and `npx vite` would run, but started
 * straight from node_modules with this Node binary rather than through npx: npx does not pass
 * SIGTERM on to the command it started, so stopping npx would orphan the server and Vite.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const GRACE_MS = 5000;

const commands = [
  { name: 'server', pkg: 'tsx', args: ['watch', 'server/main.ts'] },
  { name: 'vite', pkg: 'vite', args: [] },
];

/** The JavaScript file of a package's own command, as listed under "bin" in its package.json. */
function binOf(pkg) {
  const dir = path.join(repoRoot, 'node_modules', pkg);
  const { bin } = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
  return path.join(dir, typeof bin === 'string' ? bin : bin[pkg]);
}

/** @type {Map<string, import('node:child_process').ChildProcess>} */
const running = new Map();
let stopping = false;
let exitCode = 0;
/** @type {NodeJS.Timeout | undefined} */
let forceTimer;

/** @param {number} code */
function stopAll(code) {
  if (stopping) return;
  stopping = true;
  exitCode = code;
  for (const child of running.values()) child.kill('SIGTERM');
  // A child that ignores SIGTERM is killed after a grace period.
  forceTimer = setTimeout(() => {
    for (const child of running.values()) child.kill('SIGKILL');
  }, GRACE_MS);
  forceTimer.unref();
}

for (const { name, pkg, args } of commands) {
  const child = spawn(process.execPath, [binOf(pkg), ...args], { cwd: repoRoot, stdio: 'inherit' });
  running.set(name, child);

  child.on('error', (error) => {
    console.error(`[dev] could not start ${name}: ${error.message}`);
    running.delete(name);
    stopAll(1);
    if (running.size === 0) process.exit(exitCode);
  });

  child.on('exit', (code, signal) => {
    running.delete(name);
    if (!stopping) {
      console.error(`[dev] ${name} exited (${signal ?? `code ${code}`}); stopping the rest.`);
      stopAll(code || 1);
    }
    if (running.size === 0) {
      clearTimeout(forceTimer);
      process.exit(exitCode);
    }
  });
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    if (stopping) {
      // A second Ctrl+C: do not wait for the grace period.
      for (const child of running.values()) child.kill('SIGKILL');
      return;
    }
    // Ctrl+C in a terminal reaches the children too; SIGTERM from a supervisor reaches only us.
    stopAll(signal === 'SIGINT' ? 130 : 143);
  });
}
