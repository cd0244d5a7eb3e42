import { type ColumnTypes, tables } from './tables.js';

// SQLite: the current tables in SQLite's types, and what only SQLite has: the FTS5 index and its
// queue, item states with their foreign keys, the counters' row triggers.

const TYPES: ColumnTypes = {
  id: 'INTEGER PRIMARY KEY',
  serial: 'INTEGER PRIMARY KEY',
  int: 'INTEGER',
  flag: 'INTEGER',
  real: 'REAL',
  keyed: ' WITHOUT ROWID',
  itemSearch: '',
};

export const SQLITE_TABLES = tables(TYPES);

// External content: the index holds no text of its own. New items wait in items_fts_queue and are
// indexed at the end of their write (ingest/full-text-queue.ts): an insert trigger made a segment per
// statement. Deletes and edits of indexed rows go through triggers.
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
