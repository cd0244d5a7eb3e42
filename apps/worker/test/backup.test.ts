import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDb } from '@newsfeed/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_TEST_TIMEOUT_MS, CLI_TIMEOUTS_ENV, MAIN, runCli, startCli, waitFor } from './helpers/cli.js';
import { hoursAgo, longText, rss, TEST_ENV } from './helpers/harness.js';
import { freshPostgresDatabase } from './helpers/postgres.js';
import { TestServer } from './helpers/test-server.js';

// `backup FILE` while a poll is writing, `restore FILE` into a fresh place: every item that was
// committed when the backup started is there, on both engines.

const server = new TestServer();
let dir: string;
/** Ends the held /slow request; set while one is held. */
const slow: { release: (() => void) | null } = { release: null };
const releaseSlow = () => slow.release?.();

const items = (prefix: string, count: number) =>
  Array.from({ length: count }, (_, n) => ({
    title: `${prefix} report ${n}`,
    link: `https://${prefix}.example/${n}`,
    guid: `${prefix}-${n}`,
    description: longText(`${prefix}${n}`),
    pubDate: hoursAgo(n + 1),
  }));

async function itemKeys(databaseUrl: string): Promise<string[]> {
  const db = await createDb(databaseUrl, { checkpointIntervalMs: 0 });
  try {
    const keys: string[] = [];
    for (const feed of (await db.feeds.list({ limit: 100, includeDisabled: true })).items) {
      const page = await db.items.listByFeed(feed.id, { limit: 1000 });
      for (const item of page.items) keys.push(`${feed.url} ${item.key}`);
    }
    return keys.sort();
  } finally {
    await db.close();
  }
}

function opml(urls: string[]): string {
  const outlines = urls.map((url) => `<outline type="rss" text="${url}" xmlUrl="${url}"/>`).join('');
  return `<?xml version="1.0"?><opml version="2.0"><head/><body>${outlines}</body></opml>`;
}

beforeAll(async () => {
  await server
    .route('/first', (_, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      res.end(rss(items('first', 5)));
    })
    .route('/slow', async (_, res) => {
      // Held until the backup has been taken: the poll is in flight meanwhile.
      await new Promise<void>((resolve) => {
        slow.release = resolve;
        setTimeout(resolve, 20_000);
      });
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      res.end(rss(items('slow', 4)));
    })
    .start();
  dir = mkdtempSync(join(tmpdir(), 'newsfeed-backup-'));
}, 30_000);

afterAll(async () => {
  releaseSlow();
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
});

function envFor(databaseUrl: string, seed: string): Record<string, string> {
  return {
    ...TEST_ENV,
    ...CLI_TIMEOUTS_ENV,
    WORKER_FULL_TEXT: 'off',
    WORKER_SEED_OPML: seed,
    DATABASE_URL: databaseUrl,
  };
}

async function backupDuringPoll(databaseUrl: string, backupFile: string) {
  const seed = join(dir, `seed-${Math.random().toString(36).slice(2)}.opml`);
  writeFileSync(seed, opml([server.url('/first')]));
  const env = envFor(databaseUrl, seed);
  expect((await runCli(['once'], env)).code).toBe(0);
  const committed = await itemKeys(databaseUrl);
  expect(committed).toHaveLength(5);

  expect((await runCli(['add', server.url('/slow')], env)).code).toBe(0);
  const hitsBefore = server.hitsOf('/slow');
  slow.release = null;
  const poll = startCli(['once'], env);
  await waitFor(async () => (server.hitsOf('/slow') > hitsBefore && slow.release !== null) || null, 30_000);
  const backup = await runCli(['backup', backupFile], env);
  releaseSlow();
  expect((await poll.done).code).toBe(0);
  expect(backup.stderr).toBe('');
  expect(backup.code).toBe(0);
  expect(backup.stdout).toMatch(/backed up to .*: 2 feeds, 5 items/);
  return { committed, env };
}

describe.skipIf(!existsSync(MAIN))('backup and restore', { timeout: CLI_TEST_TIMEOUT_MS * 2 }, () => {
  it('SQLite: a backup taken during a poll restores into a fresh directory with every committed item', async () => {
    const databaseUrl = `file:${join(dir, 'live', 'newsfeed.db')}`;
    const backupFile = join(dir, 'newsfeed-backup.db');
    const { committed, env } = await backupDuringPoll(databaseUrl, backupFile);
    expect(await itemKeys(databaseUrl)).toHaveLength(9);

    const freshUrl = `file:${join(dir, 'fresh', 'newsfeed.db')}`;
    const restored = await runCli(['restore', backupFile], { ...env, DATABASE_URL: freshUrl });
    expect(restored.stderr).toBe('');
    expect(restored.code).toBe(0);
    expect(await itemKeys(freshUrl)).toEqual(committed);

    // The backup file is never overwritten, and garbage is refused without touching the database.
    expect((await runCli(['backup', backupFile], env)).code).toBe(2);
    const garbage = join(dir, 'garbage.db');
    writeFileSync(garbage, 'not a database at all, just some words');
    const refused = await runCli(['restore', garbage], { ...env, DATABASE_URL: freshUrl });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/not a usable Newsfeed database/);
    expect(await itemKeys(freshUrl)).toEqual(committed);
  });

  it('PostgreSQL: pg_dump during a poll, pg_restore into a fresh database', async () => {
    const live = await freshPostgresDatabase();
    if (typeof live === 'string') {
      console.warn(`skipping the PostgreSQL backup test: ${live}`);
      return;
    }
    const fresh = await freshPostgresDatabase();
    if (typeof fresh === 'string') throw new Error(fresh);
    try {
      const backupFile = join(dir, 'newsfeed-backup.pgdump');
      const { committed, env } = await backupDuringPoll(live.url, backupFile);
      const restored = await runCli(['restore', backupFile], { ...env, DATABASE_URL: fresh.url });
      expect(restored.stderr).toBe('');
      expect(restored.code).toBe(0);
      expect(await itemKeys(fresh.url)).toEqual(committed);
    } finally {
      await live.drop();
      await fresh.drop();
    }
  });
});
