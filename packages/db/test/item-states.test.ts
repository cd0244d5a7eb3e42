import { describe, expect, it } from 'vitest';
import type { NewsfeedDb } from '../src/create-db.js';
import { DbError } from '../src/errors.js';
import { placeItems } from './helpers/cluster.js';
import { ENGINES, sampleItem, useTestDb } from './helpers/test-db.js';

const day = (n: number) => new Date(Date.parse('2026-01-01T00:00:00Z') + n * 86_400_000).toISOString();

async function seed(db: NewsfeedDb) {
  const tech = await db.feeds.add({ url: 'https://tech.example/rss', folder: 'Tech' });
  const world = await db.feeds.add({ url: 'https://world.example/rss' });
  const techItems = await db.items.ingest(
    tech.id,
    [1, 2, 3].map((n) => sampleItem(`t${n}`, { publishedAt: day(n) })),
  );
  const worldItems = await db.items.ingest(
    world.id,
    [4, 5].map((n) => sampleItem(`w${n}`, { publishedAt: day(n) })),
  );
  const ann = await db.users.add({ name: 'ann', password: 'sesame-street' });
  const bob = await db.users.add({ name: 'bob', password: 'sesame-street' });
  return {
    tech,
    world,
    t: techItems.map((item) => item.id!),
    w: worldItems.map((item) => item.id!),
    ann: ann.id,
    bob: bob.id,
  };
}

describe.each(ENGINES)('item states on $engine', (testEngine) => {
  const t = useTestDb(testEngine);

  it('marks read and saved per user, leaving other users and unknown ids alone', async () => {
    const s = await seed(t.db);
    expect(await t.db.itemStates.mark(s.ann, [s.t[0]!, s.w[0]!, 999_999], { read: true })).toBe(2);
    await t.db.itemStates.mark(s.ann, [s.t[0]!], { starred: true });
    const ann = await t.db.itemStates.get(s.ann, [s.t[0]!, s.t[1]!, s.w[0]!, 999_999]);
    expect(ann.get(s.t[0]!)).toEqual({ read: true, starred: true });
    expect(ann.get(s.t[1]!)).toEqual({ read: false, starred: false });
    expect(ann.has(999_999)).toBe(false);
    const bob = await t.db.itemStates.get(s.bob, [s.t[0]!]);
    expect(bob.get(s.t[0]!)).toEqual({ read: false, starred: false });

    await t.db.itemStates.mark(s.ann, [s.t[0]!], { read: false });
    expect((await t.db.itemStates.get(s.ann, [s.t[0]!])).get(s.t[0]!)).toEqual({
      read: false,
      starred: true,
    });
    await expect(t.db.itemStates.mark(s.ann, [-1], { read: true })).rejects.toThrow(DbError);
  });

  it('streams newest first with filters, time bounds and continuation; counts unread per feed', async () => {
    const s = await seed(t.db);
    await t.db.itemStates.mark(s.ann, [s.t[2]!], { read: true });
    await t.db.itemStates.mark(s.ann, [s.w[0]!], { starred: true });
    const ids = async (request: Parameters<NewsfeedDb['itemStates']['stream']>[1]) =>
      (await t.db.itemStates.stream(s.ann, request)).items.map((item) => item.id);

    expect(await ids({ limit: 10 })).toEqual([s.w[1], s.w[0], s.t[2], s.t[1], s.t[0]]);
    expect(await ids({ limit: 10, excludeRead: true })).toEqual([s.w[1], s.w[0], s.t[1], s.t[0]]);
    expect(await ids({ limit: 10, feedId: s.tech.id, oldestFirst: true })).toEqual([s.t[0], s.t[1], s.t[2]]);
    expect(await ids({ limit: 10, folder: 'Tech', excludeRead: true })).toEqual([s.t[1], s.t[0]]);
    expect(await ids({ limit: 10, starredOnly: true })).toEqual([s.w[0]]);
    expect(await ids({ limit: 10, readOnly: true })).toEqual([s.t[2]]);
    expect(await ids({ limit: 10, since: Date.parse(day(2)), until: Date.parse(day(4)) })).toEqual([
      s.t[2],
      s.t[1],
    ]);

    const first = await t.db.itemStates.stream(s.ann, { limit: 2 });
    expect(first.items.map((item) => item.id)).toEqual([s.w[1], s.w[0]]);
    expect(first.items[1]).toMatchObject({
      starred: true,
      read: false,
      feedUrl: 'https://world.example/rss',
    });
    const second = await t.db.itemStates.stream(s.ann, { limit: 2, cursor: first.nextCursor });
    expect(second.items.map((item) => item.id)).toEqual([s.t[2], s.t[1]]);
    await expect(t.db.itemStates.stream(s.ann, { limit: 2, cursor: 'garbage' })).rejects.toMatchObject({
      code: 'INVALID_CURSOR',
    });

    // newest: the feed's newest item, read or not (FreshRSS's newestItemTimestampUsec too).
    expect(await t.db.itemStates.unreadCounts(s.ann)).toEqual([
      { feedId: s.tech.id, count: 2, newest: Date.parse(day(3)), feedUrl: s.tech.url, folder: 'Tech' },
      { feedId: s.world.id, count: 2, newest: Date.parse(day(5)), feedUrl: s.world.url, folder: null },
    ]);
    expect((await t.db.itemStates.unreadCounts(s.bob)).map((row) => row.count)).toEqual([3, 2]);
  });

  it('marks all read up to a time, per feed or folder, keeping saved flags', async () => {
    const s = await seed(t.db);
    await t.db.itemStates.mark(s.ann, [s.t[0]!], { starred: true });
    expect(await t.db.itemStates.markAllRead(s.ann, { folder: 'Tech' }, Date.parse(day(2)))).toBe(2);
    const states = await t.db.itemStates.get(s.ann, [...s.t, ...s.w]);
    expect([...s.t, ...s.w].map((id) => states.get(id)?.read)).toEqual([true, true, false, false, false]);
    expect(states.get(s.t[0]!)?.starred).toBe(true);
    expect(await t.db.itemStates.markAllRead(s.ann, {}, Date.parse(day(9)))).toBe(3);
    expect(await t.db.itemStates.unreadCounts(s.ann)).toEqual([]);
    expect((await t.db.itemStates.unreadCounts(s.bob)).length).toBe(2);
  });

  it('marks all read items that already have state: saved, marked unread, or only the saved stream', async () => {
    const s = await seed(t.db);
    await t.db.itemStates.mark(s.ann, [s.w[0]!], { starred: true });
    await t.db.itemStates.mark(s.ann, [s.t[1]!], { read: true });
    await t.db.itemStates.mark(s.ann, [s.t[1]!], { read: false });
    expect(
      await t.db.itemStates.markAllRead(s.ann, { starredOnly: true, excludeRead: true }, Date.now()),
    ).toBe(1);
    const read = async () => {
      const states = await t.db.itemStates.get(s.ann, [...s.t, ...s.w]);
      return [...s.t, ...s.w].map((id) => states.get(id)?.read);
    };
    expect(await read()).toEqual([false, false, false, true, false]);
    expect(await t.db.itemStates.markAllRead(s.ann, { excludeRead: true }, Date.now())).toBe(4);
    expect(await read()).toEqual([true, true, true, true, true]);
    expect((await t.db.itemStates.get(s.ann, [s.w[0]!])).get(s.w[0]!)?.starred).toBe(true);
    expect(await t.db.itemStates.markAllRead(s.ann, {}, Date.now())).toBe(0);
    expect(await t.db.itemStates.unreadCounts(s.ann)).toEqual([]);
  });

  it('counts a story read when all its items are, and marks whole stories read for one user', async () => {
    const s = await seed(t.db);
    const both = (await placeItems(t.db, [{ itemId: s.t[0]!, storyId: null }]))[0]!;
    await placeItems(t.db, [{ itemId: s.w[0]!, storyId: both }]);
    const single = (await placeItems(t.db, [{ itemId: s.t[1]!, storyId: null }]))[0]!;
    await t.db.itemStates.mark(s.ann, [s.t[0]!, s.t[1]!], { read: true });
    expect(await t.db.itemStates.readStories(s.ann, [both, single, 999_999])).toEqual(new Set([single]));
    await t.db.itemStates.mark(s.ann, [s.w[0]!], { starred: true });
    expect(await t.db.itemStates.markStoriesRead(s.ann, [both])).toBe(2);
    expect(await t.db.itemStates.readStories(s.ann, [both, single])).toEqual(new Set([both, single]));
    expect((await t.db.itemStates.get(s.ann, [s.w[0]!])).get(s.w[0]!)).toEqual({ read: true, starred: true });
    expect(await t.db.itemStates.readStories(s.bob, [both, single])).toEqual(new Set());
  });

  it('keeps state across re-clustering, and retention never deletes a saved item', async () => {
    const s = await seed(t.db);
    const story = (await placeItems(t.db, [{ itemId: s.t[0]!, storyId: null }]))[0]!;
    await placeItems(t.db, [{ itemId: s.t[1]!, storyId: story }]);
    await t.db.itemStates.mark(s.ann, [s.t[0]!], { read: true, starred: true });
    await t.db.itemStates.mark(s.bob, [s.t[1]!], { read: true });
    const other = (await placeItems(t.db, [{ itemId: s.w[0]!, storyId: null }]))[0]!;
    await placeItems(t.db, [{ itemId: s.t[0]!, storyId: other }]);
    expect((await t.db.itemStates.get(s.ann, [s.t[0]!])).get(s.t[0]!)).toEqual({ read: true, starred: true });

    const removed = await t.db.retention.run(day(10), { batchSize: 1 });
    expect(removed.items).toBe(4);
    expect((await t.db.items.get(s.t[0]!))?.id).toBe(s.t[0]);
    expect(await t.db.items.get(s.t[1]!)).toBeNull();
    expect((await t.db.itemStates.get(s.bob, [s.t[1]!])).size).toBe(0);

    await t.db.itemStates.mark(s.ann, [s.t[0]!], { starred: false });
    expect((await t.db.retention.run(day(10))).items).toBe(1);
  });
});
