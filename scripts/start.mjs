#!/usr/bin/env node
// `npm start`: builds what it needs through the pinned pnpm (scripts/pnpm.mjs), then runs the worker
// and the web app as this process's own children. Ctrl-C (SIGINT to the whole group) or SIGTERM stops
// both and exits 0: no package runner sits in between to report the signal as a failure.
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = dirname(dirname(fileURLToPath(import.meta.url)));
const WORKER_DIR = join(ROOT, 'apps', 'worker');
const WEB_DIR = join(ROOT, 'apps', 'web');
const WEB_SERVER = join(WEB_DIR, 'server.mjs');
/** Exit codes of a child that stopped because it was asked to (SIGINT, SIGTERM). */
const STOP_CODES = new Set([0, 130, 143]);

// `--no-build`: run what is already built (a test, or a machine that built in an earlier step).
if (!process.argv.includes('--no-build')) {
  const build = spawnSync(
    process.execPath,
    [
      join(ROOT, 'scripts', 'pnpm.mjs'),
      'turbo',
      'run',
      'build',
      '--filter=@newsfeed/worker',
      '--filter=@newsfeed/web',
    ],
    { cwd: ROOT, stdio: 'inherit' },
  );
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };
env.DATABASE_URL ||= `file:${join(ROOT, 'data', 'newsfeed.db')}`;

// The worker runs exactly as its package's `start` script says (its heap cap lives there).
const workerStart = JSON.parse(readFileSync(join(WORKER_DIR, 'package.json'), 'utf8')).scripts.start.split(
  ' ',
);
const children = [
  spawn(process.execPath, workerStart.slice(1), { cwd: WORKER_DIR, stdio: 'inherit', env }),
  spawn(process.execPath, [WEB_SERVER, '--port', env.PORT || '3000', '--hostname', env.HOST || '127.0.0.1'], {
    cwd: WEB_DIR,
    stdio: 'inherit',
    env,
  }),
];

let stopping = false;
let exitCode = 0;
function stopAll(signal) {
  stopping = true;
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill(signal);
}
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => stopAll(signal));

let running = children.length;
for (const child of children) {
  child.on('exit', (code, signal) => {
    running -= 1;
    const askedToStop =
      stopping && (signal === 'SIGINT' || signal === 'SIGTERM' || STOP_CODES.has(code ?? -1));
    if (!askedToStop) {
      // One of the two died on its own: stop the other and report the failure.
      exitCode = code ?? 1;
      stopAll('SIGTERM');
    }
    if (running === 0) process.exit(exitCode);
  });
}
