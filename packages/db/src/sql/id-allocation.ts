import { type Kysely, sql } from 'kysely';
import type { Database } from '../schema/schema.js';
import type { Engine } from '../types.js';

// Ids taken before the rows are written: the clusterer names its new stories before the batch that
// writes them, and ingest binds each new item's id in its multi-row insert.

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
