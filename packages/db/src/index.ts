export { type CreateDbOptions, createDb, type NewsfeedDb } from './create-db.js';
export type { MaintenanceApi } from './engines/maintenance.js';
export { createPostgresDatabase, dropPostgresDatabase } from './engines/postgres/postgres-admin.js';
export type { ChangeMarker, ChangesApi } from './entities/changes.js';
export { DEFAULT_LEASE_SECONDS, DEFAULT_POLL_INTERVAL_SECONDS } from './entities/feeds.js';
export type { UpsertOptions } from './entities/items.js';
export type { RetentionOptions, RetentionResult } from './entities/retention.js';
export {
  DbBusyError,
  DbConnectionError,
  DbConstraintError,
  DbCursorError,
  DbError,
  type DbErrorCode,
  DbInputError,
  DbLeaseLostError,
  DbMigrationError,
  DbNotFoundError,
} from './errors.js';
export type { MigrationResult } from './migrate.js';
export {
  ITEM_STATE_BATCH_SIZE,
  type ItemState,
  type ItemStatesApi,
  MAX_STREAM_PAGE_SIZE,
  type StateChange,
  type StreamFilter,
  type StreamItem,
  type StreamRequest,
  type UnreadCount,
} from './readers/item-states.js';
export {
  DEFAULT_SCRYPT_PARAMS,
  hashPassword,
  type ScryptParams,
  verifyPassword,
} from './readers/password-hash.js';
export type { NewSession, Session, SessionsApi } from './readers/sessions.js';
export {
  accountProblem,
  MAX_USER_NAME_LENGTH,
  MIN_PASSWORD_LENGTH,
  type User,
  type UserRole,
  type UsersApi,
  userNameKey,
} from './readers/users.js';
export { MAX_QUERY_LENGTH, MAX_QUERY_TERMS, parseSearchQuery, type SearchTerm } from './search/query.js';
export {
  type DatabaseLocation,
  DatabaseUrlError,
  DEFAULT_DATABASE_URL,
  describeDatabase,
  parseDatabaseUrl,
  projectRoot,
} from './sql/database-url.js';
export { CLUSTER_LEASE, DEFAULT_CLUSTER_TEXT_CHARS } from './stories/cluster-store.js';
export { SCORE_SECONDS_PER_SOURCE_DOUBLING, storyScore } from './stories/score.js';
export * from './types.js';
