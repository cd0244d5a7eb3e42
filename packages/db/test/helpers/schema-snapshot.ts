import { type Kysely, sql } from 'kysely';
import type { Database } from '../../src/schema/schema.js';
import type { Engine } from '../../src/types.js';

// A database's schema as sorted lines, read from the engine's own catalog, so two databases reached
// by different migration paths compare equal exactly when their schemas are. Statement text is
// compared with its whitespace collapsed (how a statement was indented is not schema). The rows of
// the tables a migration seeds are part of it. schema_migrations is left out: its rows say the path.

/** Tables whose rows a migration writes as part of the schema. */
const SEEDED = { sqlite: ['change_counters', 'items_fts_config'], postgres: ['change_counters'] };

export async function schemaSnapshot(kysely: Kysely<Database>, engine: Engine): Promise<string[]> {
  const lines = engine === 'sqlite' ? await sqliteSchema(kysely) : await postgresSchema(kysely);
  for (const table of SEEDED[engine]) {
    const { rows } = await sql<Record<string, unknown>>`SELECT * FROM ${sql.table(table)}`
      .execute(kysely)
      .catch(() => ({ rows: [] }));
    for (const row of rows) lines.push(`row ${table} ${JSON.stringify(row)}`);
  }
  return lines.sort();
}

const collapse = (text: string) =>
  text
    .replace(/\s+/g, ' ')
    .replace(/\s*([(),;])\s*/g, '$1')
    .trim();

/** The CHECK constraints of a CREATE TABLE statement (SQLite keeps them only in its text). */
function checks(createTable: string): string[] {
  const found: string[] = [];
  for (const match of createTable.matchAll(/\bCHECK\s*\(/gi)) {
    let depth = 0;
    const start = match.index + match[0].length - 1;
    for (let i = start; i < createTable.length; i += 1) {
      if (createTable[i] === '(') depth += 1;
      if (createTable[i] === ')') depth -= 1;
      if (depth === 0) {
        found.push(collapse(createTable.slice(start, i + 1)));
        break;
      }
    }
  }
  return found;
}

async function sqliteSchema(kysely: Kysely<Database>): Promise<string[]> {
  const { rows: entries } = await sql<{ type: string; name: string; tbl_name: string; sql: string | null }>`
    SELECT type, name, tbl_name, sql FROM sqlite_master
    WHERE name NOT LIKE 'sqlite_%' AND tbl_name <> 'schema_migrations'`.execute(kysely);
  const lines: string[] = [];
  for (const entry of entries) {
    if (entry.type !== 'table' || /^CREATE VIRTUAL TABLE/i.test(entry.sql ?? '')) {
      if (entry.sql) lines.push(`${entry.type} ${entry.name} on ${entry.tbl_name}: ${collapse(entry.sql)}`);
      continue;
    }
    const table = entry.name;
    const pragma = async (name: string, argument = table) =>
      (await sql<Record<string, unknown>>`SELECT * FROM ${sql.raw(name)}(${argument})`.execute(kysely)).rows;
    for (const column of await pragma('pragma_table_xinfo'))
      lines.push(`column ${table} ${JSON.stringify(column)}`);
    for (const key of await pragma('pragma_foreign_key_list'))
      lines.push(`foreign key ${table} ${JSON.stringify({ ...key, id: undefined })}`);
    for (const index of await pragma('pragma_index_list')) {
      if (index.origin === 'c') continue; // a CREATE INDEX: compared by its statement
      const columns = (await pragma('pragma_index_info', String(index.name))).map((c) => c.name);
      lines.push(`key ${table} ${index.origin} unique=${index.unique} (${columns.join(', ')})`);
    }
    if (/WITHOUT\s+ROWID\s*$/i.test(entry.sql ?? '')) lines.push(`without rowid ${table}`);
    for (const check of checks(entry.sql ?? '')) lines.push(`check ${table} ${check}`);
  }
  return lines;
}

async function postgresSchema(kysely: Kysely<Database>): Promise<string[]> {
  const { rows: current } = await sql<{ schema: string }>`SELECT current_schema() AS schema`.execute(kysely);
  const schema = current[0]!.schema;
  // Definitions name the schema they live in; two databases compared may use different ones.
  const unqualified = (text: string) => collapse(text.replaceAll(`${schema}.`, ''));
  const query = async (statement: ReturnType<typeof sql<{ line: string }>>) =>
    (await statement.execute(kysely)).rows.map((row) => unqualified(row.line));
  return [
    ...(await query(sql`SELECT format('column %s #%s %s %s %s null=%s identity=%s generated=%s', c.relname,
        row_number() OVER (PARTITION BY c.oid ORDER BY a.attnum), a.attname, format_type(a.atttypid, a.atttypmod),
        coalesce(pg_get_expr(d.adbin, d.adrelid), '-'), NOT a.attnotnull, a.attidentity, a.attgenerated) AS line
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
      LEFT JOIN pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum
      WHERE n.nspname = ${schema} AND c.relkind IN ('r', 'v', 'm', 'p') AND c.relname <> 'schema_migrations'`)),
    ...(await query(sql`SELECT format('constraint %s %s %s', c.conrelid::regclass, c.conname,
        pg_get_constraintdef(c.oid)) AS line
      FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
      WHERE n.nspname = ${schema} AND c.conrelid <> 0 AND c.conrelid::regclass::text <> 'schema_migrations'`)),
    ...(await query(sql`SELECT format('index %s', indexdef) AS line FROM pg_indexes
      WHERE schemaname = ${schema} AND tablename <> 'schema_migrations'`)),
    ...(await query(sql`SELECT format('sequence %s %s', sequencename, data_type) AS line FROM pg_sequences
      WHERE schemaname = ${schema}`)),
    ...(await query(sql`SELECT format('function %s', pg_get_functiondef(p.oid)) AS line
      FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = ${schema}
        AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')`)),
    ...(await query(sql`SELECT format('trigger %s', pg_get_triggerdef(t.oid)) AS line
      FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = ${schema} AND NOT t.tgisinternal`)),
    ...(await query(sql`SELECT format('extension %s', extname) AS line FROM pg_extension`)),
  ];
}
