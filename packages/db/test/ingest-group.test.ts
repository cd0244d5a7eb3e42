import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { DbInputError } from '../src/errors.js';
import { ENGINES, sampleItem, useTestDb } from './helpers/test-db.js';

// Concurrent items.ingest calls. On SQLite the calls that queue behind a running one are written
// together in one transaction (ingest-group.ts), each in its own savepoint; on PostgreSQL each call is
// its own transaction. Either way every call must behave as if it ran alone: its items and their
// clustering queue rows commit together, or neither does.

describe.each(ENGINES)('concurrent items.ingest on $engine', (testEngine) => {
  const t = useTestDb(testEngine);

  it('commits each call or fails it alone: a failing call leaves nothing, the others all commit', async () => {
    const feeds = await Promise.all(
      ['a', 'b', 'c', 'd'].map((name) => t.db.feeds.add({ url: `https://${name}.example/rss` })),
    );
    const calls = await Promise.allSettled([
      t.db.items.ingest(feeds[0]!.id, [sampleItem('a1', { title: 'Harbour fire spreads' })]),
      t.db.items.ingest(feeds[1]!.id, [sampleItem('b1', { title: 'Harbour fire: crews' })]),
      // Its first item is valid and written first; the second fails the call.
      t.db.items.ingest(feeds[2]!.id, [
        sampleItem('c1', { title: 'Harbour fire out' }),
        sampleItem('c2', { simhash: 'not-hex' }),
      ]),
      t.db.items.ingest(feeds[3]!.id, [sampleItem('d1', { title: 'Harbour fire inquiry' })]),
    ]);
    expect(calls.map((call) => call.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    expect((calls[2] as PromiseRejectedResult).reason).toBeInstanceOf(DbInputError);
    expect((await t.db.items.listByFeed(feeds[2]!.id)).items).toEqual([]);
    expect((await t.db.stats()).items).toBe(3);
    // Every stored item waits for the clusterer, and nothing of the failed call does.
    const { rows } = await sql<{ key: string }>`SELECT items.key FROM cluster_queue
      JOIN items ON items.id = cluster_queue.item_id ORDER BY items.key`.execute(t.db.context.kysely);
    expect(rows.map((row) => row.key)).toEqual(['a1', 'b1', 'd1']);
    // Polls write no stories: that is the clusterer's job.
    expect((await t.db.stats()).stories).toBe(0);
  });
});
