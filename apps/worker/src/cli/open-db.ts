import type { Db } from '@newsfeed/db';
import { openDb } from '../deps/db.js';
import type { WorkerConfig } from '../env.js';

/** The database alone, for the commands that neither fetch nor poll. */
export function openConfiguredDb(config: WorkerConfig): Promise<Db> {
  return openDb(config.DATABASE_URL, {
    sqliteCacheMib: config.WORKER_SQLITE_CACHE_MB,
    postgresPoolSize: config.WORKER_POSTGRES_POOL_SIZE,
    postgresAsyncCommit: config.WORKER_POSTGRES_ASYNC_COMMIT,
  });
}

/** Runs `use` with the database open and closes it afterwards, whatever `use` does. */
export async function withDb<T>(config: WorkerConfig, use: (db: Db) => Promise<T>): Promise<T> {
  const db = await openConfiguredDb(config);
  try {
    return await use(db);
  } finally {
    await db.close();
  }
}
