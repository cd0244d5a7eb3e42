import { describe, expect, it } from 'vitest';
import { placeItems, TEST_CLUSTERER } from './helpers/cluster.js';
import { ENGINES, sampleItem, useTestDb } from './helpers/test-db.js';

// The change marker is what the web keys its cached reads on: every write a reader could see from
// the worker moves the part it belongs to, and reads and the clusterer's lease renewals move nothing.

describe.each(ENGINES)('change marker on $engine', (testEngine) => {
  const t = useTestDb(testEngine);

  it('moves its stories part on ingest and on story writes, its polls part on a poll; not on reads', async () => {
    const feed = await t.db.feeds.add({ url: 'https://changes.example/rss' });
    const empty = await t.db.changes.marker();
    expect(await t.db.changes.marker()).toEqual(empty);

    const [first, second] = await t.db.items.ingest(feed.id, [
      sampleItem('a', { title: 'Harbour cranes idle' }),
      sampleItem('b', { title: 'Harbour strike ends' }),
    ]);
    const ingested = await t.db.changes.marker();
    expect(ingested.stories).not.toBe(empty.stories);

    // Each clusterer batch moves it although no item was added.
    await placeItems(t.db, [{ itemId: first!.id!, storyId: null }]);
    const placedOne = await t.db.changes.marker();
    expect(placedOne.stories).not.toBe(ingested.stories);
    await placeItems(t.db, [{ itemId: second!.id!, storyId: null }]);
    const placedAll = await t.db.changes.marker();
    expect(placedAll.stories).not.toBe(placedOne.stories);
    expect(placedAll.polls).toBe(empty.polls);

    await t.db.stories.listTop({ limit: 10 });
    await t.db.search.query({ query: 'harbour' });
    expect(await t.db.changes.marker()).toEqual(placedAll);

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
    expect(polled.polls).not.toBe(placedAll.polls);
    expect(polled.stories).toBe(placedAll.stories);

    await t.db.items.remove(first!.id!);
    expect((await t.db.changes.marker()).stories).not.toBe(polled.stories);
  });

  it('stays put while the clusterer only renews its lease', async () => {
    const feed = await t.db.feeds.add({ url: 'https://changes.example/lease' });
    const [item] = await t.db.items.ingest(feed.id, [sampleItem('lease', { title: 'Lighthouse relit' })]);
    await placeItems(t.db, [{ itemId: item!.id!, storyId: null }]);
    const before = await t.db.changes.marker();
    const now = Date.now();
    for (const at of [now, now + 1_000, now + 2_000]) {
      expect((await t.db.clustering.acquire(TEST_CLUSTERER, 60, at)).held).toBe(true);
    }
    await t.db.clustering.release(TEST_CLUSTERER);
    expect(await t.db.changes.marker()).toEqual(before);
  });
});
