import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createDb } from '../src/create-db.js';
import { lockWaiters, waitFor } from './helpers/lock-waits.js';
import { ENGINES, openTestDb, sampleItem } from './helpers/test-db.js';

// Two PostgreSQL transactions adding items to the same story at once (two workers, two outlets of
// one wire story): the one that commits last must count the other's item too. Its refresh waits
// for the first transaction's lock on the story row before reading the members.

const postgres = ENGINES.find((engine) => engine.engine === 'postgres')!;

describe('concurrent story refreshes on postgres', () => {
  it.skipIf(Boolean(postgres.skipReason))('the last refresh to commit counts every member', async () => {
    const { db, url, dispose } = await openTestDb('postgres');
    const second = await createDb(url, { poolSize: 1 });
    try {
      const feedA = await db.feeds.add({ url: 'https://race-a.example/rss' });
      const feedB = await db.feeds.add({ url: 'https://race-b.example/rss' });
      const feedC = await db.feeds.add({ url: 'https://race-c.example/rss' });
      const [a] = await db.items.upsertMany(feedA.id, [sampleItem('a')]);
      const [b] = await db.items.upsertMany(feedB.id, [sampleItem('b')]);
      const [c] = await db.items.upsertMany(feedC.id, [sampleItem('c')]);
      const story = await db.stories.attach(a!.id!, null);

      let release!: () => void;
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      // First: B joins the story and the story is refreshed, but the transaction stays open.
      let refreshed = false;
      const first = db.transaction(async (tx) => {
        await tx.stories.attach(b!.id!, story);
        refreshed = true;
        await held;
      });
      await waitFor(async () => refreshed);
      // Second: C joins the same story while the first is still open; it must wait for it.
      const joined = second.stories.attach(c!.id!, story);
      await waitFor(async () => (await lockWaiters(db)) > 0);
      release();
      await first;
      await joined;
      const detail = (await db.stories.get(story))!;
      expect(detail.items).toHaveLength(3);
      expect(detail.story).toMatchObject({ itemCount: 3, sourceCount: 3 });
    } finally {
      await second.close();
      await dispose();
    }
  });
});

describe('the same new item ingested by two transactions at once on postgres', () => {
  // Items are clustered before they are written, so the transaction whose insert loses to the other's
  // (ON CONFLICT: the key committed meanwhile) has already made a story for its copy. That story must
  // not stay behind, empty.
  it.skipIf(Boolean(postgres.skipReason))('leaves one item, in one story, and no empty story', async () => {
    const { db, url, dispose } = await openTestDb('postgres');
    const second = await createDb(url, { poolSize: 1 });
    const alone = { windowHours: 48, pick: () => null };
    try {
      const feed = await db.feeds.add({ url: 'https://race-d.example/rss' });
      let release!: () => void;
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      let inserted = false;
      const first = db.transaction(async (tx) => {
        await tx.items.ingest(feed.id, [sampleItem('same')], alone);
        inserted = true;
        await held;
      });
      await waitFor(async () => inserted);
      // The second does not see the first's uncommitted row, makes a story, and waits at its insert.
      const racing = second.items.ingest(feed.id, [sampleItem('same')], alone);
      await waitFor(async () => (await lockWaiters(db)) > 0);
      release();
      await first;
      const [result] = await racing;
      expect(result).toMatchObject({ key: 'same', status: 'unchanged' });
      const { rows } = await sql<{ stories: number; empty: number; items: number }>`SELECT
        (SELECT count(*) FROM stories) AS stories,
        (SELECT count(*) FROM stories s WHERE NOT EXISTS (SELECT 1 FROM items i WHERE i.story_id = s.id)) AS empty,
        (SELECT count(*) FROM items) AS items`.execute(db.context.kysely);
      expect(rows[0]).toEqual({ stories: 1, empty: 0, items: 1 });
    } finally {
      await second.close();
      await dispose();
    }
  });
});
