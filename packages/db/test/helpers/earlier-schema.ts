import { type Kysely, sql } from 'kysely';
import { createDb, type NewsfeedDb } from '../../src/create-db.js';
import type { Database } from '../../src/schema/schema.js';
import type { Engine } from '../../src/types.js';
import { HISTORY } from '../fixtures/schema-history.js';

export { RELEASES } from '../fixtures/schema-history.js';

/** Every version a build before the squash could apply (all of test/fixtures/schema-history.ts). */
export const PRE_SQUASH = HISTORY.map((migration) => migration.version);

/**
 * Makes an empty database look made by an earlier build: the frozen statements of the migrations
 * `versions` (in their order) applied and recorded, as that build's migrate() left them.
 */
export async function applyHistory(
  kysely: Kysely<Database>,
  engine: Engine,
  versions: readonly number[],
): Promise<void> {
  await sql`CREATE TABLE schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)`.execute(kysely);
  for (const version of versions) {
    const migration = HISTORY.find((m) => m.version === version);
    if (!migration) throw new Error(`no migration ${version} in the frozen history`);
    for (const statement of migration[engine]) await sql.raw(statement).execute(kysely);
    await sql`INSERT INTO schema_migrations VALUES (${version}, ${migration.name}, 0)`.execute(kysely);
  }
}

/** Opens `url` without migrating it, makes it a database of the build that recorded `versions`, and runs `work`. */
export async function onEarlierDatabase(
  url: string,
  engine: Engine,
  versions: readonly number[],
  work: (db: NewsfeedDb, kysely: Kysely<Database>) => Promise<void>,
): Promise<void> {
  const db = await createDb(url, { migrate: false });
  try {
    await applyHistory(db.context.kysely, engine, versions);
    await work(db, db.context.kysely);
  } finally {
    await db.close();
  }
}
