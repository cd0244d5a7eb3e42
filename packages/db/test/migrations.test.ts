import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Kysely, sql } from 'kysely';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDb, type NewsfeedDb } from '../src/create-db.js';
import { DbConnectionError, DbMigrationError } from '../src/errors.js';
import { LATEST_VERSION, MIGRATION_PLAN } from '../src/schema/migrations/index.js';
import { pendingMigrations } from '../src/schema/migrations/plan.js';
import type { Database } from '../src/schema/schema.js';
import { toDbError } from '../src/sql/error-mapping.js';
import type { Engine } from '../src/types.js';
import {
  applyHistory,
  onEarlierDatabase,
  PRE_SQUASH,
  RELEASES as RELEASED,
} from './helpers/earlier-schema.js';
import { runScript } from './helpers/run-script.js';
import { schemaSnapshot } from './helpers/schema-snapshot.js';
import { ENGINES, freshDatabase, type TestDatabase } from './helpers/test-db.js';

const LATER = MIGRATION_PLAN.later.map((migration) => migration.version);

/** Opens a database of its own, lets `prepare` shape it, and returns what the schema looks like. */
async function schemaAfter(
  engine: Engine,
  prepare: (db: NewsfeedDb, kysely: Kysely<Database>) => Promise<unknown>,
): Promise<string[]> {
  // On PostgreSQL a database of its own, so that the extensions a path creates are its own too.
  const database = await freshDatabase(engine, { ownPostgresDatabase: true });
  const db = await createDb(database.url, { migrate: false });
  try {
    await prepare(db, db.context.kysely);
    return await schemaSnapshot(db.context.kysely, engine);
  } finally {
    await db.close();
    await database.dispose();
  }
}

/** Runs the upgrade from 0.1.0 alone, without the later ones migrate() would add. */
async function upgradeFrom010(kysely: Kysely<Database>, engine: Engine): Promise<void> {
  for (const statement of MIGRATION_PLAN.releases[0]!.upgrade[engine])
    await sql.raw(statement).execute(kysely);
}

describe('the migrations a database needs, with two migrations appended after the baseline', () => {
  const later = [41, 42].map((version) => ({ version, name: 'later', sqlite: [], postgres: [] }));
  const plan = { ...MIGRATION_PLAN, later };
  const [from010, from020] = MIGRATION_PLAN.releases.map((release) => release.upgrade);
  const versions = (recorded: number[]) => pendingMigrations(recorded, plan).map((m) => m.version);

  it('follows every known record to the newest', () => {
    expect(versions([])).toEqual([40, 41, 42]);
    expect(versions([...RELEASED['0.1.0']])).toEqual([from010!.version, from020!.version, 41, 42]);
    expect(versions([...RELEASED['0.2.0']])).toEqual([40, 41, 42]);
    for (const atBaseline of [[40], [...RELEASED['0.1.0'], 30, 40], [...RELEASED['0.2.0'], 40], PRE_SQUASH]) {
      expect(versions(atBaseline)).toEqual([41, 42]);
      // A build of main may have had the later migrations in another order.
      expect(versions([...atBaseline, 42])).toEqual([41]);
      expect(versions([...atBaseline, 41, 42])).toEqual([]);
    }
  });

  it('refuses any other record', () => {
    for (const unknown of [
      [41],
      [...RELEASED['0.2.0'], 41],
      [40, 43],
      [...RELEASED['0.1.0'], 8],
      PRE_SQUASH.slice(1),
    ]) {
      expect(() => pendingMigrations(unknown, plan)).toThrow(DbMigrationError);
    }
  });
});

describe.each(ENGINES)('migrations on $engine', ({ engine, skipReason }) => {
  let database: TestDatabase;

  beforeEach(async (context) => {
    if (skipReason) context.skip(skipReason);
    database = await freshDatabase(engine);
  });
  afterEach(async () => database?.dispose());

  it('gives an empty database the baseline, and a second run applies nothing', async () => {
    const db = await createDb(database.url, { migrate: false });
    try {
      expect(await db.migrate()).toEqual({
        applied: [MIGRATION_PLAN.baseline.version, ...LATER],
        version: LATEST_VERSION,
      });
      expect(await db.migrate()).toEqual({ applied: [], version: LATEST_VERSION });
      const feed = await db.feeds.add({ url: 'https://m.example/rss' });
      expect(feed.id).toBeGreaterThan(0);
    } finally {
      await db.close();
    }
    const reopened = await createDb(database.url);
    expect((await reopened.stats()).feeds).toBe(1);
    await reopened.close();
  });

  it('one schema, three paths: the baseline, 0.1.0 upgraded, 0.2.0 upgraded (and main before the squash)', async () => {
    const baseline = await schemaAfter(engine, (db) => db.migrate());
    expect(baseline.length).toBeGreaterThan(100);
    const fromRelease = (release: keyof typeof RELEASED, applied: number[]) =>
      schemaAfter(engine, async (db, kysely) => {
        await applyHistory(kysely, engine, RELEASED[release]);
        expect((await db.migrate()).applied).toEqual(applied);
      });
    expect(await fromRelease('0.1.0', [30, 40, ...LATER])).toEqual(baseline);
    expect(await fromRelease('0.2.0', [40, ...LATER])).toEqual(baseline);
    const beforeSquash = await schemaAfter(engine, async (db, kysely) => {
      await applyHistory(kysely, engine, PRE_SQUASH);
      expect((await db.migrate()).applied).toEqual(LATER);
    });
    expect(beforeSquash).toEqual(baseline);
  });

  it('upgrades 0.1.0 to exactly 0.2.0', async () => {
    const released = await schemaAfter(engine, (_db, kysely) =>
      applyHistory(kysely, engine, RELEASED['0.2.0']),
    );
    const upgraded = await schemaAfter(engine, async (_db, kysely) => {
      await applyHistory(kysely, engine, RELEASED['0.1.0']);
      await upgradeFrom010(kysely, engine);
    });
    expect(upgraded).toEqual(released);
  });

  it('queues the last 72 hours of a 0.1.0 database for reclustering, once', async () => {
    await onEarlierDatabase(database.url, engine, RELEASED['0.1.0'], async (db, kysely) => {
      const now = Date.now();
      await sql`INSERT INTO feeds (id, url, host, next_poll_at, created_at) VALUES (1, 'https://o.example/', 'o.example', 0, 0)`.execute(
        kysely,
      );
      for (const [id, seen] of [
        [1, now - 100 * 3_600_000],
        [2, now - 3_600_000],
        [3, now - 60_000],
      ] as const) {
        await sql`INSERT INTO items (id, feed_id, key, title, first_seen_at, sort_at, input_hash)
          VALUES (${id}, 1, ${`k${id}`}, ${`Old item ${id}`}, ${seen}, ${seen}, 'h')`.execute(kysely);
      }
      expect((await db.migrate()).applied).toEqual([30, 40, ...LATER]);
      const queued = await db.clustering.queued(10);
      expect(queued.map((item) => [item.id, item.recluster])).toEqual([
        [2, true],
        [3, true],
      ]);
      expect((await db.migrate()).applied).toEqual([]);
    });
  });

  it("fills the unread counters of a 0.2.0 database from its items and its readers' states", async () => {
    await onEarlierDatabase(database.url, engine, RELEASED['0.2.0'], async (db, kysely) => {
      await sql`INSERT INTO feeds (id, url, host, next_poll_at, created_at) VALUES
        (1, 'https://a.example/', 'a.example', 0, 0), (2, 'https://b.example/', 'b.example', 0, 0)`.execute(
        kysely,
      );
      for (const [id, feed] of [
        [1, 1],
        [2, 1],
        [3, 1],
        [4, 2],
      ] as const) {
        await sql`INSERT INTO items (id, feed_id, key, title, first_seen_at, sort_at, input_hash)
          VALUES (${id}, ${feed}, ${`k${id}`}, ${`Item ${id}`}, 0, ${id * 10}, 'h')`.execute(kysely);
      }
      await sql`INSERT INTO users (id, name, name_key, password_hash, role, created_at)
        VALUES (5, 'Ann', 'ann', 'x', 'reader', 0)`.execute(kysely);
      for (const [item, read] of [
        [1, 1],
        [2, 1],
        [3, 0],
        [4, 1],
      ] as const) {
        await sql`INSERT INTO item_states (user_id, item_id, read, starred, updated_at)
          VALUES (5, ${item}, ${read}, 0, 0)`.execute(kysely);
      }
      expect((await db.migrate()).applied).toEqual([40, ...LATER]);
      const counts = await db.itemStates.unreadCounts(5);
      expect(counts.map((c) => [c.feedId, c.count, c.newest])).toEqual([[1, 1, 30]]);
      // The counters stay exact from here: reading the last unread item clears its feed.
      await db.itemStates.mark(5, [3], { read: true });
      expect(await db.itemStates.unreadCounts(5)).toEqual([]);
    });
  });

  it('refuses a database left by a build between releases, and leaves it untouched', async () => {
    // 0.2.0 and the story members of a build after it, not yet the unread counters.
    const between = [...RELEASED['0.2.0'], 11];
    await onEarlierDatabase(database.url, engine, between, async (db, kysely) => {
      const before = await schemaSnapshot(kysely, engine);
      const error = await db.migrate().catch((e) => e);
      expect(error).toBeInstanceOf(DbMigrationError);
      expect(error.recorded).toEqual([...between].sort((a, b) => a - b));
      expect(error.message).toContain('1-11, 20-21, 30');
      expect(error.message).toContain('0.2.0 (1-10, 20-21, 30)');
      expect(await schemaSnapshot(kysely, engine)).toEqual(before);
      const { rows } = await sql<{ version: number }>`SELECT version FROM schema_migrations`.execute(kysely);
      expect(rows.map((row) => Number(row.version)).sort((a, b) => a - b)).toEqual(error.recorded);
    });
    await expect(createDb(database.url)).rejects.toBeInstanceOf(DbMigrationError);
  });

  it('two processes migrating at once: both succeed, the baseline applied once', async () => {
    const runs = await Promise.all(
      [1, 2].map(() => runScript('src/cli/migrate.ts', [], { DATABASE_URL: database.url })),
    );
    for (const run of runs) expect(run.code, run.stderr).toBe(0);
    const messages = runs.map((run) => run.stdout).sort();
    expect(messages[0]).toMatch(new RegExp(`applied ${MIGRATION_PLAN.baseline.version}\\b|nothing to apply`));
    expect(messages.filter((message) => message.includes('nothing to apply'))).toHaveLength(1);
    const db = await createDb(database.url);
    const { rows } = await sql<{ version: number }>`SELECT version FROM schema_migrations`.execute(
      db.context.kysely,
    );
    expect(rows.map((row) => Number(row.version))).toEqual([MIGRATION_PLAN.baseline.version, ...LATER]);
    await db.close();
  });

  it('refuses a database migrated by newer code', async () => {
    const db = await createDb(database.url);
    await sql`INSERT INTO schema_migrations (version, name, applied_at) VALUES (${LATEST_VERSION + 1}, 'future', 0)`.execute(
      db.context.kysely,
    );
    await db.close();
    const error = await createDb(database.url).catch((e) => e);
    expect(error).toBeInstanceOf(DbMigrationError);
    expect(error.message).toContain('newer than this build knows');
  });
});

describe('the upgrade from 0.1.0 on sqlite', () => {
  it('adds the ss spelling of the ß words to the prefix vocabulary', async () => {
    const database = await freshDatabase('sqlite');
    await onEarlierDatabase(database.url, 'sqlite', RELEASED['0.1.0'], async (_db, kysely) => {
      await sql`INSERT INTO search_terms (term) VALUES ('straße'), ('weg')`.execute(kysely);
      await upgradeFrom010(kysely, 'sqlite');
      const { rows } = await sql<{ term: string }>`SELECT term FROM search_terms ORDER BY term`.execute(
        kysely,
      );
      expect(rows.map((row) => row.term)).toEqual(['strasse', 'straße', 'weg']);
    }).finally(() => database.dispose());
  });
});

describe('connection failures become DbConnectionError', () => {
  it('a SQLite path that cannot be opened', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nf-db-bad-'));
    try {
      // The path is a directory: SQLite cannot open it as a database file.
      await expect(createDb(`file:${dir}`)).rejects.toBeInstanceOf(DbConnectionError);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a PostgreSQL server that is not there', async () => {
    const error = await createDb('postgres://root@127.0.0.1:1/none', { connectTimeoutMs: 2000 }).catch(
      (e) => e,
    );
    expect(error).toBeInstanceOf(DbConnectionError);
    expect(error.code).toBe('CONNECTION_FAILED');
    expect(error.cause).toBeTruthy();
  });

  it.skipIf(Boolean(ENGINES[1]!.skipReason))(
    'a PostgreSQL connection killed under a running pool',
    async () => {
      const database = await freshDatabase('postgres');
      const db = await createDb(database.url, { poolSize: 1, onBackgroundError: () => undefined });
      try {
        // Kill the server process behind a connection in use, then use it: the driver's error must map.
        const lost = await db.context.kysely
          .connection()
          .execute(async (connection) => {
            const { rows } = await sql<{ pid: number }>`SELECT pg_backend_pid() AS pid`.execute(connection);
            const admin = new pg.Client({ connectionString: database.url });
            await admin.connect();
            await admin.query('SELECT pg_terminate_backend($1)', [rows[0]!.pid]);
            await admin.end();
            await sql`SELECT 1`.execute(connection);
          })
          .catch((error) => toDbError(error, 'feeds.get (feed 1)'));
        expect(lost).toBeInstanceOf(DbConnectionError);
        expect((lost as DbConnectionError).message).toContain('feeds.get (feed 1)');
        // The pool recovers with a new connection.
        expect(await db.feeds.get(1)).toBeNull();
      } finally {
        await db.close();
        await database.dispose();
      }
    },
  );

  it.skipIf(Boolean(ENGINES[1]!.skipReason))(
    'a PostgreSQL connection killed while a query runs on it: that query fails, the next one gets a new connection',
    async () => {
      const database = await freshDatabase('postgres');
      const db = await createDb(database.url, { poolSize: 1, onBackgroundError: () => undefined });
      const admin = new pg.Client({ connectionString: database.url });
      await admin.connect();
      let terminated: Promise<unknown> = Promise.resolve();
      try {
        // The server's FATAL answer reaches the running query before the socket's close is read: the
        // connection is released, and the next query takes it, at once (the race a loaded machine hits).
        const lost = await db.context.kysely
          .connection()
          .execute(async (connection) => {
            const { rows } = await sql<{ pid: number }>`SELECT pg_backend_pid() AS pid`.execute(connection);
            const running = sql`SELECT pg_sleep(30)`.execute(connection);
            terminated = admin.query('SELECT pg_terminate_backend($1)', [rows[0]!.pid]);
            await running;
          })
          .catch((error) => toDbError(error, 'feeds.get (feed 1)'));
        expect(lost).toBeInstanceOf(DbConnectionError);
        expect(await db.feeds.get(1)).toBeNull();
      } finally {
        await terminated;
        await admin.end();
        await db.close();
        await database.dispose();
      }
    },
  );
});
