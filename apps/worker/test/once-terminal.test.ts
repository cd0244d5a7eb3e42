import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_TEST_TIMEOUT_MS, CLI_TIMEOUTS_ENV, MAIN } from './helpers/cli.js';
import { hoursAgo, longText, rss, TEST_ENV } from './helpers/harness.js';
import { TestServer } from './helpers/test-server.js';

// `once` on a terminal draws a progress bar; info log lines would tear it apart, so only warnings
// and errors are logged while it is drawn. Run in a real pseudo-terminal through util-linux `script`.

const SCRIPT = '/usr/bin/script';
const server = new TestServer();
let dir: string;

beforeAll(async () => {
  for (const name of ['one', 'two', 'three']) {
    const body = rss([
      {
        title: name,
        link: `https://${name}.example/1`,
        guid: name,
        description: longText(name),
        pubDate: hoursAgo(1),
      },
    ]);
    server.route(`/${name}.xml`, (_, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      res.end(body);
    });
  }
  await server.start();
  dir = mkdtempSync(join(tmpdir(), 'newsfeed-once-tty-'));
  writeFileSync(
    join(dir, 'seed.opml'),
    `<opml version="2.0"><body>${['one', 'two', 'three'].map((name) => `<outline text="${name}" xmlUrl="${server.url(`/${name}.xml`)}"/>`).join('')}</body></opml>`,
  );
});

afterAll(async () => {
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
});

function onTerminal(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; output: string }> {
  const child = spawn(SCRIPT, ['-qec', [process.execPath, MAIN, ...args].join(' '), '/dev/null'], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', TERM: 'xterm', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr!.on('data', (chunk) => {
    output += chunk;
  });
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, output })));
}

describe.skipIf(!existsSync(MAIN) || !existsSync(SCRIPT))(
  '`once` on a terminal',
  { timeout: CLI_TEST_TIMEOUT_MS },
  () => {
    it('draws its progress bar without info log lines in between', async () => {
      const env = {
        ...TEST_ENV,
        ...CLI_TIMEOUTS_ENV,
        LOG_LEVEL: 'info',
        DATABASE_URL: `file:${join(dir, 'a.db')}`,
        WORKER_SEED_OPML: join(dir, 'seed.opml'),
      };
      const run = await onTerminal(['once'], env);
      expect(run.code).toBe(0);
      expect(run.output).toMatch(/polling █+/);
      expect(run.output).toMatch(/3 feeds: 3 updated/);
      // Lines logged before the bar (the seed) are fine; none may land between its frames.
      const fromBar = run.output.slice(run.output.search(/polling █/));
      expect(fromBar).not.toMatch(/"level":"info"/);
    });
  },
);
