import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from '../../schema/schema.js';
import type { DbContext } from '../../sql/context.js';
import type { MaintenanceApi } from '../maintenance.js';
import { createPostgresMaintenance } from './postgres-maintenance.js';

export interface PostgresSettings {
  /** Connections in the pool (per process). */
  poolSize: number;
  /** How long to wait for a connection before failing with DbConnectionError. */
  connectTimeoutMs: number;
  /** Errors of idle pooled connections (e.g. the server restarted): reported here, never thrown. */
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
  // A connection that dies while checked out (between two queries of a transaction) emits 'error' on
  // its client, which nobody else listens to: unhandled, it would crash the process. The next query
  // on it fails and is reported as DbConnectionError.
  pool.on('connect', (client) => {
    client.on('error', settings.onBackgroundError);
    // A FATAL error ends the server's session (terminated by an administrator, server shutting down).
    // When it answers a running query, the driver fails that query but still counts the connection as
    // usable: released before the socket's close is read, it went back to the pool and failed the next
    // query too. Ended here, the pool drops it on release and the next query gets a new connection.
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
  return { context, maintenance: createPostgresMaintenance(kysely), close: () => kysely.destroy() };
}
