import type BetterSqlite3 from 'better-sqlite3';
import type { CompiledQuery, DatabaseConnection, Driver, QueryResult } from 'kysely';
import { SqliteDialect } from 'kysely';

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

/** The driver's single connection, retrying SQLITE_BUSY outside a transaction until `busyTimeoutMs` has passed. */
class BusyRetryingConnection implements DatabaseConnection {
  constructor(
    private readonly inner: DatabaseConnection,
    private readonly database: BetterSqlite3.Database,
    private readonly busyTimeoutMs: number,
  ) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const deadline = performance.now() + this.busyTimeoutMs;
    for (;;) {
      try {
        return await this.inner.executeQuery<R>(query);
      } catch (error) {
        if (!isBusy(error) || this.database.inTransaction || performance.now() >= deadline) throw error;
      }
      await pause();
    }
  }

  streamQuery<R>(query: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
    return this.inner.streamQuery<R>(query, chunkSize);
  }
}

/** Kysely's SQLite dialect whose connection retries SQLITE_BUSY as described above. */
export class BusyRetryingSqliteDialect extends SqliteDialect {
  constructor(
    private readonly database: BetterSqlite3.Database,
    private readonly busyTimeoutMs: number,
  ) {
    super({ database });
  }

  override createDriver(): Driver {
    const driver = super.createDriver();
    const wrapped = new WeakMap<DatabaseConnection, BusyRetryingConnection>();
    return new Proxy(driver, {
      get: (target, property) => {
        const value = Reflect.get(target, property);
        // The driver's methods use its private fields: they must run on the driver itself.
        if (property !== 'acquireConnection') return typeof value === 'function' ? value.bind(target) : value;
        return async () => {
          const connection = await target.acquireConnection();
          let retrying = wrapped.get(connection);
          if (!retrying) {
            retrying = new BusyRetryingConnection(connection, this.database, this.busyTimeoutMs);
            wrapped.set(connection, retrying);
          }
          return retrying;
        };
      },
    });
  }
}
