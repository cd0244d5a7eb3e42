import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, sql } from 'kysely';
import { DbConnectionError, DbInputError } from '../../errors.js';
import type { Database } from '../../schema/schema.js';
import type { DbContext } from '../../sql/context.js';
import type { MaintenanceApi } from '../maintenance.js';
import { BusyRetryingSqliteDialect } from './sqlite-busy.js';
import { createCheckpointer, FALLBACK_CHECKPOINT_PAGES } from './sqlite-checkpointer.js';

export interface SqliteSettings {
  /** SQLite: how long a write waits for another process's write lock before DbBusyError (ms). */
  busyTimeoutMs: number;
  /** SQLite: page cache per connection in KiB; it fills only with the pages the connection touches. */
  cacheSizeKib: number;
  /** SQLite: MiB of the file read through a memory map (0: none; better-sqlite3 caps it near 2 GiB). */
  mmapSizeMib: number;
  /** SQLite: how soon after a commit a thread checkpoints the write-ahead log, in ms (0: no thread). */
  checkpointIntervalMs: number;
  /** SQLite: a background checkpoint failed (the writer's own checkpoints still bound the log). */
  onBackgroundError: (error: Error) => void;
}

export const DEFAULT_SQLITE_SETTINGS: SqliteSettings = {
  busyTimeoutMs: 10_000,
  cacheSizeKib: 262_144,
  mmapSizeMib: 4_096,
  checkpointIntervalMs: 1_000,
  onBackgroundError: (error) => process.emitWarning(error),
};

const WAL_CHECKPOINT_PAGES = 10_000;

/** Prepared statements kept per connection: every distinct SQL text the layer issues fits. */
const STATEMENT_CACHE_SIZE = 256;

/**
 * Kysely's SQLite driver prepares every query anew, which costs more than running most of them: its
 * prepare() here reuses statements by SQL text (Kysely runs one query at a time on the connection).
 */
function withStatementCache(database: BetterSqlite3.Database): BetterSqlite3.Database {
  const cache = new Map<string, BetterSqlite3.Statement>();
  const prepare = database.prepare.bind(database);
  return new Proxy(database, {
    get(target, property, receiver) {
      if (property !== 'prepare') return Reflect.get(target, property, receiver);
      return (source: string) => {
        let statement = cache.get(source);
        if (statement) {
          cache.delete(source); // re-inserted below: the Map's order is the LRU order
        } else {
          statement = prepare(source);
          if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
        }
        cache.set(source, statement);
        return statement;
      };
    },
  });
}

export function openSqlite(
  path: string,
  settings: SqliteSettings,
): { context: DbContext; maintenance: MaintenanceApi; close(): Promise<void> } {
  let database: BetterSqlite3.Database;
  const checkpointer =
    path !== ':memory:' && settings.checkpointIntervalMs > 0
      ? createCheckpointer(path, settings.checkpointIntervalMs, (error) => {
          // Checkpoints go back into the commits, as without the thread.
          database.pragma(`wal_autocheckpoint = ${WAL_CHECKPOINT_PAGES}`);
          const message = `background checkpoints of ${path} stopped: ${error.message}`;
          settings.onBackgroundError(new DbConnectionError(message, { cause: error }));
        })
      : null;
  try {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    database = new BetterSqlite3(path, { timeout: settings.busyTimeoutMs });
    // WAL: readers never block the writer and other processes (web, more workers) can read at once.
    database.pragma('journal_mode = WAL');
    // NORMAL is durable across application crashes in WAL mode; only power loss can drop the last commits.
    database.pragma('synchronous = NORMAL');
    database.pragma('foreign_keys = ON');
    // Without the checkpoint thread, above SQLite's default so small writes rarely pay for a checkpoint.
    const autocheckpoint = checkpointer ? FALLBACK_CHECKPOINT_PAGES : WAL_CHECKPOINT_PAGES;
    database.pragma(`wal_autocheckpoint = ${autocheckpoint}`);
    database.pragma(`journal_size_limit = ${WAL_CHECKPOINT_PAGES * 4096}`);
    database.pragma(`cache_size = -${Math.trunc(settings.cacheSizeKib)}`);
    database.pragma(`mmap_size = ${Math.trunc(settings.mmapSizeMib) * 1024 * 1024}`);
    // From here on, in WAL mode, the dialect waits for the lock instead of SQLite (sqlite-busy.ts).
    // Without WAL (no shared memory) a COMMIT can meet SQLITE_BUSY too: SQLite's handler stays on.
    if (database.pragma('journal_mode', { simple: true }) === 'wal') database.pragma('busy_timeout = 0');
  } catch (error) {
    const message = `cannot open SQLite database ${path}: ${(error as Error).message}`;
    throw new DbConnectionError(message, { cause: error });
  }
  const kysely = new Kysely<Database>({
    dialect: new BusyRetryingSqliteDialect(withStatementCache(database), settings.busyTimeoutMs),
  });
  const context: DbContext = {
    engine: 'sqlite',
    kysely,
    // Kysely's driver lends its single connection under a mutex: no other query interleaves.
    transaction: (work) =>
      kysely.connection().execute(async (connection) => {
        await sql`BEGIN IMMEDIATE`.execute(connection);
        try {
          const result = await work(connection);
          await sql`COMMIT`.execute(connection);
          checkpointer?.committed();
          return result;
        } catch (error) {
          // SQLite may already have rolled back (e.g. on SQLITE_FULL); only do it if still open.
          if (database.inTransaction) await sql`ROLLBACK`.execute(connection);
          throw error;
        }
      }),
  };
  const maintenance: MaintenanceApi = {
    async optimize() {
      // 0x10002: analyze every table that needs it, even on a connection that has run no queries yet.
      await sql`PRAGMA optimize = 0x10002`.execute(kysely);
    },
    async sizeBytes() {
      const { rows } = await sql<{ size: number }>`SELECT page_count * page_size AS size
        FROM pragma_page_count(), pragma_page_size()`.execute(kysely);
      return Number(rows[0]?.size ?? 0);
    },
    async settleSearchIndex() {},
    async backupTo(copy) {
      if (existsSync(copy)) throw new DbInputError(`backupTo: ${copy} already exists`);
      // VACUUM INTO copies one read transaction's snapshot, so a writer in another process never makes
      // it start over (the page-by-page backup API restarts on every foreign write).
      await sql`VACUUM INTO ${copy}`.execute(kysely);
    },
  };
  return {
    context,
    maintenance,
    close: async () => {
      await checkpointer?.close();
      await kysely.destroy();
    },
  };
}
