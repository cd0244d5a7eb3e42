// Copies a benchmark database seeded on SQLite (bench/web.ts --seed-only, bench/db.ts --keep) into a
// new PostgreSQL database with the same rows, ids and stories, so `bench/db.ts --engine postgres
// --reuse` measures the same data; far faster than seeding PostgreSQL through the worker's path.
//
//   npx tsx bench/seed-postgres.ts --from bench/out/web-1000000.db --postgres-db nf_bench_1m [--rows-per-insert 1000]
//
// Secondary indexes are dropped for the copy and rebuilt after it (one sort each); VACUUM ANALYZE
// leaves statistics as a long-running database would have them.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createDb, createPostgresDatabase } from '@newsfeed/db';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';

const ADMIN_URL = process.env.NEWSFEED_BENCH_POSTGRES_URL ?? 'postgres://root@127.0.0.1:5432/postgres';
/** Parents before children: every foreign key points at rows already copied. */
const TABLES = [
  'feeds',
  'stories',
  'items',
  'story_members',
  'tombstones',
  'polls',
  'cluster_queue',
  'story_redirects',
];
/** Tables whose ids come from an identity sequence. */
const IDENTITY_TABLES = ['feeds', 'stories', 'items', 'polls'];

const { values: args } = parseArgs({
  options: {
    from: { type: 'string' },
    'postgres-db': { type: 'string' },
    'rows-per-insert': { type: 'string', default: '1000' },
  },
});
if (!args.from || !args['postgres-db']) {
  console.error('usage: npx tsx bench/seed-postgres.ts --from FILE.db --postgres-db NAME');
  process.exit(2);
}
const ROWS_PER_INSERT = Number(args['rows-per-insert']);

interface Column {
  name: string;
  /** PostgreSQL's type name, for the unnest() array the column's values are sent in. */
  type: string;
}

/** The table's stored columns on PostgreSQL (generated ones, like search_vector, are computed there). */
async function columnsOf(client: pg.Client, table: string): Promise<Column[]> {
  const { rows } = await client.query<{ column_name: string; data_type: string }>(
    `SELECT column_name, data_type FROM information_schema.columns
     WHERE table_schema = 'public' AND table_name = $1 AND is_generated = 'NEVER' ORDER BY ordinal_position`,
    [table],
  );
  return rows.map((row) => ({ name: row.column_name, type: row.data_type }));
}

/** Drops the tables' indexes that no constraint needs; returns the statements that build them again. */
async function dropSecondaryIndexes(client: pg.Client, tables: string[]): Promise<string[]> {
  const { rows } = await client.query<{ indexname: string; indexdef: string }>(
    `SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename = ANY($1)
     AND indexname NOT IN (SELECT conname FROM pg_constraint)`,
    [tables],
  );
  for (const row of rows) await client.query(`DROP INDEX ${row.indexname}`);
  return rows.map((row) => row.indexdef);
}

async function copyTable(source: BetterSqlite3.Database, client: pg.Client, table: string): Promise<number> {
  const columns = await columnsOf(client, table);
  const names = columns.map((column) => column.name).join(', ');
  const insert = `INSERT INTO ${table} (${names}) SELECT * FROM unnest(${columns
    .map((column, index) => `$${index + 1}::${column.type}[]`)
    .join(', ')})`;
  const write = async (rows: unknown[][]) => {
    const arrays = columns.map((_, index) => rows.map((row) => row[index]));
    await client.query(insert, arrays);
  };
  let copied = 0;
  let batch: unknown[][] = [];
  const started = performance.now();
  for (const row of source.prepare(`SELECT ${names} FROM ${table}`).raw().iterate() as Iterable<unknown[]>) {
    batch.push(row);
    if (batch.length < ROWS_PER_INSERT) continue;
    await write(batch);
    copied += batch.length;
    batch = [];
    if (copied % 100_000 === 0) {
      const rate = Math.round((copied * 1000) / (performance.now() - started));
      console.log(`  ${table}: ${copied.toLocaleString('en')} rows (${rate}/s)`);
    }
  }
  if (batch.length > 0) await write(batch);
  return copied + batch.length;
}

const sourceFile = path.resolve(args.from);
const source = new BetterSqlite3(sourceFile, { readonly: true, fileMustExist: true });
const url = await createPostgresDatabase(ADMIN_URL, args['postgres-db']);
// The layer's schema, at the version of this checkout (the same as the SQLite file's, which the
// SQLite side migrated when it was seeded).
await (await createDb(url)).close();

const client = new pg.Client({ connectionString: url });
await client.connect();
try {
  const started = performance.now();
  const indexes = await dropSecondaryIndexes(client, TABLES);
  for (const table of TABLES) {
    const tableStarted = performance.now();
    const rows = await copyTable(source, client, table);
    console.log(
      `${table}: ${rows.toLocaleString('en')} rows in ${Math.round((performance.now() - tableStarted) / 1000)} s`,
    );
  }
  await client.query(`SET maintenance_work_mem = '1GB'`);
  for (const indexdef of indexes) {
    const indexStarted = performance.now();
    await client.query(indexdef);
    console.log(`${indexdef} (${Math.round((performance.now() - indexStarted) / 1000)} s)`);
  }
  for (const table of IDENTITY_TABLES)
    await client.query(
      `SELECT setval(pg_get_serial_sequence('${table}', 'id'), coalesce((SELECT max(id) FROM ${table}), 0) + 1, false)`,
    );
  await client.query('VACUUM ANALYZE');
  console.log(
    `copied ${sourceFile} into ${args['postgres-db']} in ${Math.round((performance.now() - started) / 60_000)} min`,
  );
} finally {
  await client.end();
  source.close();
}
