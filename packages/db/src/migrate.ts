import { type Kysely, sql } from 'kysely';
import { DbMigrationError } from './errors.js';
import {
  BASELINE,
  BEFORE_BASELINE,
  LAST_BUILD_BEFORE_BASELINE,
  LATER,
  LATEST_VERSION,
  RELEASES,
  statementsFor,
} from './schema/migrations/index.js';
import type { Migration } from './schema/migrations/migration.js';
import type { Database } from './schema/schema.js';
import type { DbContext } from './sql/context.js';

// Migrations run at start-up and from the CLI. Two processes starting at once must not both apply a
// migration: PostgreSQL serializes them with a transaction-scoped advisory lock, SQLite with its
// write lock (BEGIN IMMEDIATE). The loser waits, then finds everything applied.

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
    const recorded = (await trx.selectFrom('schema_migrations').select('version').execute()).map((r) =>
      Number(r.version),
    );
    const pending = pendingMigrations(recorded);
    for (const migration of pending) {
      await applyMigration(trx, migration.version, migration.name, statementsFor(migration, ctx.engine));
    }
    return { applied: pending.map((migration) => migration.version), version: LATEST_VERSION };
  });
}

/**
 * What a database recording `recorded` needs: the baseline when it is new, a release's upgrades when
 * it is that release's, then the migrations after the baseline it lacks. Any other record was left
 * by a build this one cannot follow, and nothing is applied.
 */
export function pendingMigrations(recorded: readonly number[]): Migration[] {
  const done = new Set(recorded);
  const laterDone = LATER.filter((migration) => done.has(migration.version)).length;
  const laterInOrder = LATER.slice(0, laterDone).every((migration) => done.has(migration.version));
  const base = recorded.filter((version) => !LATER.some((migration) => migration.version === version));
  const laterPending = LATER.slice(laterDone);
  if (laterInOrder && laterDone === 0) {
    if (base.length === 0) return [BASELINE, ...laterPending];
    const release = RELEASES.findIndex((r) => sameVersions(base, r.versions));
    if (release >= 0) return [...RELEASES.slice(release).map((r) => r.upgrade), ...laterPending];
  }
  if (laterInOrder && atBaseline(base)) return laterPending;
  throw new DbMigrationError(unknownSchema(recorded), { recorded: [...recorded].sort((a, b) => a - b) });
}

/** The records that stand for the baseline's schema: made by it, upgraded to it, or by a build before it. */
function atBaseline(versions: readonly number[]): boolean {
  const upgraded = RELEASES.map((release, index) => [
    ...release.versions,
    ...RELEASES.slice(index).map((later) => later.upgrade.version),
  ]);
  return [[BASELINE.version], BEFORE_BASELINE, ...upgraded].some((known) => sameVersions(versions, known));
}

function sameVersions(a: readonly number[], b: readonly number[]): boolean {
  const set = new Set(a);
  return set.size === b.length && b.every((version) => set.has(version));
}

function unknownSchema(recorded: readonly number[]): string {
  const found = `the database records schema versions ${ranges(recorded)}`;
  if (Math.max(...recorded) > LATEST_VERSION) {
    return `${found}, newer than this build knows (${LATEST_VERSION}): upgrade Newsfeed, or restore a backup made before the newer build ran`;
  }
  const releases = RELEASES.map((release) => `${release.name} (${ranges(release.versions)})`).join(' and ');
  return (
    `${found}, which no release left (a build between releases made it): this build upgrades ${releases}. ` +
    `Back it up, migrate it once with the last build before the baseline (commit ${LAST_BUILD_BEFORE_BASELINE}), ` +
    'then start this build on it'
  );
}

/** 1, 2, 3, 5 as "1-3, 5". */
function ranges(versions: readonly number[]): string {
  const sorted = [...new Set(versions)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; i += 1) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j += 1;
    parts.push(j > i ? `${sorted[i]}-${sorted[j]}` : `${sorted[i]}`);
    i = j;
  }
  return parts.join(', ');
}

async function applyMigration(trx: Kysely<Database>, version: number, name: string, statements: string[]) {
  for (const statement of statements) {
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
