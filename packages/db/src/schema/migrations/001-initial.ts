import type { Migration } from './migration.js';

// The first schema. Both engines get the same tables and columns; only types, identity columns and
// full-text search differ (FTS5 external-content table kept in sync by triggers on SQLite, a generated
// tsvector column with a GIN index on PostgreSQL).

const SQLITE = [
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
    created_at INTEGER NOT NULL
  )`,
  `CREATE INDEX feeds_due ON feeds (next_poll_at, id) WHERE disabled = 0`,
  `CREATE INDEX feeds_folder ON feeds (folder) WHERE folder IS NOT NULL`,
  `CREATE TABLE stories (
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL, summary TEXT, image_url TEXT, wire TEXT, language TEXT,
    lead_item_id INTEGER NOT NULL, lead_url TEXT, lead_feed_id INTEGER NOT NULL,
    item_count INTEGER NOT NULL, source_count INTEGER NOT NULL,
    first_seen_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, published_at INTEGER NOT NULL,
    score REAL NOT NULL
  )`,
  `CREATE INDEX stories_score ON stories (score DESC, id DESC)`,
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
    band0 INTEGER, band1 INTEGER, band2 INTEGER, band3 INTEGER,
    input_hash TEXT NOT NULL,
    story_id INTEGER REFERENCES stories (id) ON DELETE SET NULL,
    UNIQUE (feed_id, key)
  )`,
  `CREATE INDEX items_feed_sort ON items (feed_id, sort_at DESC, id DESC)`,
  `CREATE INDEX items_story ON items (story_id, sort_at)`,
  `CREATE INDEX items_sort ON items (sort_at)`,
  `CREATE INDEX items_band0 ON items (band0, first_seen_at) WHERE band0 IS NOT NULL`,
  `CREATE INDEX items_band1 ON items (band1, first_seen_at) WHERE band1 IS NOT NULL`,
  `CREATE INDEX items_band2 ON items (band2, first_seen_at) WHERE band2 IS NOT NULL`,
  `CREATE INDEX items_band3 ON items (band3, first_seen_at) WHERE band3 IS NOT NULL`,
  `CREATE TABLE item_terms (
    term TEXT NOT NULL,
    first_seen_at INTEGER NOT NULL,
    item_id INTEGER NOT NULL REFERENCES items (id) ON DELETE CASCADE,
    PRIMARY KEY (term, first_seen_at, item_id)
  ) WITHOUT ROWID`,
  `CREATE INDEX item_terms_item ON item_terms (item_id)`,
  `CREATE TABLE tombstones (
    feed_id INTEGER NOT NULL REFERENCES feeds (id) ON DELETE CASCADE,
    key TEXT NOT NULL,
    deleted_at INTEGER NOT NULL,
    PRIMARY KEY (feed_id, key)
  ) WITHOUT ROWID`,
  `CREATE INDEX tombstones_deleted ON tombstones (deleted_at)`,
  `CREATE TABLE polls (
    id INTEGER PRIMARY KEY,
    feed_id INTEGER NOT NULL REFERENCES feeds (id) ON DELETE CASCADE,
    started_at INTEGER NOT NULL, duration_ms INTEGER NOT NULL, http_status INTEGER, bytes INTEGER NOT NULL,
    items_new INTEGER NOT NULL, items_updated INTEGER NOT NULL, error TEXT
  )`,
  `CREATE INDEX polls_feed ON polls (feed_id, started_at DESC, id DESC)`,
  `CREATE INDEX polls_started ON polls (started_at)`,
  `CREATE INDEX polls_errors ON polls (started_at DESC, id DESC) WHERE error IS NOT NULL`,
  // External content: the index only, the text stays in items. remove_diacritics folds é to e.
  `CREATE VIRTUAL TABLE items_fts USING fts5(
    title, content_text, content = 'items', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
  )`,
  // Title matches weigh ten times body matches.
  `INSERT INTO items_fts (items_fts, rank) VALUES ('rank', 'bm25(10.0, 1.0)')`,
  `CREATE TRIGGER items_fts_insert AFTER INSERT ON items BEGIN
    INSERT INTO items_fts (rowid, title, content_text) VALUES (new.id, new.title, new.content_text);
  END`,
  `CREATE TRIGGER items_fts_delete AFTER DELETE ON items BEGIN
    INSERT INTO items_fts (items_fts, rowid, title, content_text) VALUES ('delete', old.id, old.title, old.content_text);
  END`,
  `CREATE TRIGGER items_fts_update AFTER UPDATE OF title, content_text ON items BEGIN
    INSERT INTO items_fts (items_fts, rowid, title, content_text) VALUES ('delete', old.id, old.title, old.content_text);
    INSERT INTO items_fts (rowid, title, content_text) VALUES (new.id, new.title, new.content_text);
  END`,
];

const POSTGRES = [
  `CREATE TABLE feeds (
    id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    url TEXT NOT NULL UNIQUE,
    host TEXT NOT NULL,
    title TEXT, site_url TEXT, icon_url TEXT, language TEXT, folder TEXT,
    etag TEXT, last_modified TEXT,
    next_poll_at BIGINT NOT NULL,
    poll_interval_seconds INTEGER NOT NULL DEFAULT 3600,
    error_count INTEGER NOT NULL DEFAULT 0,
    last_error TEXT, last_error_at BIGINT, last_success_at BIGINT,
    disabled SMALLINT NOT NULL DEFAULT 0, disabled_reason TEXT,
    identity_rule TEXT,
    lease_owner TEXT, lease_expires_at BIGINT,
    created_at BIGINT NOT NULL
  )`,
  `CREATE INDEX feeds_due ON feeds (next_poll_at, id) WHERE disabled = 0`,
  `CREATE INDEX feeds_folder ON feeds (folder) WHERE folder IS NOT NULL`,
  `CREATE TABLE stories (
    id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    title TEXT NOT NULL, summary TEXT, image_url TEXT, wire TEXT, language TEXT,
    lead_item_id BIGINT NOT NULL, lead_url TEXT, lead_feed_id BIGINT NOT NULL,
    item_count INTEGER NOT NULL, source_count INTEGER NOT NULL,
    first_seen_at BIGINT NOT NULL, updated_at BIGINT NOT NULL, published_at BIGINT NOT NULL,
    score DOUBLE PRECISION NOT NULL
  )`,
  `CREATE INDEX stories_score ON stories (score DESC, id DESC)`,
  `CREATE TABLE items (
    id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    feed_id BIGINT NOT NULL REFERENCES feeds (id) ON DELETE CASCADE,
    key TEXT NOT NULL,
    guid TEXT, url TEXT, canonical_url TEXT,
    title TEXT NOT NULL, summary TEXT, content_html TEXT, content_text TEXT,
    authors TEXT NOT NULL DEFAULT '[]', categories TEXT NOT NULL DEFAULT '[]', enclosures TEXT NOT NULL DEFAULT '[]',
    published_at BIGINT, updated_at BIGINT, first_seen_at BIGINT NOT NULL, sort_at BIGINT NOT NULL,
    language TEXT, image_url TEXT, comments_url TEXT, wire TEXT, word_count INTEGER NOT NULL DEFAULT 0,
    content_hash TEXT, simhash TEXT,
    band0 INTEGER, band1 INTEGER, band2 INTEGER, band3 INTEGER,
    input_hash TEXT NOT NULL,
    story_id BIGINT REFERENCES stories (id) ON DELETE SET NULL,
    -- 'simple': no stemming or stop words, language-neutral like SQLite's unicode61 tokenizer.
    search_vector TSVECTOR GENERATED ALWAYS AS (
      setweight(to_tsvector('simple', title), 'A') ||
      setweight(to_tsvector('simple', left(coalesce(content_text, ''), 200000)), 'B')
    ) STORED,
    UNIQUE (feed_id, key)
  )`,
  `CREATE INDEX items_feed_sort ON items (feed_id, sort_at DESC, id DESC)`,
  `CREATE INDEX items_story ON items (story_id, sort_at)`,
  `CREATE INDEX items_sort ON items (sort_at)`,
  `CREATE INDEX items_band0 ON items (band0, first_seen_at) WHERE band0 IS NOT NULL`,
  `CREATE INDEX items_band1 ON items (band1, first_seen_at) WHERE band1 IS NOT NULL`,
  `CREATE INDEX items_band2 ON items (band2, first_seen_at) WHERE band2 IS NOT NULL`,
  `CREATE INDEX items_band3 ON items (band3, first_seen_at) WHERE band3 IS NOT NULL`,
  `CREATE INDEX items_search ON items USING GIN (search_vector)`,
  `CREATE TABLE item_terms (
    term TEXT NOT NULL,
    first_seen_at BIGINT NOT NULL,
    item_id BIGINT NOT NULL REFERENCES items (id) ON DELETE CASCADE,
    PRIMARY KEY (term, first_seen_at, item_id)
  )`,
  `CREATE INDEX item_terms_item ON item_terms (item_id)`,
  `CREATE TABLE tombstones (
    feed_id BIGINT NOT NULL REFERENCES feeds (id) ON DELETE CASCADE,
    key TEXT NOT NULL,
    deleted_at BIGINT NOT NULL,
    PRIMARY KEY (feed_id, key)
  )`,
  `CREATE INDEX tombstones_deleted ON tombstones (deleted_at)`,
  `CREATE TABLE polls (
    id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    feed_id BIGINT NOT NULL REFERENCES feeds (id) ON DELETE CASCADE,
    started_at BIGINT NOT NULL, duration_ms INTEGER NOT NULL, http_status INTEGER, bytes BIGINT NOT NULL,
    items_new INTEGER NOT NULL, items_updated INTEGER NOT NULL, error TEXT
  )`,
  `CREATE INDEX polls_feed ON polls (feed_id, started_at DESC, id DESC)`,
  `CREATE INDEX polls_started ON polls (started_at)`,
  `CREATE INDEX polls_errors ON polls (started_at DESC, id DESC) WHERE error IS NOT NULL`,
];

export const initialSchema: Migration = {
  version: 1,
  name: 'initial schema',
  sqlite: SQLITE,
  postgres: POSTGRES,
};
