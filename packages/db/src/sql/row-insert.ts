import { CompiledQuery, type Kysely } from 'kysely';
import type { Database } from '../schema/schema.js';
import type { Engine } from '../types.js';
import { batches } from './batches.js';

// Multi-row INSERTs on the ingest path, compiled by hand (Kysely's `.values([...])` cost more than the
// insert): each text is built once per table, columns, row count and tail.

type Row = readonly unknown[];

const texts = new Map<string, string>();

function statementText(
  engine: Engine,
  table: string,
  columns: readonly string[],
  rows: number,
  tail: string,
) {
  const key = `${engine}|${table}|${columns.join(',')}|${rows}|${tail}`;
  let text = texts.get(key);
  if (text === undefined) {
    // SQLite numbers `?` itself; PostgreSQL's placeholders are $1, $2… across the whole statement.
    const tuple = (row: number) =>
      `(${columns.map((_, column) => (engine === 'sqlite' ? '?' : `$${row * columns.length + column + 1}`)).join(', ')})`;
    const values = Array.from({ length: rows }, (_, row) => tuple(row)).join(', ');
    text = `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${values}${tail ? ` ${tail}` : ''}`;
    texts.set(key, text);
  }
  return text;
}

/** Inserts `rows` (values in `columns` order), `tail` after VALUES; the rows RETURNING gave, in order. */
export async function insertRows<R>(
  db: Kysely<Database>,
  engine: Engine,
  table: keyof Database,
  columns: readonly string[],
  rows: readonly Row[],
  options: { rowsPerStatement: number; tail?: string },
): Promise<R[]> {
  const returned: R[] = [];
  for (const chunk of batches(rows, options.rowsPerStatement)) {
    const text = statementText(engine, table, columns, chunk.length, options.tail ?? '');
    const result = await db.executeQuery<R>(CompiledQuery.raw(text, chunk.flat()));
    returned.push(...result.rows);
  }
  return returned;
}
