// The current tables, written once for both engines in each engine's types (sqlite-schema.ts,
// postgres-schema.ts). The baseline creates them all; the upgrades the ones they lack.

export interface ColumnTypes {
  /** A row id the database assigns. */
  id: string;
  /** A row id from a sequence (PostgreSQL tables added after the first ones). */
  serial: string;
  /** Other rows' ids, times in ms, counts and sizes. */
  int: string;
  /** 0 or 1. */
  flag: string;
  real: string;
  /** After a table read only by its primary key. */
  keyed: string;
  /** The columns items add for search, each with a leading comma. */
  itemSearch: string;
}

export function tables(t: ColumnTypes) {
  return {
    feeds: [
      `CREATE TABLE feeds (
        id ${t.id},
        url TEXT NOT NULL UNIQUE,
        host TEXT NOT NULL,
        title TEXT, site_url TEXT, icon_url TEXT, language TEXT, folder TEXT,
        etag TEXT, last_modified TEXT,
        next_poll_at ${t.int} NOT NULL,
        poll_interval_seconds INTEGER NOT NULL DEFAULT 3600,
        error_count INTEGER NOT NULL DEFAULT 0,
        last_error TEXT, last_error_at ${t.int}, last_success_at ${t.int},
        disabled ${t.flag} NOT NULL DEFAULT 0, disabled_reason TEXT,
        identity_rule TEXT,
        lease_owner TEXT, lease_expires_at ${t.int},
        created_at ${t.int} NOT NULL,
        claim_attempts INTEGER NOT NULL DEFAULT 0,
        crash_count INTEGER NOT NULL DEFAULT 0
      )`,
      `CREATE INDEX feeds_due ON feeds (next_poll_at, id) WHERE disabled = 0`,
      `CREATE INDEX feeds_folder ON feeds (folder) WHERE folder IS NOT NULL`,
    ],
    stories: [
      `CREATE TABLE stories (
        id ${t.id},
        title TEXT NOT NULL, summary TEXT, image_url TEXT, wire TEXT, language TEXT,
        lead_item_id ${t.int} NOT NULL, lead_url TEXT, lead_feed_id ${t.int} NOT NULL,
        item_count INTEGER NOT NULL, source_count INTEGER NOT NULL,
        first_seen_at ${t.int} NOT NULL, updated_at ${t.int} NOT NULL, published_at ${t.int} NOT NULL,
        score ${t.real} NOT NULL
      )`,
      `CREATE INDEX stories_score ON stories (score DESC, id DESC)`,
    ],
    /** Where a merged story's id leads. */
    storyRedirects: [
      `CREATE TABLE story_redirects (old_id ${t.int} PRIMARY KEY, new_id ${t.int} NOT NULL)`,
      `CREATE INDEX story_redirects_new ON story_redirects (new_id)`,
    ],
    items: [
      `CREATE TABLE items (
        id ${t.id},
        feed_id ${t.int} NOT NULL REFERENCES feeds (id) ON DELETE CASCADE,
        key TEXT NOT NULL,
        guid TEXT, url TEXT, canonical_url TEXT,
        title TEXT NOT NULL, summary TEXT, content_html TEXT, content_text TEXT,
        authors TEXT NOT NULL DEFAULT '[]', categories TEXT NOT NULL DEFAULT '[]', enclosures TEXT NOT NULL DEFAULT '[]',
        published_at ${t.int}, updated_at ${t.int}, first_seen_at ${t.int} NOT NULL, sort_at ${t.int} NOT NULL,
        language TEXT, image_url TEXT, comments_url TEXT, wire TEXT, word_count INTEGER NOT NULL DEFAULT 0,
        content_hash TEXT, simhash TEXT,
        input_hash TEXT NOT NULL${t.itemSearch},
        UNIQUE (feed_id, key)
      )`,
      `CREATE INDEX items_feed_sort ON items (feed_id, sort_at DESC, id DESC)`,
      `CREATE INDEX items_sort ON items (sort_at)`,
      ITEMS_FIRST_SEEN,
      `CREATE TABLE tombstones (
        feed_id ${t.int} NOT NULL REFERENCES feeds (id) ON DELETE CASCADE,
        key TEXT NOT NULL,
        deleted_at ${t.int} NOT NULL,
        PRIMARY KEY (feed_id, key)
      )${t.keyed}`,
      `CREATE INDEX tombstones_deleted ON tombstones (deleted_at)`,
    ],
    polls: [
      `CREATE TABLE polls (
        id ${t.id},
        feed_id ${t.int} NOT NULL REFERENCES feeds (id) ON DELETE CASCADE,
        started_at ${t.int} NOT NULL, duration_ms INTEGER NOT NULL, http_status INTEGER, bytes ${t.int} NOT NULL,
        items_new INTEGER NOT NULL, items_updated INTEGER NOT NULL, error TEXT
      )`,
      `CREATE INDEX polls_feed ON polls (feed_id, started_at DESC, id DESC)`,
      `CREATE INDEX polls_started ON polls (started_at)`,
      `CREATE INDEX polls_errors ON polls (started_at DESC, id DESC) WHERE error IS NOT NULL`,
    ],
    /** The clusterer's queue of new and edited items, and its lease (one clusterer per database). */
    clustering: [
      `CREATE TABLE cluster_queue (
        item_id ${t.int} PRIMARY KEY REFERENCES items (id) ON DELETE CASCADE,
        version INTEGER NOT NULL DEFAULT 0,
        queued_at ${t.int} NOT NULL,
        recluster ${t.flag} NOT NULL DEFAULT 0
      )`,
      `CREATE TABLE leases (
        name TEXT PRIMARY KEY,
        holder TEXT,
        expires_at ${t.int} NOT NULL,
        generation ${t.int} NOT NULL DEFAULT 0
      )${t.keyed}`,
    ],
    /** One narrow row per clustered item: moving an item never rewrites its items row. */
    storyMembers: `CREATE TABLE story_members (
      item_id ${t.int} PRIMARY KEY REFERENCES items (id) ON DELETE CASCADE,
      story_id ${t.int} NOT NULL REFERENCES stories (id) ON DELETE CASCADE
    )`,
    clusterWarnings: `CREATE TABLE cluster_warnings (
      id ${t.serial},
      at ${t.int} NOT NULL,
      kind TEXT NOT NULL,
      message TEXT NOT NULL
    )`,
    /** `id` is a digest of the cookie's secret; `user_id` is null for the ADMIN_TOKEN holder. */
    sessions: [
      `CREATE TABLE sessions (
        id TEXT PRIMARY KEY,
        user_id ${t.int},
        created_at ${t.int} NOT NULL,
        expires_at ${t.int} NOT NULL
      )`,
      `CREATE INDEX sessions_expires_at ON sessions (expires_at)`,
      `CREATE INDEX sessions_user_id ON sessions (user_id)`,
    ],
    /** `name_key` is the name folded for comparison, so "Ann" and "ann" cannot both exist. */
    users: `CREATE TABLE users (
      id ${t.serial},
      name TEXT NOT NULL,
      name_key TEXT NOT NULL UNIQUE,
      password_hash TEXT NOT NULL,
      role TEXT NOT NULL CHECK (role IN ('admin', 'reader')),
      created_at ${t.int} NOT NULL
    )`,
    /** Unread counts without reading items: a feed's items − those a user has read, kept by triggers. */
    counters: [
      `CREATE TABLE feed_item_counts (
        feed_id ${t.int} PRIMARY KEY REFERENCES feeds (id) ON DELETE CASCADE,
        items ${t.int} NOT NULL,
        newest ${t.int}
      )`,
      `CREATE TABLE feed_read_counts (
        user_id ${t.int} NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        feed_id ${t.int} NOT NULL REFERENCES feeds (id) ON DELETE CASCADE,
        read ${t.int} NOT NULL,
        PRIMARY KEY (user_id, feed_id)
      )`,
    ],
    /** Counters a caching reader compares to learn that another process changed what readers see. */
    changeCounters: [
      `CREATE TABLE change_counters (name TEXT PRIMARY KEY, value ${t.int} NOT NULL)${t.keyed}`,
      `INSERT INTO change_counters (name, value) VALUES ('stories', 0)`,
    ],
  };
}

/** The clusterer's window reads items by first-seen time. */
export const ITEMS_FIRST_SEEN = `CREATE INDEX items_first_seen ON items (first_seen_at)`;

/** A story's members in one range; item_id makes it covering on PostgreSQL too. */
export const STORY_MEMBERS_INDEX = `CREATE INDEX story_members_story ON story_members (story_id, item_id)`;

/** The states of an item, and the saved ones (item_states differs by engine: the engine files). */
export const ITEM_STATES_INDEXES = [
  `CREATE INDEX item_states_item_id ON item_states (item_id)`,
  `CREATE INDEX item_states_starred ON item_states (item_id) WHERE starred = 1`,
];

/** Mark-all-read finds a user's few state rows still unread among hundreds of thousands read. */
export const UNREAD_STATE_ROWS = `CREATE INDEX item_states_unread ON item_states (user_id, item_id) WHERE read = 0`;

/** The unread counters filled from what a database made by an earlier version stores. */
export const COUNTER_BACKFILL = [
  `INSERT INTO feed_item_counts (feed_id, items, newest)
    SELECT feed_id, COUNT(*), MAX(sort_at) FROM items GROUP BY feed_id`,
  `INSERT INTO feed_read_counts (user_id, feed_id, read)
    SELECT user_id, feed_id, COUNT(*) FROM item_states WHERE read = 1 GROUP BY user_id, feed_id`,
];
