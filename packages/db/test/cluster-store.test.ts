import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { DbLeaseLostError } from '../src/errors.js';
import { queuedItemsQuery } from '../src/stories/cluster-store.js';
import { clusterQueued, placeItems } from './helpers/cluster.js';
import { ingestManyItems, planSteps } from './helpers/query-plan.js';
import { ENGINES, sampleItem, useTestDb } from './helpers/test-db.js';

// The clusterer's durable state (cluster-store.ts): polls queue what they write, one lease holder
// places and writes, an edit queued while a batch was being placed stays queued.

describe.each(ENGINES)('clustering store on $engine', (testEngine) => {
  const t = useTestDb(testEngine);

  it('queues new and edited items with the poll, not unchanged ones, and writes no story', async () => {
    const feed = await t.db.feeds.add({ url: 'https://q.example/rss' });
    await t.db.items.ingest(feed.id, [sampleItem('a'), sampleItem('b')]);
    expect((await t.db.clustering.queued(10)).map((item) => item.title)).toEqual(['Item a', 'Item b']);
    expect((await t.db.stats()).stories).toBe(0);
    await clusterQueued(t.db);
    expect(await t.db.clustering.queued(10)).toEqual([]);
    expect(await t.db.clustering.newestQueued()).toBeNull();
    await t.db.items.ingest(feed.id, [sampleItem('a'), sampleItem('b', { title: 'Edited b' })]);
    const queued = await t.db.clustering.queued(10);
    expect(queued).toMatchObject([{ title: 'Edited b', recluster: false, version: 0 }]);
    expect(queued[0]!.storyId).not.toBeNull();
    expect(queued[0]!.text).toBe('Text of b');
    // The clusterer keeps its window's texts in memory: it reads only as much as it keeps.
    expect((await t.db.clustering.queued(10, 4))[0]!.text).toBe('Text');
  });

  // SQLite only: each batch must read the queued items, not every item, whatever ANALYZE has seen.
  if (testEngine.engine === 'sqlite')
    it('reads only the queued items when the statistics say the queue is empty', async () => {
      await ingestManyItems(t.db, 'https://plan.example/rss');
      await clusterQueued(t.db);
      await t.db.maintenance.optimize(); // ANALYZE: the queue is empty now, the items are not
      const plan = await planSteps(t.db, queuedItemsQuery('sqlite', 500, 100));
      expect(plan.some((step) => /^SCAN cluster_queue/.test(step))).toBe(true);
      expect(plan.some((step) => /^SCAN items\b(?!_)/.test(step))).toBe(false);
    });

  it('one holder at a time; a released or expired lease is taken over', async () => {
    const now = Date.parse('2026-03-01T00:00:00Z');
    expect(await t.db.clustering.acquire('p1', 60, now)).toMatchObject({ held: true, holder: 'p1' });
    expect(await t.db.clustering.acquire('p2', 60, now + 1_000)).toMatchObject({ held: false, holder: 'p1' });
    // Renewed by its holder, then expired: the other takes it.
    expect(await t.db.clustering.acquire('p1', 60, now + 30_000)).toMatchObject({ held: true });
    expect(await t.db.clustering.acquire('p2', 60, now + 89_000)).toMatchObject({ held: false });
    expect(await t.db.clustering.acquire('p2', 60, now + 91_000)).toMatchObject({ held: true, holder: 'p2' });
    await t.db.clustering.release('p1'); // not the holder: nothing happens
    expect(await t.db.clustering.acquire('p1', 60, now + 92_000)).toMatchObject({ held: false });
    await t.db.clustering.release('p2');
    expect(await t.db.clustering.acquire('p1', 60, now + 93_000)).toMatchObject({ held: true });
  });

  it('refuses a batch from a holder that lost the lease, writing nothing', async () => {
    const feed = await t.db.feeds.add({ url: 'https://fence.example/rss' });
    const [item] = await t.db.items.ingest(feed.id, [sampleItem('a')]);
    const now = Date.now();
    await t.db.clustering.acquire('old', 1, now - 10_000);
    expect((await t.db.clustering.acquire('new', 60, now)).held).toBe(true);
    const [storyId] = await t.db.clustering.newStoryIds(1);
    const write = t.db.clustering.apply(
      {
        holder: 'old',
        leaseSeconds: 60,
        assignments: [{ itemId: item!.id!, storyId: storyId! }],
        merges: [],
        refresh: new Map(),
        done: [{ itemId: item!.id!, version: 0 }],
      },
      now,
    );
    await expect(write).rejects.toBeInstanceOf(DbLeaseLostError);
    expect((await t.db.stats()).stories).toBe(0);
    expect(await t.db.clustering.queued(10)).toHaveLength(1);
  });

  it('keeps an edit queued while an earlier version of the item was being placed', async () => {
    const feed = await t.db.feeds.add({ url: 'https://v.example/rss' });
    const [item] = await t.db.items.ingest(feed.id, [sampleItem('a')]);
    const [taken] = await t.db.clustering.queued(10);
    // The poll edits it after the clusterer read it, before the clusterer's batch commits.
    await t.db.items.ingest(feed.id, [sampleItem('a', { title: 'Second version' })]);
    await t.db.clustering.acquire('c', 60);
    const [storyId] = await t.db.clustering.newStoryIds(1);
    await t.db.clustering.apply({
      holder: 'c',
      leaseSeconds: 60,
      assignments: [{ itemId: item!.id!, storyId: storyId! }],
      merges: [],
      refresh: new Map([[storyId!, null]]),
      done: [{ itemId: taken!.id, version: taken!.version }],
    });
    expect(await t.db.clustering.queued(10)).toMatchObject([
      { id: item!.id, title: 'Second version', version: 1, storyId },
    ]);
    // Its first queued time stays: the clusterer's lag counts from the first write.
    expect((await t.db.clustering.queued(10))[0]!.queuedAt).toBe(taken!.queuedAt);
  });

  it('recluster queues the window afresh, bumps the generation, and the index loads only what is placed', async () => {
    const feed = await t.db.feeds.add({ url: 'https://r.example/rss' });
    const since = Date.now() - 1_000;
    await t.db.items.ingest(feed.id, [sampleItem('a'), sampleItem('b')]);
    await clusterQueued(t.db);
    expect((await t.db.clustering.indexed(since, 0, 10)).map((item) => item.title)).toEqual([
      'Item a',
      'Item b',
    ]);
    const before = await t.db.clustering.generation();
    expect(await t.db.clustering.requeue(since)).toBe(2);
    expect(await t.db.clustering.generation()).toBe(before + 1);
    expect((await t.db.clustering.queued(10)).map((item) => item.recluster)).toEqual([true, true]);
    expect(await t.db.clustering.indexed(since, 0, 10)).toEqual([]);
    expect(await t.db.clustering.queuedUpTo((await t.db.clustering.newestQueued())!)).toBe(2);
    expect(await t.db.clustering.requeue(Date.now() + 60_000)).toBe(0);
  });

  it('indexedFloor starts a warm load at the newest items of the window', async () => {
    const feed = await t.db.feeds.add({ url: 'https://floor.example/rss' });
    const since = Date.now() - 1_000;
    await t.db.items.ingest(
      feed.id,
      ['a', 'b', 'c', 'd'].map((key) => sampleItem(key)),
    );
    await clusterQueued(t.db);
    const ids = (await t.db.clustering.indexed(since, 0, 10)).map((item) => item.id);
    expect(await t.db.clustering.indexedFloor(since, 2)).toBe(ids[1]);
    const newest = await t.db.clustering.indexed(since, await t.db.clustering.indexedFloor(since, 2), 10);
    expect(newest.map((item) => item.title)).toEqual(['Item c', 'Item d']);
    expect(await t.db.clustering.indexedFloor(since, 4)).toBe(0);
    expect(await t.db.clustering.indexedFloor(Date.now() + 60_000, 1)).toBe(0);
  });

  // PostgreSQL rewrites a row on every update, and an update of an indexed column re-indexes all its
  // words and word pairs: membership lives in story_members, so the item's row is never written by
  // the clusterer, and an item placed again in the story it is in writes nothing at all.
  // Row locks and row versions are PostgreSQL's: SQLite has no such case to register.
  if (testEngine.engine === 'postgres')
    it("placing, moving and merging never rewrite the item's row; placing it again in its story writes nothing", async () => {
      const feed = await t.db.feeds.add({ url: 'https://same.example/rss' });
      const [item, other] = await t.db.items.ingest(feed.id, [sampleItem('a'), sampleItem('b')]);
      const version = async (table: 'items' | 'story_members', column: 'id' | 'item_id') =>
        (
          await sql<{ xmin: string }>`SELECT xmin::text AS xmin FROM ${sql.table(table)}
              WHERE ${sql.ref(column)} = ${item!.id!}`.execute(t.db.context.kysely)
        ).rows[0]?.xmin;
      const itemRow = await version('items', 'id');
      const placed = await clusterQueued(t.db);
      const storyId = placed.get(item!.id!)!;
      const membership = await version('story_members', 'item_id');
      await placeItems(t.db, [{ itemId: item!.id!, storyId }]);
      expect(await version('story_members', 'item_id')).toBe(membership);
      await placeItems(t.db, [{ itemId: item!.id!, storyId: null }]);
      const [moved] = await placeItems(t.db, [{ itemId: other!.id!, storyId: null }]);
      await placeItems(t.db, [], [{ from: (await t.db.items.get(item!.id!))!.storyId!, into: moved! }]);
      expect(await version('items', 'id')).toBe(itemRow);
      expect((await t.db.items.get(item!.id!))?.storyId).toBe(moved);
      expect((await t.db.stats()).stories).toBe(1);
    });

  it('new story ids are free, also of stories merged away', async () => {
    const feed = await t.db.feeds.add({ url: 'https://ids.example/rss' });
    await t.db.items.ingest(feed.id, [sampleItem('a'), sampleItem('b')]);
    const placed = await clusterQueued(t.db, (item) => item.title);
    const [a, b] = [...placed.values()] as [number, number];
    await t.db.clustering.acquire('c', 60);
    await t.db.clustering.apply({
      holder: 'c',
      leaseSeconds: 60,
      assignments: [],
      merges: [{ from: Math.max(a, b), into: Math.min(a, b) }],
      refresh: new Map(),
      done: [],
    });
    const [fresh] = await t.db.clustering.newStoryIds(1);
    expect(fresh).toBeGreaterThan(Math.max(a, b));
    const { rows } = await sql<{ n: number }>`SELECT count(*) AS n FROM story_redirects`.execute(
      t.db.context.kysely,
    );
    expect(Number(rows[0]!.n)).toBe(1);
  });
});
