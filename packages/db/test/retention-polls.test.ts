import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { placeItems } from './helpers/cluster.js';
import { ENGINES, sampleItem, useTestDb } from './helpers/test-db.js';

const day = (n: number) => new Date(Date.parse('2026-01-01T00:00:00Z') + n * 86_400_000).toISOString();

describe.each(ENGINES)('retention and polls on $engine', (testEngine) => {
  const t = useTestDb(testEngine);

  it('deletes old items with their search rows, queue rows and empty stories; tombstones their keys', async () => {
    const feed = await t.db.feeds.add({ url: 'https://ret.example/rss' });
    const [oldA, oldB, recent] = await t.db.items.ingest(feed.id, [
      sampleItem('old-a', { title: 'Ancient glacier melts', publishedAt: day(1) }),
      sampleItem('old-b', { title: 'Glacier study published', publishedAt: day(2) }),
      sampleItem('recent', { title: 'Glacier tours resume', publishedAt: day(40) }),
    ]);
    const [emptied, mixed] = (await placeItems(t.db, [
      { itemId: oldA!.id!, storyId: null },
      { itemId: oldB!.id!, storyId: null },
    ])) as [number, number];
    await placeItems(t.db, [{ itemId: recent!.id!, storyId: mixed, lead: oldB!.id! }]);

    const result = await t.db.retention.run(day(30), { batchSize: 1 });
    expect(result).toMatchObject({ items: 2, stories: 1 });
    expect(await t.db.stories.get(emptied)).toBeNull();
    expect((await t.db.stories.get(mixed))!.story).toMatchObject({ itemCount: 1, leadItemId: recent!.id });
    expect((await t.db.search.query({ query: 'glacier' })).items.map((hit) => hit.itemId)).toEqual([
      recent!.id,
    ]);
    // Their clustering queue rows went with them; the recent item still waits for the clusterer.
    const queued = await sql<{ item_id: number }>`SELECT item_id FROM cluster_queue`.execute(
      t.db.context.kysely,
    );
    expect(queued.rows.map((row) => Number(row.item_id))).toEqual([recent!.id]);
    // The next poll still carries the old items: they stay deleted.
    const again = await t.db.items.ingest(feed.id, [sampleItem('old-a', { publishedAt: day(1) })]);
    expect(again[0]!.status).toBe('tombstoned');
    expect(await t.db.retention.run(day(30))).toMatchObject({ items: 0, stories: 0 });
    // Forgetting old tombstones is explicit.
    const forgotten = await t.db.retention.run(day(30), {
      tombstonesOlderThan: new Date(Date.now() + 1000).toISOString(),
    });
    expect(forgotten.tombstones).toBe(2);
    expect((await t.db.stats()).items).toBe(1);
  });

  it('records polls, lists them per feed and errors across feeds by cursor, prunes by age', async () => {
    const a = await t.db.feeds.add({ url: 'https://polls.example/a' });
    const b = await t.db.feeds.add({ url: 'https://polls.example/b' });
    for (let i = 0; i < 5; i += 1) {
      await t.db.polls.record({
        feedId: i % 2 === 0 ? a.id : b.id,
        startedAt: day(i),
        durationMs: 120.6,
        httpStatus: i === 3 ? 500 : 200,
        bytes: 2048,
        itemsNew: i,
        itemsUpdated: 0,
        error: i >= 3 ? `HTTP ${i === 3 ? 500 : 'timeout'}` : null,
      });
    }
    const pageA = await t.db.polls.listByFeed(a.id, { limit: 2 });
    expect(pageA.items.map((poll) => poll.startedAt)).toEqual([day(4), day(2)]);
    expect(pageA.items[0]).toMatchObject({
      feedId: a.id,
      durationMs: 121,
      bytes: 2048,
      error: 'HTTP timeout',
    });
    const rest = await t.db.polls.listByFeed(a.id, { limit: 2, cursor: pageA.nextCursor });
    expect(rest.items.map((poll) => poll.startedAt)).toEqual([day(0)]);
    expect(rest.nextCursor).toBeNull();
    const errors = await t.db.polls.recentErrors();
    expect(errors.items.map((poll) => [poll.feedUrl, poll.error])).toEqual([
      ['https://polls.example/a', 'HTTP timeout'],
      ['https://polls.example/b', 'HTTP 500'],
    ]);
    expect(await t.db.polls.prune(day(2))).toBe(2);
    expect((await t.db.stats()).polls).toBe(3);
  });
});
