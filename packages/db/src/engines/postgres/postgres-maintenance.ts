import { type Kysely, sql } from 'kysely';
import { DbInputError } from '../../errors.js';
import type { Database } from '../../schema/schema.js';
import type { MaintenanceApi } from '../maintenance.js';

export function createPostgresMaintenance(kysely: Kysely<Database>): MaintenanceApi {
  return {
    async optimize() {
      await sql`ANALYZE`.execute(kysely);
    },
    async sizeBytes() {
      const { rows } = await sql<{
        size: number;
      }>`SELECT pg_database_size(current_database()) AS size`.execute(kysely);
      return Number(rows[0]?.size ?? 0);
    },
    async settleSearchIndex() {
      await sql`SELECT gin_clean_pending_list('items_search'::regclass)`.execute(kysely);
    },
    async backupTo() {
      throw new DbInputError('backupTo: PostgreSQL databases are backed up with pg_dump');
    },
  };
}
