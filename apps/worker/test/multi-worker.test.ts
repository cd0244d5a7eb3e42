import { createDb, type Db } from '@newsfeed/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadWorkerConfig } from '../src/env.js';
import { silentLogger } from '../src/observe/logger.js';
import { createRuntime, type Runtime } from '../src/runtime.js';
import { hoursAgo, rss, TEST_ENV } from './helpers/harness.js';
import { type FreshDatabase, freshPostgresDatabase } from './helpers/postgres.js';
import { conditional, TestServer } from './helpers/test-server.js';

// Three worker processes' worth of runtimes (each its own pool and worker id) share 500 feeds on
// one PostgreSQL through leases: every feed is fetched exactly once per round.

const FEEDS = 500;
const WORKERS = 3;
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
    const body = rss([
      {
        title: `Feed ${index} story`,
        link: `https://feed${index}.example/story`,
        guid: `f${index}`,
        description: `Story ${index}`,
        pubDate: hoursAgo(1),
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
        expect(summaries.reduce((sum, summary) => sum + summary.itemsNew, 0)).toBe(FEEDS);
        expect((await admin.stats()).items).toBe(FEEDS);
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
});
