import { ITEMS_FIRST_SEEN } from './both-engines.js';

// SQLite: the current schema, table by table. The baseline creates all of it; the upgrades from
// released versions create the parts those versions lack, from the same statements.

export const FEEDS = [
  `CREATE TABLE feeds (
    id INTEGER PRIMARY KEY,
    url TEXT NOT NULL UNIQUE,
    host TEXT NOT NULL,
    title TEXT, site_url TEXT, icon_url TEXT, language TEXT, folder TEXT,
    etag TEXT, last_modified TEXT,
    next_poll_at INTEGER NOT NULL,
    poll_interval_seconds INTEGER NOT NULL DEFAULT 3600,
    error_count INTEGER NOT NULL DEFAULT 0,
    last_error TEXT, last_error_at INTEGER, last_success_at INTEGER,
    disabled INTEGER NOT NULL DEFAULT 0, disabled_reason TEXT,
    identity_rule TEXT,
    lease_owner TEXT, lease_expires_at INTEGER,
    created_at INTEGER NOT NULL,
    claim_attempts INTEGER NOT NULL DEFAULT 0,
    crash_count INTEGER NOT NULL DEFAULT 0
  )`,
  `CREATE INDEX feeds_due ON feeds (next_poll_at, id) WHERE disabled = 0`,
  `CREATE INDEX feeds_folder ON feeds (folder) WHERE folder IS NOT NULL`,
];

export const STORIES = [
  `CREATE TABLE stories (
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL, summary TEXT, image_url TEXT, wire TEXT, language TEXT,
    lead_item_id INTEGER NOT NULL, lead_url TEXT, lead_feed_id INTEGER NOT NULL,
    item_count INTEGER NOT NULL, source_count INTEGER NOT NULL,
    first_seen_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, published_at INTEGER NOT NULL,
    score REAL NOT NULL
  )`,
  `CREATE INDEX stories_score ON stories (score DESC, id DESC)`,
];

/** Where a merged story's id leads. */
export const STORY_REDIRECTS = [
  `CREATE TABLE story_redirects (old_id INTEGER PRIMARY KEY, new_id INTEGER NOT NULL)`,
  `CREATE INDEX story_redirects_new ON story_redirects (new_id)`,
];

export const ITEMS = [
  `CREATE TABLE items (
    id INTEGER PRIMARY KEY,
    feed_id INTEGER NOT NULL REFERENCES feeds (id) ON DELETE CASCADE,
    key TEXT NOT NULL,
    guid TEXT, url TEXT, canonical_url TEXT,
    title TEXT NOT NULL, summary TEXT, content_html TEXT, content_text TEXT,
    authors TEXT NOT NULL DEFAULT '[]', categories TEXT NOT NULL DEFAULT '[]', enclosures TEXT NOT NULL DEFAULT '[]',
    published_at INTEGER, updated_at INTEGER, first_seen_at INTEGER NOT NULL, sort_at INTEGER NOT NULL,
    language TEXT, image_url TEXT, comments_url TEXT, wire TEXT, word_count INTEGER NOT NULL DEFAULT 0,
    content_hash TEXT, simhash TEXT,
    input_hash TEXT NOT NULL,
    UNIQUE (feed_id, key)
  )`,
  `CREATE INDEX items_feed_sort ON items (feed_id, sort_at DESC, id DESC)`,
  `CREATE INDEX items_sort ON items (sort_at)`,
  ITEMS_FIRST_SEEN,
  `CREATE TABLE tombstones (
    feed_id INTEGER NOT NULL REFERENCES feeds (id) ON DELETE CASCADE,
    key TEXT NOT NULL,
    deleted_at INTEGER NOT NULL,
    PRIMARY KEY (feed_id, key)
  ) WITHOUT ROWID`,
  `CREATE INDEX tombstones_deleted ON tombstones (deleted_at)`,
];

export const POLLS = [
  `CREATE TABLE polls (
    id INTEGER PRIMARY KEY,
    feed_id INTEGER NOT NULL REFERENCES feeds (id) ON DELETE CASCADE,
    started_at INTEGER NOT NULL, duration_ms INTEGER NOT NULL, http_status INTEGER, bytes INTEGER NOT NULL,
    items_new INTEGER NOT NULL, items_updated INTEGER NOT NULL, error TEXT
  )`,
  `CREATE INDEX polls_feed ON polls (feed_id, started_at DESC, id DESC)`,
  `CREATE INDEX polls_started ON polls (started_at)`,
  `CREATE INDEX polls_errors ON polls (started_at DESC, id DESC) WHERE error IS NOT NULL`,
];

// External content: the index holds no text of its own. New items wait in items_fts_queue and are
// indexed once at the end of their write (ingest/full-text-queue.ts): FTS5 writes a segment per
// statement savepoint, so a trigger per insert made many small segments. Deletes and edits of rows
// already indexed go through triggers; a row still queued is only dropped from the queue.
export const FULL_TEXT = [
  `CREATE VIRTUAL TABLE items_fts USING fts5(
    title, content_text, content = 'items', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
  )`,
  // Title matches weigh ten times body matches.
  `INSERT INTO items_fts (items_fts, rank) VALUES ('rank', 'bm25(10.0, 1.0)')`,
  `CREATE TABLE items_fts_queue (id INTEGER PRIMARY KEY)`,
  `CREATE TRIGGER items_fts_insert AFTER INSERT ON items BEGIN
    INSERT OR IGNORE INTO items_fts_queue (id) VALUES (new.id);
  END`,
  `CREATE TRIGGER items_fts_delete AFTER DELETE ON items BEGIN
    INSERT INTO items_fts (items_fts, rowid, title, content_text)
      SELECT 'delete', old.id, old.title, old.content_text
      WHERE NOT EXISTS (SELECT 1 FROM items_fts_queue WHERE id = old.id);
    DELETE FROM items_fts_queue WHERE id = old.id;
  END`,
  `CREATE TRIGGER items_fts_update AFTER UPDATE OF title, content_text ON items
    WHEN NOT EXISTS (SELECT 1 FROM items_fts_queue WHERE id = old.id) BEGIN
    INSERT INTO items_fts (items_fts, rowid, title, content_text) VALUES ('delete', old.id, old.title, old.content_text);
    INSERT INTO items_fts (rowid, title, content_text) VALUES (new.id, new.title, new.content_text);
  END`,
];

/** A prefix's words are read from FTS5's own vocabulary (search/sqlite.ts). */
export const FULL_TEXT_WORDS = `CREATE VIRTUAL TABLE items_fts_words USING fts5vocab(items_fts, instance)`;

export const CLUSTERING = [
  `CREATE TABLE cluster_queue (
    item_id INTEGER PRIMARY KEY REFERENCES items (id) ON DELETE CASCADE,
    version INTEGER NOT NULL DEFAULT 0,
    queued_at INTEGER NOT NULL,
    recluster INTEGER NOT NULL DEFAULT 0
  )`,
  `CREATE TABLE leases (
    name TEXT PRIMARY KEY,
    holder TEXT,
    expires_at INTEGER NOT NULL,
    generation INTEGER NOT NULL DEFAULT 0
  ) WITHOUT ROWID`,
];

export const STORY_MEMBERS = `CREATE TABLE story_members (
    item_id INTEGER PRIMARY KEY REFERENCES items (id) ON DELETE CASCADE,
    story_id INTEGER NOT NULL REFERENCES stories (id) ON DELETE CASCADE
  )`;

export const CLUSTER_WARNINGS = `CREATE TABLE cluster_warnings (
    id INTEGER PRIMARY KEY,
    at INTEGER NOT NULL,
    kind TEXT NOT NULL,
    message TEXT NOT NULL
  )`;

export const SESSIONS = [
  `CREATE TABLE sessions (
    id TEXT PRIMARY KEY,
    user_id INTEGER,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
  )`,
  `CREATE INDEX sessions_expires_at ON sessions (expires_at)`,
  `CREATE INDEX sessions_user_id ON sessions (user_id)`,
];

export const USERS = `CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    name_key TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('admin', 'reader')),
    created_at INTEGER NOT NULL
  )`;

/** Read and saved state per user per item; `feed_id` says which read count to lower when it goes. */
export const ITEM_STATES = `CREATE TABLE item_states (
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    item_id INTEGER NOT NULL REFERENCES items (id) ON DELETE CASCADE,
    feed_id INTEGER NOT NULL,
    read INTEGER NOT NULL DEFAULT 0,
    starred INTEGER NOT NULL DEFAULT 0,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (user_id, item_id)
  )`;

export const ITEM_STATES_INDEXES = [
  `CREATE INDEX item_states_item_id ON item_states (item_id)`,
  `CREATE INDEX item_states_starred ON item_states (item_id) WHERE starred = 1`,
];

/** The counters of unread counts, kept by row triggers in every writer's transaction. */
export const UNREAD_COUNTER_TRIGGERS = [
  `CREATE TRIGGER items_counted_insert AFTER INSERT ON items BEGIN
    INSERT INTO feed_item_counts (feed_id, items, newest) VALUES (NEW.feed_id, 1, NEW.sort_at)
      ON CONFLICT (feed_id) DO UPDATE SET items = items + 1, newest = max(coalesce(newest, excluded.newest), excluded.newest);
  END`,
  // The newest time is looked up again (one index probe) only when the newest item goes.
  `CREATE TRIGGER items_counted_delete AFTER DELETE ON items BEGIN
    UPDATE feed_item_counts SET items = items - 1,
      newest = CASE WHEN newest <= OLD.sort_at
        THEN (SELECT MAX(sort_at) FROM items WHERE feed_id = OLD.feed_id) ELSE newest END
    WHERE feed_id = OLD.feed_id;
  END`,
  `CREATE TRIGGER items_counted_resort AFTER UPDATE OF sort_at ON items
    WHEN NEW.sort_at IS NOT OLD.sort_at BEGIN
    UPDATE feed_item_counts SET newest = (SELECT MAX(sort_at) FROM items WHERE feed_id = NEW.feed_id)
    WHERE feed_id = NEW.feed_id AND (newest < NEW.sort_at OR newest = OLD.sort_at);
  END`,
  `CREATE TRIGGER item_states_read_insert AFTER INSERT ON item_states WHEN NEW.read = 1 BEGIN
    INSERT INTO feed_read_counts (user_id, feed_id, read) VALUES (NEW.user_id, NEW.feed_id, 1)
      ON CONFLICT (user_id, feed_id) DO UPDATE SET read = read + 1;
  END`,
  `CREATE TRIGGER item_states_read_update AFTER UPDATE OF read ON item_states
    WHEN NEW.read <> OLD.read BEGIN
    INSERT INTO feed_read_counts (user_id, feed_id, read) VALUES (NEW.user_id, NEW.feed_id, NEW.read - OLD.read)
      ON CONFLICT (user_id, feed_id) DO UPDATE SET read = read + excluded.read;
  END`,
  `CREATE TRIGGER item_states_read_delete AFTER DELETE ON item_states WHEN OLD.read = 1 BEGIN
    UPDATE feed_read_counts SET read = read - 1 WHERE user_id = OLD.user_id AND feed_id = OLD.feed_id;
  END`,
];

export const CHANGE_COUNTERS = `CREATE TABLE change_counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID`;
