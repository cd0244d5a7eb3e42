import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { Database } from '../schema/schema.js';
import { inIds } from '../sql/value-list.js';
import type { Engine } from '../types.js';

// What an item_states write may touch, locked once per write instead of per row (SQLite checks each
// row with its foreign keys). PostgreSQL: the user's row and the candidate feeds' counter rows, FOR KEY
// SHARE, so removing the user or deleting those feeds' items waits for the write (ingest does not).

/**
 * Locks the scope of a write by `userId` to the feeds `candidateFeeds` selects (one column), before
 * the write; returns the clause on `items` that keeps the write inside it (nothing when the user is gone).
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
  return sql`items.feed_id ${inIds(engine, feedIds)}`;
}
