import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { Database } from '../schema/schema.js';
import { valueList } from '../sql/value-list.js';
import type { Engine } from '../types.js';

// What an item_states write may touch, locked once per write instead of per row.
// PostgreSQL: the user's row and the counter rows of the candidate feeds, FOR KEY SHARE, so removing
// the user or deleting items of those feeds waits for the write (ingest, which updates the counters
// without changing their keys, does not). The write's own statement then runs with a snapshot taken
// after the locks, and is kept to the locked feeds. SQLite checks each row with its foreign keys.

/**
 * Locks the scope of a write by `userId` to items of the feeds `candidateFeeds` selects (a query of
 * one column, `feed_id`), in the write's transaction before the write; returns the clause on `items`
 * that keeps the write inside it (nothing at all when the user is gone).
 */
export async function lockWriteScope(
  trx: Kysely<Database>,
  engine: Engine,
  userId: number,
  candidateFeeds: RawBuilder<unknown>,
): Promise<RawBuilder<unknown>> {
  if (engine === 'sqlite') return sql`true`;
  const { rows } = await sql<{ feed_id: number }>`WITH reader AS (
      SELECT id FROM users WHERE id = ${userId} FOR KEY SHARE
    )
    SELECT c.feed_id FROM feed_item_counts c
    WHERE c.feed_id IN (${candidateFeeds}) AND EXISTS (SELECT 1 FROM reader)
    ORDER BY c.feed_id FOR KEY SHARE OF c`.execute(trx);
  const feedIds = rows.map((row) => Number(row.feed_id));
  return sql`items.feed_id IN (SELECT j.value FROM ${valueList(engine, feedIds, 'bigint')})`;
}
