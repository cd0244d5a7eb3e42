import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { NewsfeedDb } from '../src/create-db.js';
import { lockWriteScope } from '../src/readers/state-write-scope.js';
import { placeItems } from './helpers/cluster.js';
import { lockWaiters, waitFor } from './helpers/lock-waits.js';
import { ENGINES, sampleItem, useTestDb } from './helpers/test-db.js';

// Item state writes lock their user and feeds once instead of checking every row against its item:
// deleting items or users still removes their state rows and counts, a delete and a
// write that meet wait for each other, and marking items never writes the items' own rows.

async function seed(db: NewsfeedDb) {
  const feed = await db.feeds.add({ url: 'https://scope.example/rss' });
  const other = await db.feeds.add({ url: 'https://other.example/rss' });
  const items = await db.items.ingest(
    feed.id,
    ['a', 'b', 'c'].map((key) => sampleItem(key)),
  );
  await db.items.ingest(other.id, [sampleItem('d')]);
  const ann = await db.users.add({ name: 'ann', password: 'sesame-street' });
  return { feedId: feed.id, itemIds: items.map((item) => item.id!), ann: ann.id };
}

async function stateRows(db: NewsfeedDb, where = sql`true`): Promise<number> {
  const { rows } = await sql<{ n: number | string }>`SELECT COUNT(*) AS n FROM item_states
    WHERE ${where}`.execute(db.context.kysely);
  return Number(rows[0]!.n);
}

async function unreadIn(db: NewsfeedDb, userId: number, feedId: number): Promise<number> {
  return (await db.itemStates.unreadCounts(userId)).find((count) => count.feedId === feedId)?.count ?? 0;
}

describe.each(ENGINES)('item state writes on $engine', (testEngine) => {
  const t = useTestDb(testEngine);

  it('leave no state behind the items and users they name when those are deleted', async () => {
    const { db } = t;
    const { feedId, itemIds, ann } = await seed(db);
    const bob = (await db.users.add({ name: 'bob', password: 'sesame-street' })).id;
    await db.itemStates.markAllRead(ann, {}, Date.now());
    await db.itemStates.mark(bob, itemIds, { read: true, starred: true });
    await sql`DELETE FROM items WHERE id = ${itemIds[0]!}`.execute(db.context.kysely);
    expect(await stateRows(db, sql`item_id = ${itemIds[0]!}`)).toBe(0);
    expect(await unreadIn(db, ann, feedId)).toBe(0);
    await sql`DELETE FROM users WHERE id = ${bob}`.execute(db.context.kysely);
    expect(await stateRows(db, sql`user_id = ${bob}`)).toBe(0);
    expect(await stateRows(db)).toBe(3);
  });

  // Row locks and row versions are PostgreSQL's: SQLite has no such case to register.
  if (testEngine.engine === 'postgres')
    it("marking items read or saved never locks or rewrites the items' rows", async () => {
      const { db } = t;
      const { feedId, itemIds, ann } = await seed(db);
      const [storyId] = await placeItems(db, [{ itemId: itemIds[0]!, storyId: null }]);
      // A row lock or an update writes the row's xmax.
      const lockers = async () =>
        (
          await sql<{ id: number; xmax: string }>`SELECT id, xmax::text AS xmax FROM items
              ORDER BY id`.execute(db.context.kysely)
        ).rows;
      const before = await lockers();
      await db.itemStates.mark(ann, itemIds, { starred: true });
      await db.itemStates.markAllRead(ann, { feedId }, Date.now());
      await db.itemStates.markStoriesRead(ann, [storyId!]);
      expect(await lockers()).toEqual(before);
      expect(await stateRows(db)).toBe(3);
    });

  // Row locks and row versions are PostgreSQL's: SQLite has no such case to register.
  if (testEngine.engine === 'postgres')
    it('a mark that meets an uncommitted item delete waits for it and writes nothing for that item', async () => {
      const { db } = t;
      const { feedId, itemIds, ann } = await seed(db);
      await db.context.kysely.connection().execute(async (deleter) => {
        await sql`BEGIN`.execute(deleter);
        await sql`DELETE FROM items WHERE id = ${itemIds[0]!}`.execute(deleter);
        const marking = db.itemStates.mark(ann, itemIds, { read: true });
        await waitFor(async () => (await lockWaiters(db, 'FOR KEY SHARE')) > 0);
        await sql`COMMIT`.execute(deleter);
        expect(await marking).toBe(2);
      });
      expect(await stateRows(db, sql`item_id = ${itemIds[0]!}`)).toBe(0);
      expect(await unreadIn(db, ann, feedId)).toBe(0);
    });

  // Row locks and row versions are PostgreSQL's: SQLite has no such case to register.
  if (testEngine.engine === 'postgres')
    it('an item delete that meets an uncommitted state write waits for it and removes what it wrote', async () => {
      const { db } = t;
      const { feedId, itemIds, ann } = await seed(db);
      let deleting: Promise<unknown> | undefined;
      await db.context.transaction(async (trx) => {
        const scope = await lockWriteScope(trx, 'postgres', ann, sql`SELECT ${feedId}::bigint`);
        deleting = sql`DELETE FROM items WHERE id = ${itemIds[0]!}`.execute(db.context.kysely);
        await waitFor(async () => (await lockWaiters(db, 'DELETE FROM items')) > 0);
        await sql`INSERT INTO item_states (user_id, item_id, feed_id, read, starred, updated_at)
            SELECT ${ann}, items.id, items.feed_id, 1, 0, 0 FROM items WHERE ${scope}`.execute(trx);
      });
      await deleting;
      expect(await stateRows(db)).toBe(2);
      expect(await stateRows(db, sql`item_id = ${itemIds[0]!}`)).toBe(0);
      expect(await unreadIn(db, ann, feedId)).toBe(0);
    });
});
