import type BetterSqlite3 from 'better-sqlite3';
import type { CompiledQuery, DatabaseConnection, Driver } from 'kysely';
import { SqliteDialect, SqliteDriver } from 'kysely';

// Waiting for another process's write lock: SQLite's busy handler sleeps inside the call, then polls
// every 100 ms and misses the gaps between writers. Instead a statement meeting SQLITE_BUSY outside a
// transaction (BEGIN IMMEDIATE, an autocommit statement) is retried after a short pause.

/** Longest pause between two tries to take the lock: short, to catch the gaps between other writers' transactions. */
export const BUSY_RETRY_MAX_PAUSE_MS = 4;

function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown })?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY');
}

const pause = () =>
  new Promise((resolve) => setTimeout(resolve, 1 + Math.random() * (BUSY_RETRY_MAX_PAUSE_MS - 1)));

/** Kysely's SQLite driver, its one connection retrying SQLITE_BUSY outside a transaction for `busyTimeoutMs`. */
class BusyRetryingDriver extends SqliteDriver {
  #retrying: DatabaseConnection | undefined;

  constructor(
    private readonly database: BetterSqlite3.Database,
    private readonly busyTimeoutMs: number,
  ) {
    super({ database });
  }

  override async acquireConnection(): Promise<DatabaseConnection> {
    const connection = await super.acquireConnection();
    this.#retrying ??= {
      executeQuery: async <R>(query: CompiledQuery) => {
        const deadline = performance.now() + this.busyTimeoutMs;
        for (;;) {
          try {
            return await connection.executeQuery<R>(query);
          } catch (error) {
            if (!isBusy(error) || this.database.inTransaction || performance.now() >= deadline) throw error;
          }
          await pause();
        }
      },
      streamQuery: (query, chunkSize) => connection.streamQuery(query, chunkSize),
    };
    return this.#retrying;
  }
}

export class BusyRetryingSqliteDialect extends SqliteDialect {
  constructor(
    private readonly database: BetterSqlite3.Database,
    private readonly busyTimeoutMs: number,
  ) {
    super({ database });
  }

  override createDriver(): Driver {
    return new BusyRetryingDriver(this.database, this.busyTimeoutMs);
  }
}
