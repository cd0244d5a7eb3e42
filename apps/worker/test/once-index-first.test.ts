import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDb, type ItemInput } from '@newsfeed/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandIo } from '../src/cli/io.js';
import { pollOnce } from '../src/cli/once.js';
import { Clusterer } from '../src/cluster/clusterer.js';
import { ClustererThread } from '../src/cluster/clusterer-thread-host.js';
import { loadWorkerConfig } from '../src/env.js';
import { WorkerMetrics } from '../src/observe/metrics.js';
import { clustererSettings } from '../src/runtime.js';
import { capturedLogger } from './helpers/captured-logger.js';
import { hoursAgo, longText, rss, TEST_ENV } from './helpers/harness.js';
import { itemInput } from './helpers/item-input.js';
import { TestServer } from './helpers/test-server.js';

// `once` loads the clusterer's index only for a round that has something to place: the first poll
// with new items asks for the load and writes after it (so no item waits in the queue for the
// load), a round where nothing changed never loads it, and waiting for the load never hangs on a
// clusterer that cannot start or on another process's lease.

const INDEXED = 300;

function existingItem(index: number): ItemInput {
  return itemInput(`old-${index}`, {
    url: `https://old.example/old-${index}`,
    title: `council budget vote ${index} harbour ${index % 13}`,
  });
}

const io: CommandIo = { out: () => {}, err: () => {}, onSignal: () => () => {} };
const server = new TestServer();
let dir: string;
let url: string;
/** The worker's log, as parsed lines, in the order it wrote them. */
const { logger, lines: logged } = capturedLogger();
/** What the log held when the feed server saw the poll. */
let loggedAtPoll: Array<Record<string, unknown>> | null = null;

beforeAll(async () => {
  // The same document on every request, without an ETag: a poll after the first is a full 200.
  const feed = rss(
    [1, 2, 3].map((n) => ({
      title: `new story ${n}`,
      link: `https://new.example/${n}`,
      guid: `new-${n}`,
      description: longText(`new${n}`),
      pubDate: hoursAgo(n),
    })),
  );
  server.route('/feed', (_, res) => {
    loggedAtPoll ??= [...logged];
    res.writeHead(200, { 'content-type': 'application/rss+xml' });
    res.end(feed);
  });
  await server.start();
  dir = mkdtempSync(join(tmpdir(), 'newsfeed-once-index-'));
  url = `file:${join(dir, 'test.db')}`;
});

afterAll(async () => {
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('once and the story index', () => {
  it('loads the index for a round with new items, before writing them, and not for an unchanged one', async () => {
    const config = loadWorkerConfig({ ...TEST_ENV, DATABASE_URL: url });
    const db = await createDb(url);
    const loads = (lines: Array<Record<string, unknown>>) =>
      lines.filter((line) => line.msg === 'clusterer index loaded');
    try {
      const old = await db.feeds.add({ url: 'https://old.example/rss', nextPollAt: '2100-01-01T00:00:00Z' });
      await db.items.ingest(
        old.id,
        Array.from({ length: INDEXED }, (_, index) => existingItem(index)),
      );
      // A first `once` (no feed due) places what another writer queued: the window the next loads.
      expect(await pollOnce(config, logger, io)).toBe(0);
      expect(await db.clustering.newestQueued()).toBeNull();
      const feed = await db.feeds.add({ url: server.url('/feed') });
      logged.length = 0;
      expect(await pollOnce(config, logger, io)).toBe(0);
      expect(server.hitsOf('/feed')).toBe(1);
      // The poll came first; its items were written once the index was loaded.
      expect(loads(loggedAtPoll ?? [])).toEqual([]);
      const load = logged.findIndex((line) => line.msg === 'clusterer index loaded');
      const polled = logged.findIndex((line) => line.msg === 'polled' && line.feed_id === feed.id);
      expect(logged[load]).toMatchObject({ items: INDEXED });
      expect(logged[polled]).toMatchObject({ items_new: 3 });
      expect(load).toBeLessThan(polled);
      expect(await db.clustering.newestQueued()).toBeNull();

      // The same items again: nothing to place, so no load.
      await db.feeds.update(feed.id, { nextPollAt: new Date(Date.now() - 1_000).toISOString() });
      logged.length = 0;
      expect(await pollOnce(config, logger, io)).toBe(0);
      expect(server.hitsOf('/feed')).toBe(2);
      expect(logged.find((line) => line.msg === 'polled')).toMatchObject({ items_new: 0, items_updated: 0 });
      expect(loads(logged)).toEqual([]);
      expect(await db.clustering.newestQueued()).toBeNull();
    } finally {
      await db.close();
    }
  });

  it('is prepared at once while another process holds the lease, and when the thread cannot start', async () => {
    const config = loadWorkerConfig({ ...TEST_ENV, DATABASE_URL: url });
    const settings = clustererSettings(config);
    const db = await createDb(url);
    try {
      expect((await db.clustering.acquire('another-process', 600, Date.now())).held).toBe(true);
      const events = { leaseHeld: () => {}, batchWritten: () => {}, budgetExceeded: () => {} };
      const waiting = new Clusterer(db, settings, logger, events, 'this-process');
      const running = waiting.run();
      await waiting.prepare();
      waiting.stop();
      await running;
      await db.clustering.release('another-process');

      const unstartable = new ClustererThread({
        data: {
          databaseUrl: `file:${join(dir, 'test.db', 'under-a-file.db')}`,
          settings,
          holder: 'unstartable',
        },
        db,
        heapMb: config.WORKER_CLUSTER_HEAP_MB,
        logger,
        metrics: new WorkerMetrics(),
        restartDelayMs: settings.idleMs,
      });
      const failed = unstartable.run().catch((error: Error) => error);
      await unstartable.prepare();
      expect(await failed).toMatchObject({ code: 'CLUSTER_THREAD_FAILED' });
      await unstartable.close();
    } finally {
      await db.close();
    }
  });
});
