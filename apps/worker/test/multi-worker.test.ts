import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDb, type Db } from '@newsfeed/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadWorkerConfig } from '../src/env.js';
import { silentLogger } from '../src/observe/logger.js';
import { createRuntime, type Runtime } from '../src/runtime.js';
import { hoursAgo, rss, TEST_ENV } from './helpers/harness.js';
import { type FreshDatabase, freshPostgresDatabase } from './helpers/postgres.js';
import { conditional, TestServer } from './helpers/test-server.js';

// Three worker processes' worth of runtimes (each its own pool and worker id) share 500 feeds on
// one PostgreSQL through leases: every feed is fetched exactly once per round. Their polls only
// queue items; one clusterer (whichever takes the lease) places them, and the stories are the same
// as one process makes on SQLite from the same feeds.

const FEEDS = 500;
const WORKERS = 3;
/** Feeds covering each event with their own copy of its headline (plus one story of their own). */
const FEEDS_PER_EVENT = 10;
const HEADLINES = [
  'storm',
  'election',
  'harbour',
  'summit',
  'vaccine',
  'strike',
  'wildfire',
  'budget',
  'court',
  'rally',
];

/** Event e's headline as feed i words it: the same words, the outlet's name appended to some. */
function eventHeadline(event: number, feed: number): string {
  const words = `${HEADLINES[event % 10]} ${HEADLINES[Math.floor(event / 10) % 10]} update number ${event} for region`;
  return feed % 3 === 0 ? `${words} (${feed % 2 === 0 ? 'live' : 'video'})` : words;
}
const server = new TestServer();
let database: FreshDatabase | string;
let admin: Db | null = null;
const runtimes: Runtime[] = [];

beforeAll(async () => {
  database = await freshPostgresDatabase();
  if (typeof database === 'string') {
    console.warn(`[@newsfeed/worker] SKIPPING the multi-worker PostgreSQL test: ${database}`);
    return;
  }
  for (let index = 0; index < FEEDS; index++) {
    const event = Math.floor(index / FEEDS_PER_EVENT);
    const body = rss([
      {
        // A headline of its own: words no other feed uses, so it starts a story of its own.
        title: `Notice k${index}x m${index}y p${index}z`,
        link: `https://feed${index}.example/story`,
        guid: `f${index}`,
        description: `Details k${index}x`,
        pubDate: hoursAgo(1),
      },
      {
        title: eventHeadline(event, index),
        link: `https://feed${index}.example/event-${event}`,
        guid: `f${index}-event`,
        pubDate: hoursAgo(2),
      },
    ]);
    server.route(
      `/feeds/${index}`,
      conditional(() => ({ body, etag: `"${index}"` })),
    );
  }
  await server.start();
  admin = await createDb(database.url);
  for (let index = 0; index < FEEDS; index++) await admin.feeds.add({ url: server.url(`/feeds/${index}`) });
  for (let index = 0; index < WORKERS; index++) {
    const config = loadWorkerConfig({
      ...TEST_ENV,
      DATABASE_URL: database.url,
      WORKER_ID: `worker-${index}`,
      WORKER_FULL_TEXT: 'off',
      WORKER_CONCURRENCY: '8',
      WORKER_PER_HOST_CONCURRENCY: '8',
      WORKER_BATCH_SIZE: '40',
      // The first polls also load the parser's modules; the short test timeout is for hanging servers.
      WORKER_REQUEST_TIMEOUT_MS: '15000',
    });
    runtimes.push(await createRuntime(config, silentLogger()));
  }
}, 120_000);

afterAll(async () => {
  for (const runtime of runtimes) await runtime.close();
  await admin?.close();
  await server.stop();
  if (typeof database === 'object') await database.drop();
});

describe('several workers against one PostgreSQL', () => {
  it('poll every one of 500 feeds exactly once per round', async (context) => {
    if (typeof database === 'string' || !admin) {
      context.skip(`PostgreSQL unavailable: ${database}`);
      return;
    }
    for (let round = 1; round <= 2; round++) {
      const summaries = await Promise.all(runtimes.map((runtime) => runtime.worker.runOnce()));
      for (let index = 0; index < FEEDS; index++)
        expect(server.hitsOf(`/feeds/${index}`), `feed ${index}`).toBe(round);
      expect(summaries.reduce((sum, summary) => sum + summary.polled, 0)).toBe(FEEDS);
      // The work was shared, not done by one worker while the others idled.
      for (const summary of summaries) expect(summary.polled).toBeGreaterThan(0);
      const errors = (await admin.polls.recentErrors({ limit: 20 })).items.map((poll) => poll.error);
      expect(errors, 'no poll failed').toEqual([]);
      expect(summaries.map((summary) => summary.polled - summary.updated - summary.notModified)).toEqual([
        0, 0, 0,
      ]);
      if (round === 1) {
        expect(summaries.reduce((sum, summary) => sum + summary.itemsNew, 0)).toBe(FEEDS * 2);
        expect((await admin.stats()).items).toBe(FEEDS * 2);
      } else {
        expect(summaries.reduce((sum, summary) => sum + summary.notModified, 0)).toBe(FEEDS);
      }
      // Make everything due again for the next round.
      let cursor: string | null = null;
      do {
        const page = await admin.feeds.list({ limit: 100, cursor, includeDisabled: true });
        for (const feed of page.items) {
          expect(feed.leaseOwner).toBeNull();
          expect(feed.errorCount).toBe(0);
          await admin.feeds.update(feed.id, { nextPollAt: new Date(Date.now() - 1000).toISOString() });
        }
        cursor = page.nextCursor;
      } while (cursor);
    }
  }, 120_000);

  it("one clusterer places what the three wrote, and the stories equal one SQLite process's", async (context) => {
    if (typeof database === 'string' || !admin) {
      context.skip(`PostgreSQL unavailable: ${database}`);
      return;
    }
    // Every process clusters at its end, as `once` does: one holds the lease, the others wait for it.
    await Promise.all(runtimes.map((runtime) => runtime.clusterer.runUntilDrained()));
    expect(runtimes.map((runtime) => runtime.clusterer.stats.placed).sort((a, b) => a - b)).toEqual([
      0,
      0,
      FEEDS * 2,
    ]);
    expect(await admin.clustering.queued(1)).toEqual([]);
    const postgresStories = await storiesByKey(admin);
    // Every feed's own notice alone, each event's versions together in one story.
    const stories = [...postgresStories];
    for (let index = 0; index < FEEDS; index++) expect(stories).toContain(`/feeds/${index}|f${index}`);
    for (let event = 0; event < FEEDS / FEEDS_PER_EVENT; event++) {
      const first = `/feeds/${event * FEEDS_PER_EVENT}|f${event * FEEDS_PER_EVENT}-event`;
      const story = stories.find((keys) => keys.split(' ').includes(first))!;
      for (let feed = event * FEEDS_PER_EVENT; feed < (event + 1) * FEEDS_PER_EVENT; feed++)
        expect(story.split(' '), `event ${event}`).toContain(`/feeds/${feed}|f${feed}-event`);
    }

    // The same feeds polled and clustered by one process on a SQLite file.
    const dir = mkdtempSync(join(tmpdir(), 'newsfeed-multi-'));
    const url = `file:${join(dir, 'single.db')}`;
    const single = await createRuntime(
      loadWorkerConfig({
        ...TEST_ENV,
        DATABASE_URL: url,
        WORKER_FULL_TEXT: 'off',
        WORKER_REQUEST_TIMEOUT_MS: '15000',
      }),
      silentLogger(),
    );
    try {
      for (let index = 0; index < FEEDS; index++)
        await single.db.feeds.add({ url: server.url(`/feeds/${index}`) });
      await single.worker.runOnce();
      await single.clusterer.runUntilDrained();
      expect(await storiesByKey(single.db)).toEqual(postgresStories);
    } finally {
      await single.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);
});

/** Each story as the sorted keys of its items ("feed path|guid"), as a set of such lists. */
async function storiesByKey(db: Db): Promise<Set<string>> {
  const members = new Map<number, string[]>();
  let cursor: string | null = null;
  do {
    const page = await db.feeds.list({ limit: 100, cursor, includeDisabled: true });
    for (const feed of page.items) {
      const { items } = await db.items.listByFeed(feed.id, { limit: 100 });
      for (const item of items) {
        if (item.storyId === null) throw new Error(`item ${item.key} has no story`);
        const key = `${new URL(feed.url).pathname}|${item.guid}`;
        members.set(item.storyId, [...(members.get(item.storyId) ?? []), key]);
      }
    }
    cursor = page.nextCursor;
  } while (cursor);
  return new Set([...members.values()].map((keys) => keys.sort().join(' ')));
}
