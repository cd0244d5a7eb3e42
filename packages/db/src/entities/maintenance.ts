import { existsSync } from 'node:fs';
import { sql } from 'kysely';
import { DbInputError } from '../errors.js';
import type { DbContext } from '../sql/context.js';

export interface MaintenanceApi {
  /** Refreshes the query planner's statistics: run after a bulk load (SQLite PRAGMA optimize, PostgreSQL ANALYZE). */
  optimize(): Promise<void>;
  /** The database's size on disk in bytes (SQLite: the main file's pages; PostgreSQL: pg_database_size). */
  sizeBytes(): Promise<number>;
  /**
   * SQLite: writes a consistent copy of the whole database to `path` while other connections go on
   * reading and writing. PostgreSQL has its own tool for this (pg_dump): DbInputError.
   */
  backupTo(path: string): Promise<void>;
}

export function createMaintenanceApi(ctx: DbContext): MaintenanceApi {
  return {
    async optimize() {
      // 0x10002: analyze every table that needs it, even on a connection that has run no queries yet.
      await sql.raw(ctx.engine === 'sqlite' ? 'PRAGMA optimize = 0x10002' : 'ANALYZE').execute(ctx.kysely);
    },
    async sizeBytes() {
      const query =
        ctx.engine === 'sqlite'
          ? sql<{
              size: number;
            }>`SELECT page_count * page_size AS size FROM pragma_page_count(), pragma_page_size()`
          : sql<{ size: number }>`SELECT pg_database_size(current_database()) AS size`;
      const { rows } = await query.execute(ctx.kysely);
      return Number(rows[0]?.size ?? 0);
    },
    async backupTo(path) {
      if (ctx.engine !== 'sqlite')
        throw new DbInputError('backupTo: PostgreSQL databases are backed up with pg_dump');
      if (existsSync(path)) throw new DbInputError(`backupTo: ${path} already exists`);
      // VACUUM INTO copies one read transaction's snapshot, so a writer in another process never makes
      // it start over (the page-by-page backup API restarts on every foreign write).
      await sql`VACUUM INTO ${path}`.execute(ctx.kysely);
    },
  };
}
