import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { NewsfeedDb } from '../src/create-db.js';
import { placeItems } from './helpers/cluster.js';
import { onEarlierDatabase, RELEASES } from './helpers/earlier-schema.js';
import { ENGINES, freshDatabase, sampleItem, useTestDb } from './helpers/test-db.js';

// Story membership lives in story_members: one row per clustered item, written by
// the clusterer's batches only; merges, removals and retention keep it and the stories' counts right.

const hour = (n: number) => new Date(Date.parse('2026-02-01T00:00:00Z') + n * 3_600_000).toISOString();

/** Every membership row as [item, story], and the stories whose item_count disagrees with them. */
async function memberships(db: NewsfeedDb) {
  const { kysely } = db.context;
  const { rows } = await sql<{ item_id: number; story_id: number }>`SELECT item_id, story_id
    FROM story_members ORDER BY item_id`.execute(kysely);
  const { rows: stale } = await sql<{ id: number }>`SELECT id FROM stories
    WHERE item_count <> (SELECT count(*) FROM story_members WHERE story_id = stories.id)`.execute(kysely);
  return {
    rows: rows.map((row) => [Number(row.item_id), Number(row.story_id)]),
    stale: stale.map((row) => Number(row.id)),
  };
}

describe.each(ENGINES)('story membership on $engine', (testEngine) => {
  const t = useTestDb(testEngine);

  it('an item is in exactly one story: a move rewrites its row and refreshes both stories', async () => {
    const feed = await t.db.feeds.add({ url: 'https://m.example/rss' });
    const [a, b] = await t.db.items.ingest(feed.id, [
      sampleItem('a', { publishedAt: hour(1) }),
      sampleItem('b', { publishedAt: hour(2) }),
    ]);
    const [first, second] = await placeItems(t.db, [
      { itemId: a!.id!, storyId: null },
      { itemId: b!.id!, storyId: null },
    ]);
    expect(await memberships(t.db)).toEqual({
      rows: [
        [a!.id, first],
        [b!.id, second],
      ],
      stale: [],
    });
    await placeItems(t.db, [{ itemId: a!.id!, storyId: second! }]);
    expect(await memberships(t.db)).toEqual({
      rows: [
        [a!.id, second],
        [b!.id, second],
      ],
      stale: [],
    });
    // The story it left had no other member: it is gone, and the item reads its new story.
    expect(await t.db.stories.get(first!)).toBeNull();
    expect((await t.db.items.get(a!.id!))?.storyId).toBe(second);
    expect((await t.db.stories.get(second!))?.items.map((item) => item.key)).toEqual(['b', 'a']);
  });

  it('a merge moves every member, deletes the old story and leaves a redirect', async () => {
    const feed = await t.db.feeds.add({ url: 'https://merge.example/rss' });
    const items = await t.db.items.ingest(feed.id, [sampleItem('a'), sampleItem('b'), sampleItem('c')]);
    const [from, , into] = await placeItems(t.db, [
      { itemId: items[0]!.id!, storyId: null },
      { itemId: items[1]!.id!, storyId: null },
      { itemId: items[2]!.id!, storyId: null },
    ]);
    await placeItems(t.db, [{ itemId: items[1]!.id!, storyId: from! }]);
    await placeItems(t.db, [], [{ from: from!, into: into! }]);
    expect(await memberships(t.db)).toEqual({
      rows: items.map((item) => [item.id, into]),
      stale: [],
    });
    expect(await t.db.stories.get(from!)).toBeNull();
    expect(await t.db.stories.redirect(from!)).toBe(into);
    expect((await t.db.stories.get(into!))?.story.itemCount).toBe(3);
  });

  it('a story id taken again (a recluster giving a merged id back) is a story, not a redirect', async () => {
    const feed = await t.db.feeds.add({ url: 'https://back.example/rss' });
    const [a, b] = await t.db.items.ingest(feed.id, [sampleItem('a'), sampleItem('b')]);
    const [from, into] = await placeItems(t.db, [
      { itemId: a!.id!, storyId: null },
      { itemId: b!.id!, storyId: null },
    ]);
    await placeItems(t.db, [], [{ from: from!, into: into! }]);
    expect(await t.db.stories.redirect(from!)).toBe(into);
    await placeItems(t.db, [{ itemId: a!.id!, storyId: from! }]);
    expect(await t.db.stories.redirect(from!)).toBeNull();
    expect((await t.db.stories.get(from!))?.items.map((item) => item.key)).toEqual(['a']);
  });

  it('removing an item, a feed or expiring items deletes their memberships and fixes the stories', async () => {
    const one = await t.db.feeds.add({ url: 'https://one.example/rss' });
    const two = await t.db.feeds.add({ url: 'https://two.example/rss' });
    const [old, removed] = await t.db.items.ingest(one.id, [
      sampleItem('old', { publishedAt: '2020-01-01T00:00:00Z' }),
      sampleItem('removed', { publishedAt: hour(1) }),
    ]);
    const [kept, gone] = await t.db.items.ingest(two.id, [
      sampleItem('kept', { publishedAt: hour(2) }),
      sampleItem('gone', { publishedAt: hour(3) }),
    ]);
    const [story] = await placeItems(t.db, [{ itemId: kept!.id!, storyId: null }]);
    const [, , goneStory] = await placeItems(t.db, [
      { itemId: old!.id!, storyId: story! },
      { itemId: removed!.id!, storyId: story! },
      { itemId: gone!.id!, storyId: null },
    ]);
    await t.db.items.remove(removed!.id!);
    expect((await t.db.retention.run('2021-01-01T00:00:00Z')).items).toBe(1);
    expect(await memberships(t.db)).toEqual({
      rows: [
        [kept!.id, story],
        [gone!.id, goneStory],
      ],
      stale: [],
    });
    expect((await t.db.stories.get(story!))?.story).toMatchObject({ itemCount: 1, sourceCount: 1 });
    await t.db.feeds.remove(two.id);
    expect(await memberships(t.db)).toEqual({ rows: [], stale: [] });
    expect((await t.db.stats()).stories).toBe(0);
  });

  it('a placement of an item deleted since the clusterer read it is skipped, the rest written', async () => {
    const feed = await t.db.feeds.add({ url: 'https://race.example/rss' });
    const [a, b] = await t.db.items.ingest(feed.id, [sampleItem('a'), sampleItem('b')]);
    const queued = await t.db.clustering.queued(10);
    await t.db.items.remove(a!.id!);
    await t.db.clustering.acquire('c', 60);
    const ids = await t.db.clustering.newStoryIds(2);
    await t.db.clustering.apply({
      holder: 'c',
      leaseSeconds: 60,
      assignments: queued.map((item, index) => ({ itemId: item.id, storyId: ids[index]! })),
      merges: [],
      refresh: new Map(ids.map((id) => [id, null])),
      done: queued.map((item) => ({ itemId: item.id, version: item.version })),
    });
    expect(await memberships(t.db)).toEqual({ rows: [[b!.id, ids[1]]], stale: [] });
    expect((await t.db.stats()).stories).toBe(1);
  });
});

describe.each(ENGINES)('the upgrade from 0.2.0 on $engine', ({ engine, skipReason }) => {
  it('moves the memberships of a 0.2.0 database, then drops items.story_id', async (context) => {
    if (skipReason) context.skip(skipReason);
    const database = await freshDatabase(engine);
    await onEarlierDatabase(database.url, engine, RELEASES['0.2.0'], async (db, kysely) => {
      await sql`INSERT INTO feeds (id, url, host, next_poll_at, created_at)
        VALUES (1, 'https://o.example/', 'o.example', 0, 0)`.execute(kysely);
      await sql`INSERT INTO stories (id, title, lead_item_id, lead_feed_id, item_count, source_count,
          first_seen_at, updated_at, published_at, score)
        VALUES (7, 'Old story', 1, 1, 2, 1, 0, 0, 0, 0)`.execute(kysely);
      for (const [id, story] of [
        [1, 7],
        [2, 7],
        [3, null],
      ] as const) {
        await sql`INSERT INTO items (id, feed_id, key, title, first_seen_at, sort_at, input_hash, story_id)
          VALUES (${id}, 1, ${`k${id}`}, ${`Old item ${id}`}, 0, ${id}, 'h', ${story})`.execute(kysely);
      }
      expect((await db.migrate()).applied[0]).toBe(40);
      expect(await memberships(db)).toEqual({
        rows: [
          [1, 7],
          [2, 7],
        ],
        stale: [],
      });
      expect((await db.stories.get(7))?.items.map((item) => item.id)).toEqual([1, 2]);
      expect((await db.items.get(3))?.storyId).toBeNull();
      await expect(sql`SELECT story_id FROM items`.execute(kysely)).rejects.toThrow();
    }).finally(() => database.dispose());
  });
});
