import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDb } from '@newsfeed/db';
import { subscribableUrl } from '@newsfeed/parser/url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_TEST_TIMEOUT_MS, CLI_TIMEOUTS_ENV, logLines, MAIN, runCli } from './helpers/cli.js';
import { hoursAgo, longText, rss, TEST_ENV } from './helpers/harness.js';
import { TestServer } from './helpers/test-server.js';

// Subscribing from the CLI: the same address rule as the admin page, a damaged OPML reported (never
// a feed lost quietly), and failures said once, on stderr, naming the setting at fault.

const server = new TestServer();
let dir: string;
let env: Record<string, string>;

async function feedUrls(databaseUrl: string): Promise<string[]> {
  const db = await createDb(databaseUrl);
  try {
    return (await db.subscriptions.all()).map((feed) => feed.url);
  } finally {
    await db.close();
  }
}

beforeAll(async () => {
  server.route('/private.xml', (_, res) => {
    res.writeHead(200, { 'content-type': 'application/rss+xml' });
    res.end(
      rss([
        {
          title: 'One',
          link: 'https://p.example/1',
          guid: 'p1',
          description: longText('p'),
          pubDate: hoursAgo(1),
        },
      ]),
    );
  });
  await server.start();
  dir = mkdtempSync(join(tmpdir(), 'newsfeed-subs-cli-'));
  env = { ...TEST_ENV, ...CLI_TIMEOUTS_ENV, DATABASE_URL: `file:${join(dir, 'a.db')}` };
});

afterAll(async () => {
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(!existsSync(MAIN))('subscribing from the CLI', { timeout: CLI_TEST_TIMEOUT_MS }, () => {
  it('adds a bare host name as https:// (as the admin does) and refuses a single-label host, once, on stderr', async () => {
    const added = await runCli(['add', 'example.org'], env);
    expect(added.code).toBe(0);
    expect(added.stdout).toMatch(/^added: #\d+ https:\/\/example\.org\/ /);
    expect(added.stdout).toContain(subscribableUrl('example.org'));

    const again = await runCli(['add', 'https://example.org'], env);
    expect(again.stdout).toMatch(/^already subscribed: #\d+ https:\/\/example\.org\/\n$/);

    const refused = await runCli(['add', 'nope'], env);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toBe(
      'SubscriptionUrlError [INVALID_FEED_URL]: Cannot subscribe to "nope": "nope" has no domain; give the full address, such as nope.org\n',
    );
    expect(await feedUrls(env.DATABASE_URL!)).toEqual(['https://example.org/']);
  });

  it('imports every feed of an OPML with an unclosed <outline ...>, says what it repaired and exits 1', async () => {
    const path = join(dir, 'damaged.opml');
    writeFileSync(
      path,
      `<?xml version="1.0"?>
<opml version="2.0"><body>
  <outline text="First" type="rss" xmlUrl="https://first.example/feed.xml"
  <outline text="Second" type="rss" xmlUrl="https://second.example/feed.xml"/>
</body></opml>`,
    );
    const fresh = { ...env, DATABASE_URL: `file:${join(dir, 'damaged.db')}` };
    const imported = await runCli(['import', path], fresh);
    expect(imported.code).toBe(1);
    expect(imported.stderr).toMatch(
      /importing: 2 added, 0 already subscribed, 0 refused, 1 repairs or warnings/,
    );
    expect(imported.stderr).toContain(`warning: ${path}: line 3: an <outline> tag was not closed`);
    expect(imported.stderr).toMatch(/was only partly read/);
    const missing = await runCli(['import', join(dir, 'absent.opml')], fresh);
    expect(missing.code).toBe(1);
    expect(missing.stdout).toBe('');
    expect(missing.stderr).toBe(
      `OpmlFileError [OPML_FILE_UNREADABLE]: Cannot read the OPML file ${join(dir, 'absent.opml')}: no such file\n`,
    );
    expect((await feedUrls(fresh.DATABASE_URL)).sort()).toEqual([
      'https://first.example/feed.xml',
      'https://second.example/feed.xml',
    ]);
  });

  it('names WORKER_SEED_OPML when the seed file is missing: once on stderr for a person, as a log line for `run`', async () => {
    const missing = {
      ...env,
      DATABASE_URL: `file:${join(dir, 'seed.db')}`,
      WORKER_SEED_OPML: join(dir, 'gone.opml'),
    };
    const once = await runCli(['once'], missing);
    expect(once.code).toBe(2);
    expect(once.stderr.trim().split('\n')).toHaveLength(1);
    expect(once.stderr).toMatch(
      /^ConfigError \[INVALID_CONFIG\]: WORKER_SEED_OPML=.*gone\.opml: Cannot read the OPML file .*: no such file/,
    );
    expect(logLines(once.stdout).filter((line) => line.level === 'fatal')).toEqual([]);

    const run = await runCli(['run'], missing);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('');
    const fatal = logLines(run.stdout).filter((line) => line.level === 'fatal');
    expect(fatal).toHaveLength(1);
    expect(fatal[0]!.err).toMatch(/WORKER_SEED_OPML/);
  });

  it('names WORKER_ALLOWED_ADDRESSES when a feed on a private address is refused', async () => {
    const guarded = { ...env, DATABASE_URL: `file:${join(dir, 'guard.db')}`, WORKER_ALLOWED_ADDRESSES: '' };
    expect((await runCli(['add', server.url('/private.xml')], guarded)).code).toBe(0);
    await runCli(['once'], guarded);
    const list = await runCli(['list'], guarded);
    expect(list.stdout).toMatch(
      /Refused to connect to private address 127\.0\.0\.1 \(list it in WORKER_ALLOWED_ADDRESSES/,
    );
  });
});
