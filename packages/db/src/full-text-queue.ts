import { type Kysely, sql } from 'kysely';
import type { Database } from './schema.js';
import type { Engine } from './types.js';

// SQLite: items written in a transaction wait in items_fts_queue (migration 004, filled by the
// insert trigger) and are added to the FTS5 index here, all at once, before the transaction commits:
// one index segment per transaction instead of one per statement. Every write that inserts items ends
// with this call, so committed data never waits in the queue (a row another program inserted is
// indexed by the next write that calls it). PostgreSQL indexes a generated column: nothing to do.

export async function indexQueuedItems(trx: Kysely<Database>, engine: Engine): Promise<void> {
  if (engine !== 'sqlite') return;
  // In id order: FTS5 appends ascending rowids to its new segment without sorting them.
  await sql`INSERT INTO items_fts (rowid, title, content_text)
    SELECT items.id, items.title, items.content_text FROM items_fts_queue
    JOIN items ON items.id = items_fts_queue.id ORDER BY items_fts_queue.id`.execute(trx);
  await sql`DELETE FROM items_fts_queue`.execute(trx);
}
