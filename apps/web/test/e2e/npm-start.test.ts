import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

// `npm start` (scripts/start.mjs) as a person uses it: the worker and the web app come up, and
// Ctrl-C (SIGINT to the whole process group, as a terminal sends it) stops both with exit 0 and no
// "[ELIFECYCLE] Command failed".

const START = fileURLToPath(new URL('../../../../scripts/start.mjs', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'newsfeed-npm-start-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const port = (probe.address() as { port: number }).port;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

describe('npm start', () => {
  it('serves the app, and Ctrl-C stops the worker and the web app with exit 0', {
    timeout: 180_000,
  }, async () => {
    const port = await freePort();
    const seed = join(dir, 'empty.opml');
    writeFileSync(seed, '<?xml version="1.0"?><opml version="2.0"><head/><body/></opml>');
    const child = spawn(process.execPath, [START, '--no-build'], {
      detached: true, // its own process group, like a terminal's foreground job
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        NODE_ENV: 'production',
        PORT: String(port),
        HOST: '127.0.0.1',
        DATABASE_URL: `file:${join(dir, 'newsfeed.db')}`,
        WORKER_SEED_OPML: seed,
        WORKER_METRICS_PORT: '0',
      },
    });
    let output = '';
    child.stdout!.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr!.on('data', (chunk) => {
      output += chunk;
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));

    const deadline = Date.now() + 150_000;
    let healthy = false;
    while (!healthy && Date.now() < deadline && child.exitCode === null) {
      healthy = await fetch(`http://127.0.0.1:${port}/api/health`)
        .then((response) => response.ok)
        .catch(() => false);
      if (!healthy) await new Promise((resolve) => setTimeout(resolve, 500));
    }
    expect(healthy, output).toBe(true);
    // The worker is up too: its start line names the database it opened.
    const workerDeadline = Date.now() + 30_000;
    while (!output.includes('worker started') && Date.now() < workerDeadline)
      await new Promise((resolve) => setTimeout(resolve, 200));
    expect(output).toContain('worker started');

    process.kill(-child.pid!, 'SIGINT');
    expect(await exited).toBe(0);
    expect(output).not.toMatch(/ELIFECYCLE|Command failed/);
  });
});
