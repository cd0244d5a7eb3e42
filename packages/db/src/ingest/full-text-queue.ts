import { type Kysely, sql } from 'kysely';
import type { Database } from '../schema/schema.js';
import type { Engine } from '../types.js';

// SQLite: a transaction's new items (queued by the insert trigger) enter the FTS5 index at once
// before the commit: one index segment per transaction. PostgreSQL indexes a generated column.

/** The queued items' text in id order (FTS5 appends ascending rowids); CROSS JOIN: the queue outside. */
export const QUEUED_TEXT_SQL = `SELECT items.id, items.title, items.content_text FROM items_fts_queue
  CROSS JOIN items ON items.id = items_fts_queue.id ORDER BY items_fts_queue.id`;

export async function indexQueuedItems(trx: Kysely<Database>, engine: Engine): Promise<void> {
  if (engine !== 'sqlite') return;
  await sql`INSERT INTO items_fts (rowid, title, content_text) ${sql.raw(QUEUED_TEXT_SQL)}`.execute(trx);
  await sql`DELETE FROM items_fts_queue`.execute(trx);
}
