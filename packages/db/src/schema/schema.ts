import type { Generated } from 'kysely';

// Row shapes of the tables the query builder reads (the counters are read in SQL only). Times are epoch
// milliseconds, flags are 0/1 integers, lists are JSON text: the same on SQLite and PostgreSQL.

export interface FeedsTable {
  id: Generated<number>;
  url: string;
  host: string;
  title: string | null;
  site_url: string | null;
  icon_url: string | null;
  language: string | null;
  folder: string | null;
  etag: string | null;
  last_modified: string | null;
  next_poll_at: number;
  poll_interval_seconds: number;
  error_count: number;
  last_error: string | null;
  last_error_at: number | null;
  last_success_at: number | null;
  disabled: number;
  disabled_reason: string | null;
  identity_rule: string | null;
  lease_owner: string | null;
  lease_expires_at: number | null;
  created_at: number;
  claim_attempts: Generated<number>;
  crash_count: Generated<number>;
}

export interface ItemsTable {
  id: Generated<number>;
  feed_id: number;
  key: string;
  guid: string | null;
  url: string | null;
  canonical_url: string | null;
  title: string;
  summary: string | null;
  content_html: string | null;
  content_text: string | null;
  authors: string;
  categories: string;
  enclosures: string;
  published_at: number | null;
  updated_at: number | null;
  first_seen_at: number;
  /** The time the item is sorted and expired by: its publication time, never later than first seen. */
  sort_at: number;
  language: string | null;
  image_url: string | null;
  comments_url: string | null;
  wire: string | null;
  word_count: number;
  content_hash: string | null;
  simhash: string | null;
  /** Hash of every input field: an identical re-ingest is 'unchanged' without comparing columns. */
  input_hash: string;
}

export interface TombstonesTable {
  feed_id: number;
  key: string;
  deleted_at: number;
}

export interface StoriesTable {
  id: Generated<number>;
  title: string;
  summary: string | null;
  image_url: string | null;
  wire: string | null;
  language: string | null;
  lead_item_id: number;
  lead_url: string | null;
  lead_feed_id: number;
  item_count: number;
  source_count: number;
  first_seen_at: number;
  updated_at: number;
  published_at: number;
  score: number;
}

export interface PollsTable {
  id: Generated<number>;
  feed_id: number;
  started_at: number;
  duration_ms: number;
  http_status: number | null;
  bytes: number;
  items_new: number;
  items_updated: number;
  error: string | null;
}

export interface StoryMembersTable {
  item_id: number;
  story_id: number;
}

/** Named leases of singleton jobs (the clusterer); `generation` grows when the job must start over. */
export interface LeasesTable {
  name: string;
  holder: string | null;
  expires_at: number;
  generation: number;
}

export interface ClusterWarningsTable {
  id: Generated<number>;
  at: number;
  kind: string;
  message: string;
}

/** A story merged into another: its old id keeps working (the web redirects). */
export interface StoryRedirectsTable {
  old_id: number;
  new_id: number;
}

export interface SchemaMigrationsTable {
  version: number;
  name: string;
  applied_at: number;
}

export interface SessionsTable {
  id: string;
  user_id: number | null;
  created_at: number;
  expires_at: number;
}

export interface UsersTable {
  id: Generated<number>;
  name: string;
  name_key: string;
  password_hash: string;
  role: 'admin' | 'reader';
  created_at: number;
}

export interface ItemStatesTable {
  user_id: number;
  item_id: number;
  /** The item's feed, so the row says which read count to lower when it goes. */
  feed_id: number;
  read: number;
  starred: number;
  updated_at: number;
}

export interface Database {
  feeds: FeedsTable;
  items: ItemsTable;
  tombstones: TombstonesTable;
  stories: StoriesTable;
  story_members: StoryMembersTable;
  polls: PollsTable;
  sessions: SessionsTable;
  leases: LeasesTable;
  cluster_warnings: ClusterWarningsTable;
  story_redirects: StoryRedirectsTable;
  users: UsersTable;
  item_states: ItemStatesTable;
  schema_migrations: SchemaMigrationsTable;
}
