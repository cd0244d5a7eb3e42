import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLUSTER_LEASE, createDb, type Db, type ItemInput, type NewsfeedDb } from '@newsfeed/db';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CLI_TEST_TIMEOUT_MS, runCli, startCli, waitFor } from './helpers/cli.js';
import { TEST_ENV } from './helpers/harness.js';
import { itemInput } from './helpers/item-input.js';
import { type FreshDatabase, freshPostgresDatabase } from './helpers/postgres.js';

// The clustering stage as processes, on both engines: one clusterer per database holds the lease
// and places queued items in id order; a second process waits; a killed holder's lease expires and
// the waiting process takes over. `recluster` rebuilds the same stories.

function item(key: string, title: string): ItemInput {
  return itemInput(key, { title });
}

/** Each story as the sorted keys of its items. */
async function stories(db: Db, feedIds: number[]): Promise<string[]> {
  const members = new Map<number, string[]>();
  for (const feedId of feedIds) {
    for (const row of (await db.items.listByFeed(feedId, { limit: 100 })).items) {
      if (row.storyId === null) throw new Error(`${row.key} has no story`);
      members.set(row.storyId, [...(members.get(row.storyId) ?? []), row.key]);
    }
  }
  return [...members.values()].map((keys) => keys.sort().join(' ')).sort();
}

/** Each item's story id, by item key. */
async function storyIds(db: Db, feedIds: number[]): Promise<Record<string, number | null>> {
  const ids: Record<string, number | null> = {};
  for (const feedId of feedIds)
    for (const row of (await db.items.listByFeed(feedId, { limit: 100 })).items) ids[row.key] = row.storyId;
  return ids;
}

async function holder(db: NewsfeedDb): Promise<string | null> {
  const row = await db.context.kysely
    .selectFrom('leases')
    .select('holder')
    .where('name', '=', CLUSTER_LEASE)
    .executeTakeFirst();
  return row?.holder ?? null;
}

/** PostgreSQL: merges the word index's pending list itself and says how many pages it held. */
async function pendingSearchPages(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ pages: number }>(
      `SELECT gin_clean_pending_list('items_search'::regclass) AS pages`,
    );
    return Number(rows[0]?.pages ?? 0);
  } finally {
    await client.end();
  }
}

describe.each(['sqlite', 'postgres'] as const)('the clusterer on %s', (engine) => {
  let url: string;
  let cleanup: () => Promise<void>;
  let db: NewsfeedDb;

  beforeEach(async (context) => {
    if (engine === 'sqlite') {
      const dir = mkdtempSync(join(tmpdir(), 'newsfeed-clusterer-'));
      url = `file:${join(dir, 'test.db')}`;
      cleanup = async () => rmSync(dir, { recursive: true, force: true });
    } else {
      const database: FreshDatabase | string = await freshPostgresDatabase();
      if (typeof database === 'string') {
        context.skip(database);
        return;
      }
      url = database.url;
      cleanup = () => database.drop();
    }
    db = await createDb(url);
  });

  afterEach(async () => {
    await db?.close();
    await cleanup?.();
  });

  const env = (id: string) => ({
    ...TEST_ENV,
    DATABASE_URL: url,
    WORKER_ID: id,
    WORKER_CLUSTER_LEASE_SECONDS: '2',
    WORKER_CLUSTER_IDLE_MS: '100',
    WORKER_POLL_INTERVAL_MS: '200',
    LOG_LEVEL: 'warn',
  });

  it(
    'one process clusters, the other waits, and takes over when the holder is killed',
    async () => {
      const feed = await db.feeds.add({ url: 'https://a.example/rss', nextPollAt: '2100-01-01T00:00:00Z' });
      const first = startCli(['run'], env('first'));
      await waitFor(async () => (await holder(db)) === 'first');
      const second = startCli(['run'], env('second'));
      try {
        await db.items.ingest(feed.id, [
          item('a1', 'Harbour strike ends after talks'),
          item('a2', 'Budget vote delayed'),
        ]);
        await waitFor(async () => (await db.clustering.newestQueued()) === null);
        expect((await db.stats()).stories).toBe(2);
        expect(await holder(db)).toBe('first');
        // In id order: the first item's story was made first.
        const [a1, a2] = (await db.items.listByFeed(feed.id)).items.sort((x, y) => x.id - y.id);
        expect(a1!.storyId!).toBeLessThan(a2!.storyId!);

        first.child.kill('SIGKILL');
        await first.done;
        await db.items.ingest(feed.id, [item('a3', 'Harbour strike ends after the talks')]);
        // The lease expires (2 s) and the waiting process takes over, loading the index first.
        await waitFor(async () => (await db.clustering.newestQueued()) === null, 30_000);
        expect(await holder(db)).toBe('second');
        expect(await stories(db, [feed.id])).toEqual(['a1 a3', 'a2']);
      } finally {
        first.child.kill('SIGKILL');
        second.child.kill('SIGTERM');
        const stopped = await second.done;
        expect(stopped.code, stopped.stderr).toBe(0);
      }
      // A clean stop gives the lease back at once.
      expect(await holder(db)).toBeNull();
    },
    CLI_TEST_TIMEOUT_MS,
  );

  it(
    'settles the search index once it has drained the queue (PostgreSQL: no pending list left)',
    async () => {
      const feed = await db.feeds.add({ url: 'https://a.example/rss', nextPollAt: '2100-01-01T00:00:00Z' });
      const batch = (from: number) =>
        Array.from({ length: 200 }, (_, index) =>
          item(`h${from + index}`, `Harbour cranes, tides and ferry timetables, report ${from + index}`),
        );
      await db.items.ingest(feed.id, batch(0));
      const once = await runCli(['once'], env('once'));
      expect(once.code, once.stderr).toBe(0);
      expect(once.stderr).toContain('200 clustered');
      expect((await db.search.query({ query: 'harbour cranes', limit: 20 })).items).toHaveLength(20);
      if (engine !== 'postgres') return;
      expect(await pendingSearchPages(url)).toBe(0);
      // The same writes with no clusterer after them do leave a pending list.
      await db.items.ingest(feed.id, batch(200));
      expect(await pendingSearchPages(url)).toBeGreaterThan(0);
    },
    CLI_TEST_TIMEOUT_MS,
  );

  it(
    '`recluster` rebuilds the same stories under the same ids, and a bad --since is a usage error',
    async () => {
      const feeds = [
        await db.feeds.add({ url: 'https://a.example/rss', nextPollAt: '2100-01-01T00:00:00Z' }),
        await db.feeds.add({ url: 'https://b.example/rss', nextPollAt: '2100-01-01T00:00:00Z' }),
      ];
      await db.items.ingest(feeds[0]!.id, [
        item('a1', 'Wildfire forces evacuations near the coast'),
        item('a2', 'Court blocks new rule'),
      ]);
      await db.items.ingest(feeds[1]!.id, [
        item('b1', 'Wildfire forces evacuations near coast'),
        item('b2', 'Rally draws thousands'),
      ]);
      const once = await runCli(['once'], env('once'));
      expect(once.code, once.stderr).toBe(0);
      expect(once.stderr).toContain('4 clustered');
      const before = await stories(
        db,
        feeds.map((feed) => feed.id),
      );
      expect(before).toEqual(['a1 b1', 'a2', 'b2']);
      const idsBefore = await storyIds(
        db,
        feeds.map((feed) => feed.id),
      );

      const rebuilt = await runCli(['recluster', '--since', '24h'], env('recluster'));
      expect(rebuilt.code, rebuilt.stderr).toBe(0);
      expect(rebuilt.stdout).toContain('4 items queued for reclustering, 4 placed');
      expect(
        await stories(
          db,
          feeds.map((feed) => feed.id),
        ),
      ).toEqual(before);
      // Each rebuilt story kept its id (bookmarked /story/ID URLs still open it); none was left over.
      expect(
        await storyIds(
          db,
          feeds.map((feed) => feed.id),
        ),
      ).toEqual(idsBefore);
      expect((await db.stats()).stories).toBe(3);

      const bad = await runCli(['recluster', '--since', 'yesterday'], env('recluster'));
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain('--since needs a duration');
    },
    CLI_TEST_TIMEOUT_MS,
  );
});
