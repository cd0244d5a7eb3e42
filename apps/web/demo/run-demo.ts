import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { demoAdminToken } from './demo-token';
import { demoOpml, startFixtureServer } from './fixture-server';

// `npm run demo`: the sample publishers on 127.0.0.1, the worker subscribed to them (and only to
// them) in a separate database under ./data/demo, and the web app. Ctrl-C stops all three.

const WEB_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const ROOT = resolve(WEB_DIR, '../..');
const DEMO_DIR = join(ROOT, 'data', 'demo');
const WORKER_MAIN = join(ROOT, 'apps', 'worker', 'dist', 'main.js');
const WEB_SERVER = join(WEB_DIR, 'server.mjs');

const DemoOptions = z.object({
  PORT: z.coerce.number().int().min(1).max(65_535).default(3000),
  WEB_DEMO_FIXTURE_PORT: z.coerce.number().int().min(0).max(65_535).default(0),
  ADMIN_TOKEN: z.string().min(16),
});

function start(
  name: string,
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  cwd: string,
): ChildProcess {
  const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'inherit', 'inherit'] });
  child.on('exit', (code, signal) => {
    if (!stopping) {
      console.error(`demo: ${name} exited (${signal ?? code}); stopping the demo`);
      void stop(1);
    }
  });
  return child;
}

let stopping = false;
const children: ChildProcess[] = [];
let closeFixtures: () => Promise<void> = async () => {};

async function stop(code: number): Promise<never> {
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  await Promise.all(
    children.map((child) =>
      child.exitCode === null ? new Promise((done) => child.once('exit', done)) : null,
    ),
  );
  await closeFixtures();
  process.exit(code);
}

async function main(): Promise<void> {
  const options = DemoOptions.parse({
    PORT: process.env.PORT || undefined,
    WEB_DEMO_FIXTURE_PORT: process.env.WEB_DEMO_FIXTURE_PORT || undefined,
    ADMIN_TOKEN: demoAdminToken(process.env.ADMIN_TOKEN),
  });
  if (!existsSync(WORKER_MAIN))
    throw new Error(
      `The worker is not built (${WORKER_MAIN}): run \`npm run demo\` from the repository root.`,
    );
  if (!existsSync(join(WEB_DIR, '.next', 'BUILD_ID')))
    throw new Error('The web app is not built: run `npm run demo` from the repository root.');

  // A fresh database each time: the samples' dates are relative to now, so old runs would only confuse.
  await rm(DEMO_DIR, { recursive: true, force: true });
  await mkdir(DEMO_DIR, { recursive: true });
  const fixtures = await startFixtureServer({ port: options.WEB_DEMO_FIXTURE_PORT });
  closeFixtures = fixtures.close;
  const opmlPath = join(DEMO_DIR, 'demo.opml');
  await writeFile(opmlPath, demoOpml(fixtures.url));
  const databaseUrl = `file:${join(DEMO_DIR, 'newsfeed.db')}`;
  const env = { ...process.env, DATABASE_URL: databaseUrl, NEXT_TELEMETRY_DISABLED: '1' };

  console.log(`demo: sample publishers on ${fixtures.url} (OPML: ${opmlPath})`);
  children.push(
    start(
      'worker',
      process.execPath,
      [WORKER_MAIN, 'run'],
      { ...env, WORKER_SEED_OPML: opmlPath, WORKER_ALLOWED_ADDRESSES: '127.0.0.1', WORKER_METRICS_PORT: '0' },
      ROOT,
    ),
  );
  children.push(
    start(
      'web',
      process.execPath,
      [WEB_SERVER, '--port', String(options.PORT), '--hostname', '127.0.0.1'],
      { ...env, PORT: String(options.PORT), ADMIN_TOKEN: options.ADMIN_TOKEN },
      WEB_DIR,
    ),
  );
  console.log(`demo: open http://127.0.0.1:${options.PORT}/ — the sample stories appear within a minute.`);
  console.log(`demo: admin at http://127.0.0.1:${options.PORT}/admin with token ${options.ADMIN_TOKEN}`);
  console.log('demo: Ctrl-C stops everything.');
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void stop(0));
main().catch((error: unknown) => {
  console.error(`demo: ${error instanceof Error ? error.message : String(error)}`);
  void stop(1);
});
