import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDb, type Db } from '@newsfeed/db';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ClusterEvents, ClusterLogger } from '../src/cluster/cluster-stage.js';
import { Clusterer } from '../src/cluster/clusterer.js';
import { StoryIndex } from '../src/cluster/rule/index.js';
import { loadWorkerConfig } from '../src/env.js';
import { clustererSettings } from '../src/runtime.js';
import { longText, TEST_ENV } from './helpers/harness.js';
import { itemInput } from './helpers/item-input.js';

// A clusterer that takes the lease warm-loads its window: the candidate index gets only the items it
// can keep (the newest WORKER_CLUSTER_MAX_ITEMS, and as many before them for their document
// frequencies), so the load costs the same on any size of window; the edit check still knows every
// item of the window, so a small edit of an older one keeps its story as in a clusterer that never
// stopped.

const MAX_ITEMS = 1;
const silent: ClusterLogger = { error: () => {}, warn: () => {}, info: () => {}, debug: () => {} };
const events: ClusterEvents = { leaseHeld: () => {}, batchWritten: () => {}, budgetExceeded: () => {} };
const WIRE_TEXT = longText('harbour');

let dir: string;
let db: Db;
let url: string;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'newsfeed-warm-load-'));
  url = `file:${join(dir, 'test.db')}`;
  db = await createDb(url);
});

afterEach(async () => {
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

function clusterer(holder: string): Clusterer {
  const config = loadWorkerConfig({
    ...TEST_ENV,
    DATABASE_URL: url,
    WORKER_CLUSTER_MAX_ITEMS: `${MAX_ITEMS}`,
  });
  return new Clusterer(db, clustererSettings(config), silent, events, holder);
}

async function storyOf(feedId: number, key: string): Promise<number | null> {
  const rows = (await db.items.listByFeed(feedId, { limit: 100 })).items;
  return rows.find((row) => row.key === key)?.storyId ?? null;
}

describe('the clusterer warm load', () => {
  it('indexes only what the candidate index keeps, and keeps a small edit of an older item in its story', async () => {
    const agency = await db.feeds.add({ url: 'https://agency.example/rss' });
    const outlet = await db.feeds.add({ url: 'https://outlet.example/rss' });
    const copy = (key: string, text: string) =>
      itemInput(key, { title: 'Harbour bridge closed after storm damage', contentText: text });
    await db.items.ingest(agency.id, [copy('wire', WIRE_TEXT)]);
    await db.items.ingest(outlet.id, [copy('reprint', WIRE_TEXT)]);
    const others = [
      'council budget vote',
      'river flood warning',
      'school strike talks',
      'court ruling appeal',
    ];
    await db.items.ingest(
      outlet.id,
      others.map((title, index) => itemInput(`other-${index}`, { title })),
    );
    await clusterer('first').runUntilDrained();
    const story = await storyOf(agency.id, 'wire');
    expect(story).not.toBeNull();
    expect(await storyOf(outlet.id, 'reprint')).toBe(story);

    const added = vi.spyOn(StoryIndex.prototype, 'add');
    const restarted = clusterer('restarted');
    const running = restarted.run();
    try {
      await restarted.ready();
      expect(added).toHaveBeenCalledTimes(2 * MAX_ITEMS);
      await db.items.ingest(agency.id, [copy('wire', `${WIRE_TEXT} Updated at noon.`)]);
      await restarted.finish();
      await running;
    } finally {
      restarted.stop();
      added.mockRestore();
    }
    expect(await db.clustering.newestQueued()).toBeNull();
    expect(await storyOf(agency.id, 'wire')).toBe(story);
  });
});
