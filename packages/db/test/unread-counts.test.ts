import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { NewsfeedDb } from '../src/create-db.js';
import { placeItems } from './helpers/cluster.js';
import { ENGINES, sampleItem, useTestDb } from './helpers/test-db.js';

// The unread counters, and the per-feed item counts the feed list shows, against a
// count over every item and state row, after each kind
// of write that moves them: ingest, read/unread/saved, mark-all-read, stories read, re-clustering,
// item removal, retention, feed removal, user removal, and many of them at once.

const day = (n: number) => new Date(Date.parse('2026-01-01T00:00:00Z') + n * 86_400_000).toISOString();

/** Unread items per feed with at least one, and the feed's newest item, counted the slow way. */
async function bruteForce(
  db: NewsfeedDb,
  userId: number,
): Promise<{ feedId: number; count: number; newest: number }[]> {
  const { rows } = await sql<{ feed_id: number | string; unread: number | string; newest: number | string }>`
    SELECT items.feed_id, COUNT(*) AS unread,
      (SELECT MAX(newest.sort_at) FROM items newest WHERE newest.feed_id = items.feed_id) AS newest
    FROM items LEFT JOIN item_states s ON s.item_id = items.id AND s.user_id = ${userId}
    WHERE COALESCE(s.read, 0) = 0 GROUP BY items.feed_id ORDER BY items.feed_id`.execute(db.context.kysely);
  return rows.map((row) => ({
    feedId: Number(row.feed_id),
    count: Number(row.unread),
    newest: Number(row.newest),
  }));
}

async function expectCountsExact(db: NewsfeedDb, userIds: number[], step: string): Promise<void> {
  const { rows } = await sql<{ id: number | string; n: number | string }>`SELECT feeds.id,
    (SELECT COUNT(*) FROM items WHERE items.feed_id = feeds.id) AS n FROM feeds ORDER BY feeds.id`.execute(
    db.context.kysely,
  );
  const listed = await db.feeds.list({ limit: 500, includeDisabled: true });
  expect(
    listed.items.map((feed) => [feed.id, feed.itemCount]),
    `${step}: item counts`,
  ).toEqual(rows.map((row) => [Number(row.id), Number(row.n)]));
  const orphans = await sql<{ n: number | string }>`SELECT COUNT(*) AS n FROM item_states s
    WHERE NOT EXISTS (SELECT 1 FROM items WHERE items.id = s.item_id)
      OR NOT EXISTS (SELECT 1 FROM users WHERE users.id = s.user_id)`.execute(db.context.kysely);
  expect(Number(orphans.rows[0]!.n), `${step}: state rows of deleted items or users`).toBe(0);
  for (const userId of userIds) {
    const fast = (await db.itemStates.unreadCounts(userId)).map(({ feedId, count, newest }) => ({
      feedId,
      count,
      newest,
    }));
    expect(fast, `${step}, user ${userId}`).toEqual(await bruteForce(db, userId));
  }
}

async function seedFeeds(db: NewsfeedDb, feeds: number, itemsEach: number) {
  const feedIds: number[] = [];
  const itemIds: number[] = [];
  for (let f = 0; f < feeds; f++) {
    const feed = await db.feeds.add({ url: `https://feed${f}.example/rss`, folder: f % 2 ? 'Odd' : null });
    feedIds.push(feed.id);
    const results = await db.items.ingest(
      feed.id,
      Array.from({ length: itemsEach }, (_, n) => sampleItem(`f${f}-i${n}`, { publishedAt: day(n) })),
    );
    itemIds.push(...results.map((result) => result.id!));
  }
  return { feedIds, itemIds };
}

describe.each(ENGINES)('unread counters on $engine', (testEngine) => {
  const t = useTestDb(testEngine);

  it('match a full count after every kind of write', async () => {
    const { db } = t;
    const { feedIds, itemIds } = await seedFeeds(db, 4, 6);
    const ann = (await db.users.add({ name: 'ann', password: 'sesame-street' })).id;
    const bob = (await db.users.add({ name: 'bob', password: 'sesame-street' })).id;
    const users = [ann, bob];
    await expectCountsExact(db, users, 'seeded');

    await db.itemStates.mark(ann, itemIds.slice(0, 5), { read: true });
    await db.itemStates.mark(ann, itemIds.slice(3, 8), { read: true });
    await db.itemStates.mark(ann, [itemIds[9]!], { starred: true });
    await db.itemStates.mark(bob, [itemIds[1]!, itemIds[1]!, 999_999], { read: true, starred: true });
    await expectCountsExact(db, users, 'marked read and saved');

    await db.itemStates.mark(ann, [itemIds[4]!, itemIds[9]!], { read: false });
    await db.itemStates.mark(ann, [itemIds[0]!], { starred: true });
    await expectCountsExact(db, users, 'marked unread, saved a read item');

    await db.itemStates.markAllRead(ann, { folder: 'Odd' }, Date.parse(day(3)));
    await db.itemStates.markAllRead(bob, { feedId: feedIds[0]! }, Date.parse(day(99)));
    await expectCountsExact(db, users, 'mark all read');

    const story = (await placeItems(db, [{ itemId: itemIds[12]!, storyId: null }]))[0]!;
    await placeItems(db, [{ itemId: itemIds[20]!, storyId: story }]);
    await db.itemStates.markStoriesRead(bob, [story]);
    const other = (await placeItems(db, [{ itemId: itemIds[13]!, storyId: null }]))[0]!;
    await placeItems(db, [{ itemId: itemIds[12]!, storyId: other }]);
    await expectCountsExact(db, users, 'stories read, then re-clustered');

    const fresh = await db.items.ingest(feedIds[2]!, [sampleItem('late-1'), sampleItem('late-2')]);
    await db.items.ingest(feedIds[2]!, [sampleItem('late-1', { title: 'Changed title' })]);
    await db.itemStates.mark(bob, [fresh[0]!.id!], { read: true });
    await expectCountsExact(db, users, 'ingest of new and changed items');

    await db.items.ingest(feedIds[3]!, [sampleItem('f3-i5', { publishedAt: day(-5) })]);
    await db.items.ingest(feedIds[3]!, [sampleItem('f3-i0', { publishedAt: day(60) })]);
    await expectCountsExact(db, users, 'items moved in time');

    await db.items.remove(itemIds[1]!);
    await db.items.remove(itemIds[2]!);
    await db.items.remove(itemIds[5]!);
    await expectCountsExact(db, users, 'items removed, the newest among them');

    await db.itemStates.mark(bob, [itemIds[3]!], { starred: true, read: true });
    await db.retention.run(day(3), { batchSize: 2 });
    await expectCountsExact(db, users, 'retention');

    await db.feeds.remove(feedIds[1]!);
    await expectCountsExact(db, users, 'feed removed');

    await db.users.remove('bob');
    await expectCountsExact(db, [ann], 'user removed');
    const { rows } = await sql<{ n: number | string }>`SELECT COUNT(*) AS n FROM feed_read_counts
      WHERE user_id = ${bob} OR feed_id = ${feedIds[1]!}`.execute(db.context.kysely);
    expect(Number(rows[0]!.n)).toBe(0);
  });

  it('stay exact when ingest, marks and retention run at once', async () => {
    const { db } = t;
    const { feedIds, itemIds } = await seedFeeds(db, 6, 20);
    const users: number[] = [];
    for (const name of ['ann', 'bob', 'cy'])
      users.push((await db.users.add({ name, password: 'sesame-street' })).id);
    const work: Promise<unknown>[] = [];
    for (let round = 0; round < 8; round++) {
      const user = users[round % users.length]!;
      const slice = itemIds.slice(round * 12, round * 12 + 30);
      work.push(db.itemStates.mark(user, slice, { read: true }));
      work.push(
        db.itemStates.mark(users[(round + 1) % users.length]!, slice.slice(5), { read: round % 2 === 0 }),
      );
      work.push(
        db.itemStates.markAllRead(user, { feedId: feedIds[round % feedIds.length]! }, Date.parse(day(10))),
      );
      work.push(
        db.items.ingest(
          feedIds[(round + 2) % feedIds.length]!,
          Array.from({ length: 5 }, (_, n) => sampleItem(`r${round}-${n}`, { publishedAt: day(30 + n) })),
        ),
      );
      if (round === 4) work.push(db.retention.run(day(4)));
    }
    await Promise.all(work);
    await expectCountsExact(db, users, 'concurrent writes');
  });
});
