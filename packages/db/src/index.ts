export type { ChangesApi } from './changes.js';
export { CLUSTER_LEASE, DEFAULT_CLUSTER_TEXT_CHARS } from './cluster-store.js';
export { type CreateDbOptions, createDb, type NewsfeedDb } from './create-db.js';
export {
  type DatabaseLocation,
  DatabaseUrlError,
  DEFAULT_DATABASE_URL,
  describeDatabase,
  parseDatabaseUrl,
  projectRoot,
} from './database-url.js';
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
export { DEFAULT_LEASE_SECONDS, DEFAULT_POLL_INTERVAL_SECONDS } from './feeds.js';
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
} from './item-states.js';
export type { UpsertOptions } from './items.js';
export type { MaintenanceApi } from './maintenance.js';
export type { MigrationResult } from './migrate.js';
export { DEFAULT_SCRYPT_PARAMS, hashPassword, type ScryptParams, verifyPassword } from './password-hash.js';
export { createPostgresDatabase, dropPostgresDatabase } from './postgres-admin.js';
export type { RetentionOptions, RetentionResult } from './retention.js';
export { SCORE_SECONDS_PER_SOURCE_DOUBLING, storyScore } from './score.js';
export { MAX_QUERY_LENGTH, MAX_QUERY_TERMS, parseSearchQuery, type SearchTerm } from './search-query.js';
export type { NewSession, Session, SessionsApi } from './sessions.js';
export type {
  SubscribeAllResult,
  SubscribeResult,
  SubscriptionsApi,
} from './subscriptions.js';
export * from './types.js';
export {
  accountProblem,
  MAX_USER_NAME_LENGTH,
  MIN_PASSWORD_LENGTH,
  type User,
  type UserRole,
  type UsersApi,
  userNameKey,
} from './users.js';
