import { existsSync } from 'node:fs';
import { type Kysely, sql } from 'kysely';
import { DbInputError } from '../../errors.js';
import type { Database } from '../../schema/schema.js';
import type { MaintenanceApi } from '../maintenance.js';

export function createSqliteMaintenance(kysely: Kysely<Database>): MaintenanceApi {
  return {
    async optimize() {
      // 0x10002: analyze every table that needs it, even on a connection that has run no queries yet.
      await sql`PRAGMA optimize = 0x10002`.execute(kysely);
    },
    async sizeBytes() {
      const { rows } = await sql<{
        size: number;
      }>`SELECT page_count * page_size AS size FROM pragma_page_count(), pragma_page_size()`.execute(kysely);
      return Number(rows[0]?.size ?? 0);
    },
    async settleSearchIndex() {},
    async backupTo(path) {
      if (existsSync(path)) throw new DbInputError(`backupTo: ${path} already exists`);
      // VACUUM INTO copies one read transaction's snapshot, so a writer in another process never makes
      // it start over (the page-by-page backup API restarts on every foreign write).
      await sql`VACUUM INTO ${path}`.execute(kysely);
    },
  };
}
