import { type Kysely, sql } from 'kysely';
import type { Database } from '../schema/schema.js';
import type { Engine } from '../types.js';

// Ids taken before the rows are written, so that an item can be inserted with its story already
// decided (and a new story with its lead item's id): writing the row once instead of inserting it
// and then rewriting it, text and all, to set its story.

export async function allocateIds(
  trx: Kysely<Database>,
  engine: Engine,
  table: 'items' | 'stories',
  count: number,
): Promise<number[]> {
  if (count <= 0) return [];
  if (engine === 'sqlite') {
    // Inside the write transaction (BEGIN IMMEDIATE) nobody else inserts items, and only the
    // clusterer's lease holder inserts stories: the ids after the highest in use (or, for stories,
    // redirected from) are free, and are what SQLite itself would have given the rows.
    const highest =
      table === 'items'
        ? sql`SELECT max(id) AS top FROM items`
        : sql`SELECT max(top) AS top FROM (
            SELECT max(id) AS top FROM stories UNION ALL SELECT max(old_id) FROM story_redirects)`;
    const { rows } = await sql<{ top: number | null }>`${highest}`.execute(trx);
    const first = Number(rows[0]?.top ?? 0) + 1;
    return Array.from({ length: count }, (_, index) => first + index);
  }
  // The identity column's own sequence: unique across transactions, whatever commits first.
  const { rows } = await sql<{ id: string }>`SELECT nextval(pg_get_serial_sequence(${table}, 'id')) AS id
    FROM generate_series(1, ${count})`.execute(trx);
  return rows.map((row) => Number(row.id));
}
