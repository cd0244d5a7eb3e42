import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDb, type NewsfeedDb } from '@newsfeed/db';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Clusterer } from '../src/cluster/clusterer.js';
import { StoryIndex } from '../src/cluster/rule/index.js';
import { loadWorkerConfig } from '../src/env.js';
import { clustererSettings } from '../src/runtime.js';
import { capturedLogger } from './helpers/captured-logger.js';
import { TEST_ENV } from './helpers/harness.js';
import { itemInput } from './helpers/item-input.js';

// The clusterer's memory stays within WORKER_CLUSTER_MAX_ITEMS however busy its window is: a
// warm load reads only the newest items (a 1M-item database has ~100k in a 72 h window, which
// killed its thread by heap exhaustion on every start), and what it remembers about placed items
// follows what its index forgets. It reads twice what the index keeps: the older half only sets
// the document frequencies the kept items had when they were placed.

const MAX_ITEMS = 5;
const events = { leaseHeld: () => {}, batchWritten: () => {}, budgetExceeded: () => {} };

let dir: string;
let url: string;
let db: NewsfeedDb;
const { logger, lines: logged } = capturedLogger();

function clusterer(maxItems: number): Clusterer {
  const config = loadWorkerConfig({ ...TEST_ENV, DATABASE_URL: url });
  return new Clusterer(db, { ...clustererSettings(config), maxItems }, logger, events, 'memory-test');
}

/** Distinct events, each its own story, first seen one after another. */
async function ingest(feedId: number, from: number, count: number): Promise<void> {
  const items = Array.from({ length: count }, (_, offset) => {
    const n = from + offset;
    return itemInput(`item-${n}`, { title: `harbour ${n} council vote ${n * 7} budget ${n * 13}` });
  });
  await db.items.ingest(feedId, items);
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'newsfeed-clusterer-memory-'));
  url = `file:${join(dir, 'test.db')}`;
  db = await createDb(url);
  logged.length = 0;
});

afterEach(async () => {
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the clusterer within WORKER_CLUSTER_MAX_ITEMS', () => {
  it('warm-loads only the newest items of a busy window', async () => {
    const feed = await db.feeds.add({ url: 'https://busy.example/rss' });
    await ingest(feed.id, 0, 40);
    await clusterer(100).runUntilDrained();
    logged.length = 0;

    const live = clusterer(MAX_ITEMS);
    const added = vi.spyOn(StoryIndex.prototype, 'add');
    const running = live.run();
    await live.prepare();
    expect(added).toHaveBeenCalledTimes(2 * MAX_ITEMS);
    added.mockRestore();
    expect(logged.filter((line) => line.msg === 'clusterer index loaded')).toEqual([
      expect.objectContaining({ items: MAX_ITEMS }),
    ]);
    expect(live.heldItems).toEqual({ indexed: MAX_ITEMS, remembered: MAX_ITEMS });
    await ingest(feed.id, 40, 12);
    await live.finish();
    await running;
    expect(live.stats.placed).toBe(12);
    expect(await db.clustering.newestQueued()).toBeNull();
  });

  it('remembers no more placed items than its index holds', async () => {
    const feed = await db.feeds.add({ url: 'https://edits.example/rss' });
    const live = clusterer(MAX_ITEMS);
    const running = live.run();
    await live.prepare();
    await ingest(feed.id, 0, 40);
    while ((await db.clustering.newestQueued()) !== null) await new Promise((r) => setTimeout(r, 20));
    expect(live.heldItems).toEqual({ indexed: MAX_ITEMS, remembered: MAX_ITEMS });
    live.stop();
    await running;
  });
});
