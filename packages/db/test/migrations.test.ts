import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDb } from '../src/create-db.js';
import { DbConnectionError, DbMigrationError } from '../src/errors.js';
import { MIGRATIONS } from '../src/schema/migrations/index.js';
import { toDbError } from '../src/sql/error-mapping.js';
import { migrateThrough } from './helpers/earlier-schema.js';
import { runScript } from './helpers/run-script.js';
import { ENGINES, freshDatabase, type TestDatabase } from './helpers/test-db.js';

const LATEST = MIGRATIONS[MIGRATIONS.length - 1]!.version;

describe.each(ENGINES)('migrations on $engine', ({ engine, skipReason }) => {
  let database: TestDatabase;

  beforeEach(async (context) => {
    if (skipReason) context.skip(skipReason);
    database = await freshDatabase(engine);
  });
  afterEach(async () => database?.dispose());

  it('migrates an empty database, and a second run applies nothing', async () => {
    const db = await createDb(database.url, { migrate: false });
    try {
      expect(await db.migrate()).toEqual({ applied: MIGRATIONS.map((m) => m.version), version: LATEST });
      expect(await db.migrate()).toEqual({ applied: [], version: LATEST });
      const feed = await db.feeds.add({ url: 'https://m.example/rss' });
      expect(feed.id).toBeGreaterThan(0);
    } finally {
      await db.close();
    }
    const reopened = await createDb(database.url);
    expect((await reopened.stats()).feeds).toBe(1);
    await reopened.close();
  });

  it('queues the last 72 hours of a database made by an earlier version for reclustering, once', async () => {
    const db = await createDb(database.url, { migrate: false });
    try {
      const { kysely } = db.context;
      await migrateThrough(kysely, engine, 7);
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
      expect((await db.migrate()).applied).toContain(10);
      const queued = await db.clustering.queued(10);
      expect(queued.map((item) => [item.id, item.recluster])).toEqual([
        [2, true],
        [3, true],
      ]);
      expect((await db.migrate()).applied).toEqual([]);
    } finally {
      await db.close();
    }
  });

  it('two processes migrating at once: both succeed, each migration applied once', async () => {
    const runs = await Promise.all(
      [1, 2].map(() => runScript('src/cli/migrate.ts', [], { DATABASE_URL: database.url })),
    );
    for (const run of runs) expect(run.code, run.stderr).toBe(0);
    const messages = runs.map((run) => run.stdout).sort();
    expect(messages[0]).toMatch(/applied 1\b|nothing to apply/);
    expect(messages.filter((message) => message.includes('nothing to apply'))).toHaveLength(1);
    const db = await createDb(database.url);
    const { rows } = await sql<{ version: number }>`SELECT version FROM schema_migrations`.execute(
      db.context.kysely,
    );
    expect(rows.map((row) => Number(row.version))).toEqual(MIGRATIONS.map((m) => m.version));
    await db.close();
  });

  it('refuses a database migrated by newer code', async () => {
    const db = await createDb(database.url);
    await sql`INSERT INTO schema_migrations (version, name, applied_at) VALUES (${LATEST + 1}, 'future', 0)`.execute(
      db.context.kysely,
    );
    await db.close();
    await expect(createDb(database.url)).rejects.toBeInstanceOf(DbMigrationError);
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
