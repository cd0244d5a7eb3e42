import { type RawBuilder, sql } from 'kysely';
import type { NewsfeedDb } from '../../src/create-db.js';
import { sampleItem } from './test-db.js';

// SQLite's plan for a queue's read, once ANALYZE has seen the queue empty and the items not: the
// planner must still loop over the queue, never scan every item (full-text-queue.ts, cluster-store.ts).

/** Items ANALYZE counts in the tests: a table the planner would rather scan than an unknown queue. */
const ANALYZED_ITEMS = 200;

/** Writes ANALYZED_ITEMS items to a new feed at `feedUrl`. */
export async function ingestManyItems(db: NewsfeedDb, feedUrl: string): Promise<void> {
  const feed = await db.feeds.add({ url: feedUrl });
  await db.items.ingest(
    feed.id,
    Array.from({ length: ANALYZED_ITEMS }, (_, index) =>
      sampleItem(`k${index}`, { title: `Report ${index}` }),
    ),
  );
}

/** The steps of `query`'s plan (EXPLAIN QUERY PLAN's details), SQLite only. */
export async function planSteps(db: NewsfeedDb, query: RawBuilder<unknown>): Promise<string[]> {
  const { rows } = await sql<{ detail: string }>`EXPLAIN QUERY PLAN ${query}`.execute(db.context.kysely);
  return rows.map((row) => row.detail);
}
