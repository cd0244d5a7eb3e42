import { type Kysely, sql } from 'kysely';
import { MIGRATIONS, statementsFor } from '../../src/schema/migrations/index.js';
import type { Database } from '../../src/schema/schema.js';
import type { Engine } from '../../src/types.js';

/** Makes an empty database look made by an earlier version: the migrations up to `version` applied. */
export async function migrateThrough(
  kysely: Kysely<Database>,
  engine: Engine,
  version: number,
): Promise<void> {
  await sql`CREATE TABLE schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)`.execute(kysely);
  for (const migration of MIGRATIONS.filter((m) => m.version <= version)) {
    for (const statement of statementsFor(migration, engine)) await sql.raw(statement).execute(kysely);
    await sql`INSERT INTO schema_migrations VALUES (${migration.version}, ${migration.name}, 0)`.execute(
      kysely,
    );
  }
}
