import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDb } from '@newsfeed/db';
import { flattenOpml, parseOpml } from '@newsfeed/parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_TEST_TIMEOUT_MS, CLI_TIMEOUTS_ENV, MAIN, runCli } from './helpers/cli.js';
import { hoursAgo, longText, rss, TEST_ENV } from './helpers/harness.js';
import { TestServer } from './helpers/test-server.js';

// Subscriptions in and out: the seed OPML on first start (how the demo and end-to-end tests run
// the worker), `export`, and `import` of what was exported.

const server = new TestServer();
let dir: string;

const feed = (name: string) =>
  rss(
    [1, 2].map((n) => ({
      title: `${name} ${n}`,
      link: `https://${name}.example/${n}`,
      guid: `${name}-${n}`,
      description: longText(name),
      pubDate: hoursAgo(n),
    })),
    { title: `The ${name} feed` },
  );

beforeAll(async () => {
  for (const name of ['alpha', 'beta', 'gamma']) {
    const body = feed(name);
    server.route(`/${name}.xml`, (_, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      res.end(body);
    });
  }
  await server.start();
  dir = mkdtempSync(join(tmpdir(), 'newsfeed-opml-'));
  writeFileSync(
    join(dir, 'seed.opml'),
    `<?xml version="1.0"?><opml version="2.0"><head><title>Seed</title></head><body>
  <outline text="News"><outline text="World"><outline type="rss" text="Alpha" xmlUrl="${server.url('/alpha.xml')}"/></outline>
    <outline type="rss" text="Beta" xmlUrl="${server.url('/beta.xml')}" htmlUrl="https://beta.example/"/></outline>
  <outline type="rss" text="Gamma" xmlUrl="${server.url('/gamma.xml')}"/>
  <outline type="rss" text="Broken" xmlUrl="javascript:alert(1)"/>
</body></opml>`,
  );
});

afterAll(async () => {
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('the bundled default subscriptions', () => {
  it('are a readable OPML of public https news feeds', () => {
    const text = readFileSync(new URL('../default-feeds.opml', import.meta.url), 'utf8');
    const feeds = flattenOpml(parseOpml(text));
    expect(feeds.length).toBeGreaterThanOrEqual(10);
    for (const entry of feeds) {
      expect(entry.xmlUrl).toMatch(/^https:\/\//);
      expect(entry.title).toBeTruthy();
    }
  });
});

describe.skipIf(!existsSync(MAIN))('seed, export and import', { timeout: CLI_TEST_TIMEOUT_MS }, () => {
  it('seeds an empty database from WORKER_SEED_OPML and polls everything with `once`', async () => {
    const env = {
      ...TEST_ENV,
      ...CLI_TIMEOUTS_ENV,
      WORKER_ID: '',
      DATABASE_URL: `file:${join(dir, 'a.db')}`,
      WORKER_SEED_OPML: join(dir, 'seed.opml'),
    };
    const once = await runCli(['once'], env);
    expect(once.code).toBe(0);
    expect(once.stderr).toMatch(/3 feeds: 3 updated.*6 new items/);
    const db = await createDb(env.DATABASE_URL);
    try {
      const feeds = (await db.feeds.list({ limit: 10 })).items;
      expect(feeds.map((entry) => [entry.url, entry.folder, entry.title]).sort()).toEqual(
        [
          [server.url('/alpha.xml'), 'News/World', 'Alpha'],
          [server.url('/beta.xml'), 'News', 'Beta'],
          [server.url('/gamma.xml'), null, 'Gamma'],
        ].sort(),
      );
      expect((await db.stats()).items).toBe(6);
    } finally {
      await db.close();
    }
    // A second start does not seed again (the database has feeds).
    const again = await runCli(['once'], env);
    expect(again.code).toBe(0);
    expect(again.stdout).not.toMatch(/seeded subscriptions/);

    const exported = await runCli(['export'], env);
    expect(exported.code).toBe(0);
    writeFileSync(join(dir, 'exported.opml'), exported.stdout);
    const roundTrip = flattenOpml(parseOpml(exported.stdout));
    expect(roundTrip.map((entry) => [entry.xmlUrl, entry.folder]).sort()).toEqual(
      [
        [server.url('/alpha.xml'), 'News/World'],
        [server.url('/beta.xml'), 'News'],
        [server.url('/gamma.xml'), null],
      ].sort(),
    );

    const fresh = { ...env, DATABASE_URL: `file:${join(dir, 'b.db')}`, WORKER_SEED_OPML: 'none' };
    const imported = await runCli(['import', join(dir, 'exported.opml')], fresh);
    expect(imported.code).toBe(0);
    expect(imported.stderr).toMatch(/importing: 3 added, 0 already subscribed, 0 refused\n$/);
    // A list with an address that may not be subscribed is only partly imported: it says so and exits 1.
    const reimport = await runCli(['import', join(dir, 'seed.opml')], fresh);
    expect(reimport.code).toBe(1);
    expect(reimport.stderr).toMatch(/0 added, 3 already subscribed, 1 refused/);
    expect(reimport.stderr).toContain('refused: javascript:alert(1): only http and https URLs can be polled');
    expect(reimport.stdout).toBe('');
  });
});
