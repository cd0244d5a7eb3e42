import { describe, expect, it } from 'vitest';
import { placeItems } from './helpers/cluster.js';
import { ENGINES, sampleItem, useTestDb } from './helpers/test-db.js';

// The change marker is what the web keys its cached reads on: every write a reader could see from
// the worker must move it, and reads alone must not.

describe.each(ENGINES)('change marker on $engine', (testEngine) => {
  const t = useTestDb(testEngine);

  it('moves on ingest, on placing items in stories, on a recluster and on a poll; not on reads', async () => {
    const feed = await t.db.feeds.add({ url: 'https://changes.example/rss' });
    const empty = await t.db.changes.marker();
    expect(await t.db.changes.marker()).toBe(empty);

    const [first, second] = await t.db.items.ingest(feed.id, [
      sampleItem('a', { title: 'Harbour cranes idle' }),
      sampleItem('b', { title: 'Harbour strike ends' }),
    ]);
    const ingested = await t.db.changes.marker();
    expect(ingested).not.toBe(empty);

    // Each clusterer batch moves it although no item was added.
    await placeItems(t.db, [{ itemId: first!.id!, storyId: null }]);
    const placedOne = await t.db.changes.marker();
    expect(placedOne).not.toBe(ingested);
    await placeItems(t.db, [{ itemId: second!.id!, storyId: null }]);
    const placedAll = await t.db.changes.marker();
    expect(placedAll).not.toBe(placedOne);

    await t.db.stories.listTop({ limit: 10 });
    await t.db.search.query({ query: 'harbour' });
    expect(await t.db.changes.marker()).toBe(placedAll);

    await t.db.polls.record({
      feedId: feed.id,
      startedAt: new Date().toISOString(),
      durationMs: 12,
      httpStatus: 500,
      bytes: 0,
      itemsNew: 0,
      itemsUpdated: 0,
      error: 'HTTP 500',
    });
    const polled = await t.db.changes.marker();
    expect(polled).not.toBe(placedAll);

    await t.db.clustering.requeue(0);
    expect(await t.db.changes.marker()).not.toBe(polled);
  });
});
