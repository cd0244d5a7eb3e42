import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { DbInputError } from '../../errors.js';
import type { Database } from '../../schema/schema.js';
import type { DbContext } from '../../sql/context.js';
import type { MaintenanceApi } from '../maintenance.js';

export interface PostgresSettings {
  /** PostgreSQL: connections in this process's pool. */
  poolSize: number;
  /** PostgreSQL: how long to wait for a connection before DbConnectionError (ms). */
  connectTimeoutMs: number;
  /** PostgreSQL: errors of idle pooled connections (e.g. the server restarted), never thrown. */
  onBackgroundError: (error: Error) => void;
}

export const DEFAULT_POSTGRES_SETTINGS: PostgresSettings = {
  poolSize: 10,
  connectTimeoutMs: 10_000,
  onBackgroundError: (error) => process.emitWarning(error),
};

const INT8_OID = 20;

export function openPostgres(
  connectionString: string,
  settings: PostgresSettings,
): { context: DbContext; maintenance: MaintenanceApi; close(): Promise<void> } {
  const pool = new pg.Pool({
    connectionString,
    max: settings.poolSize,
    connectionTimeoutMillis: settings.connectTimeoutMs,
    // Ids, times (epoch ms) and counts are BIGINT: all below 2^53, so they are plain numbers.
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === INT8_OID ? Number : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  pool.on('error', settings.onBackgroundError);
  // A connection dying while checked out emits 'error' on its client: unhandled, that crashes the process.
  pool.on('connect', (client) => {
    client.on('error', settings.onBackgroundError);
    // After a FATAL error (session terminated) the driver would pool the dead connection again.
    client.connection.on('errorMessage', (message: { severity?: string }) => {
      if (message.severity === 'FATAL' || message.severity === 'PANIC') client.end().catch(() => undefined);
    });
  });
  const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  const context: DbContext = {
    engine: 'postgres',
    kysely,
    transaction: (work) => kysely.transaction().execute(work),
  };
  const maintenance: MaintenanceApi = {
    async optimize() {
      await sql`ANALYZE`.execute(kysely);
    },
    async sizeBytes() {
      const { rows } = await sql<{ size: number }>`SELECT pg_database_size(current_database())
        AS size`.execute(kysely);
      return Number(rows[0]?.size ?? 0);
    },
    async settleSearchIndex() {
      await sql`SELECT gin_clean_pending_list('items_search'::regclass)`.execute(kysely);
    },
    async backupTo() {
      throw new DbInputError('backupTo: PostgreSQL databases are backed up with pg_dump');
    },
  };
  return { context, maintenance, close: () => kysely.destroy() };
}
