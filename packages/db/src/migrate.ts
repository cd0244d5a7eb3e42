import { type Kysely, sql } from 'kysely';
import { DbMigrationError } from './errors.js';
import { LATEST_VERSION } from './schema/migrations/index.js';
import type { Migration } from './schema/migrations/migration.js';
import { pendingMigrations } from './schema/migrations/plan.js';
import type { Database } from './schema/schema.js';
import type { DbContext } from './sql/context.js';
import type { Engine } from './types.js';

// Two processes starting at once must not both migrate: PostgreSQL serializes them with an advisory
// lock, SQLite with its write lock; the loser waits, then finds everything applied.

/** An arbitrary constant that names "Newsfeed schema migrations" among advisory locks. */
const MIGRATION_LOCK_KEY = 7_346_018_112;

export interface MigrationResult {
  /** Versions applied by this call, oldest first. */
  applied: number[];
  /** The schema version after the call. */
  version: number;
}

export async function migrate(ctx: DbContext): Promise<MigrationResult> {
  return ctx.transaction(async (trx) => {
    if (ctx.engine === 'postgres')
      await sql`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK_KEY})`.execute(trx);
    await sql`CREATE TABLE IF NOT EXISTS schema_migrations (
      version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL
    )`.execute(trx);
    const recorded = await trx.selectFrom('schema_migrations').select('version').execute();
    const pending = pendingMigrations(recorded.map((row) => Number(row.version)));
    for (const migration of pending) await applyMigration(trx, migration, ctx.engine);
    return { applied: pending.map((migration) => migration.version), version: LATEST_VERSION };
  });
}

async function applyMigration(trx: Kysely<Database>, migration: Migration, engine: Engine) {
  const { version, name } = migration;
  for (const statement of migration[engine]) {
    try {
      await sql.raw(statement).execute(trx);
    } catch (error) {
      throw new DbMigrationError(
        `migration ${version} (${name}) failed at: ${statement.trim().split('\n')[0]}: ${(error as Error).message}`,
        { cause: error },
      );
    }
  }
  await trx.insertInto('schema_migrations').values({ version, name, applied_at: Date.now() }).execute();
}
