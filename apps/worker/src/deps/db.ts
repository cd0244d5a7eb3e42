import { createDb, type NewsfeedDb } from '@newsfeed/db';

export interface OpenDbOptions {
  /** SQLite page cache in MiB (ignored for PostgreSQL). */
  sqliteCacheMib?: number;
  /** PostgreSQL connections in the pool (ignored for SQLite). */
  postgresPoolSize?: number;
  /** PostgreSQL: ingest commits without waiting for the log flush (ignored for SQLite). */
  postgresAsyncCommit?: boolean;
}

/** Opens (and migrates) the database DATABASE_URL names. */
export async function openDb(url: string, options: OpenDbOptions = {}): Promise<NewsfeedDb> {
  return createDb(url, {
    ...(options.sqliteCacheMib === undefined ? {} : { cacheSizeKib: options.sqliteCacheMib * 1024 }),
    ...(options.postgresPoolSize === undefined ? {} : { poolSize: options.postgresPoolSize }),
    ...(options.postgresAsyncCommit === undefined ? {} : { asyncIngestCommit: options.postgresAsyncCommit }),
  });
}
