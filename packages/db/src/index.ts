export * from './types.js';
export {
  DEFAULT_DATABASE_URL,
  DatabaseUrlError,
  parseDatabaseUrl,
  type DatabaseLocation,
} from './database-url.js';
export { createDb, type CreateDbOptions, type NewsfeedDb } from './create-db.js';
export {
  DbBusyError,
  DbConnectionError,
  DbConstraintError,
  DbCursorError,
  DbError,
  type DbErrorCode,
  DbInputError,
  DbMigrationError,
  DbNotFoundError,
} from './errors.js';
export { DEFAULT_LEASE_SECONDS, DEFAULT_POLL_INTERVAL_SECONDS } from './feeds.js';
export type { UpsertOptions } from './items.js';
export type { MaintenanceApi } from './maintenance.js';
export { createPostgresDatabase, dropPostgresDatabase } from './postgres-admin.js';
export type { MigrationResult } from './migrate.js';
export type { RetentionOptions, RetentionResult } from './retention.js';
export { MAX_QUERY_LENGTH, MAX_QUERY_TERMS, parseSearchQuery, type SearchTerm } from './search-query.js';
export { SCORE_SECONDS_PER_SOURCE_DOUBLING, storyScore } from './score.js';
export { MAX_TITLE_TERMS, simhashBands, titleTerms } from './signatures.js';
export { DEFAULT_CANDIDATE_LIMIT } from './stories.js';
