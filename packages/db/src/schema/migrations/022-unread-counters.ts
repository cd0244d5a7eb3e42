import type { Migration } from './migration.js';

// Unread counts without reading every item: unread = a feed's items − the items of it a user has
// read, with the feed's newest sort time beside. Two small tables hold those numbers and triggers keep them, so every writer (ingest,
// retention, item removal, feed removal, edit-tag, mark-all-read, removing a user) keeps them
// exact in its own transaction. `item_states` gains the item's feed so a state row that disappears
// with its item still says which count to lower. SQLite fires row triggers; PostgreSQL runs one
// statement trigger per write over its transition table, taking the counter rows in key order so
// two writers never wait on each other in a cycle.

const SQLITE_TRIGGERS = [
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

/** A PL/pgSQL statement trigger function and its trigger on `table` for `event`. */
function postgresTrigger(
  name: string,
  table: string,
  event: string,
  transition: string,
  body: string,
): string[] {
  return [
    `CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      ${body}
      RETURN NULL;
    END $$`,
    `CREATE TRIGGER ${name} AFTER ${event} ON ${table} REFERENCING ${transition}
      FOR EACH STATEMENT EXECUTE FUNCTION ${name}()`,
  ];
}

const POSTGRES_TRIGGERS = [
  ...postgresTrigger(
    'nf_items_counted_insert',
    'items',
    'INSERT',
    'NEW TABLE AS added',
    `INSERT INTO feed_item_counts AS c (feed_id, items, newest)
        SELECT feed_id, COUNT(*), MAX(sort_at) FROM added GROUP BY feed_id ORDER BY feed_id
        ON CONFLICT (feed_id) DO UPDATE SET items = c.items + excluded.items,
          newest = GREATEST(c.newest, excluded.newest);`,
  ),
  ...postgresTrigger(
    'nf_items_counted_delete',
    'items',
    'DELETE',
    'OLD TABLE AS removed',
    `PERFORM 1 FROM feed_item_counts WHERE feed_id IN (SELECT feed_id FROM removed)
        ORDER BY feed_id FOR UPDATE;
      UPDATE feed_item_counts AS c SET items = c.items - d.n,
          newest = CASE WHEN d.latest >= c.newest
            THEN (SELECT MAX(sort_at) FROM items WHERE items.feed_id = c.feed_id) ELSE c.newest END
        FROM (SELECT feed_id, COUNT(*) AS n, MAX(sort_at) AS latest FROM removed GROUP BY feed_id) d
        WHERE c.feed_id = d.feed_id;`,
  ),
  // A row trigger: it fires only for the rare update that moves an item's sort time, where a
  // statement trigger would copy every updated item (clustering updates them all) into its tables.
  `CREATE FUNCTION nf_items_counted_resort() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      UPDATE feed_item_counts SET newest = (SELECT MAX(sort_at) FROM items WHERE feed_id = NEW.feed_id)
      WHERE feed_id = NEW.feed_id AND (newest < NEW.sort_at OR newest = OLD.sort_at);
      RETURN NULL;
    END $$`,
  `CREATE TRIGGER nf_items_counted_resort AFTER UPDATE OF sort_at ON items FOR EACH ROW
    WHEN (NEW.sort_at IS DISTINCT FROM OLD.sort_at) EXECUTE FUNCTION nf_items_counted_resort()`,
  ...postgresTrigger(
    'nf_item_states_read_insert',
    'item_states',
    'INSERT',
    'NEW TABLE AS added',
    `INSERT INTO feed_read_counts AS c (user_id, feed_id, read)
        SELECT user_id, feed_id, COUNT(*) FROM added WHERE read = 1
        GROUP BY user_id, feed_id ORDER BY user_id, feed_id
        ON CONFLICT (user_id, feed_id) DO UPDATE SET read = c.read + excluded.read;`,
  ),
  ...postgresTrigger(
    'nf_item_states_read_update',
    'item_states',
    'UPDATE',
    'OLD TABLE AS old_states NEW TABLE AS new_states',
    `INSERT INTO feed_read_counts AS c (user_id, feed_id, read)
        SELECT user_id, feed_id, SUM(delta) FROM (
          SELECT user_id, feed_id, read AS delta FROM new_states
          UNION ALL SELECT user_id, feed_id, -read FROM old_states
        ) changes GROUP BY user_id, feed_id HAVING SUM(delta) <> 0 ORDER BY user_id, feed_id
        ON CONFLICT (user_id, feed_id) DO UPDATE SET read = c.read + excluded.read;`,
  ),
  ...postgresTrigger(
    'nf_item_states_read_delete',
    'item_states',
    'DELETE',
    'OLD TABLE AS removed',
    `PERFORM 1 FROM feed_read_counts WHERE (user_id, feed_id) IN
          (SELECT user_id, feed_id FROM removed WHERE read = 1)
        ORDER BY user_id, feed_id FOR UPDATE;
      UPDATE feed_read_counts AS c SET read = c.read - d.n
        FROM (SELECT user_id, feed_id, COUNT(*) AS n FROM removed WHERE read = 1 GROUP BY user_id, feed_id) d
        WHERE c.user_id = d.user_id AND c.feed_id = d.feed_id;`,
  ),
];

/** The two counter tables, filled from what is stored; `id` is the engine's integer type. */
function counterTables(id: 'INTEGER' | 'BIGINT'): string[] {
  return [
    `CREATE TABLE feed_item_counts (
      feed_id ${id} PRIMARY KEY REFERENCES feeds (id) ON DELETE CASCADE,
      items ${id} NOT NULL,
      newest ${id}
    )`,
    `CREATE TABLE feed_read_counts (
      user_id ${id} NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      feed_id ${id} NOT NULL REFERENCES feeds (id) ON DELETE CASCADE,
      read ${id} NOT NULL,
      PRIMARY KEY (user_id, feed_id)
    )`,
    `INSERT INTO feed_item_counts (feed_id, items, newest)
      SELECT feed_id, COUNT(*), MAX(sort_at) FROM items GROUP BY feed_id`,
    `INSERT INTO feed_read_counts (user_id, feed_id, read)
      SELECT user_id, feed_id, COUNT(*) FROM item_states WHERE read = 1 GROUP BY user_id, feed_id`,
  ];
}

export const unreadCounters: Migration = {
  version: 22,
  name: 'per-feed item counts and per-user read counts for unread counts',
  sqlite: [
    `CREATE TABLE item_states_with_feed (
      user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      item_id INTEGER NOT NULL REFERENCES items (id) ON DELETE CASCADE,
      feed_id INTEGER NOT NULL,
      read INTEGER NOT NULL DEFAULT 0,
      starred INTEGER NOT NULL DEFAULT 0,
      updated_at INTEGER NOT NULL,
      PRIMARY KEY (user_id, item_id)
    )`,
    `INSERT INTO item_states_with_feed (user_id, item_id, feed_id, read, starred, updated_at)
      SELECT s.user_id, s.item_id, items.feed_id, s.read, s.starred, s.updated_at
      FROM item_states s JOIN items ON items.id = s.item_id`,
    `DROP TABLE item_states`,
    `ALTER TABLE item_states_with_feed RENAME TO item_states`,
    `CREATE INDEX item_states_item_id ON item_states (item_id)`,
    `CREATE INDEX item_states_starred ON item_states (item_id) WHERE starred = 1`,
    ...counterTables('INTEGER'),
    ...SQLITE_TRIGGERS,
  ],
  postgres: [
    `ALTER TABLE item_states ADD COLUMN feed_id BIGINT`,
    `UPDATE item_states SET feed_id = items.feed_id FROM items WHERE items.id = item_states.item_id`,
    `ALTER TABLE item_states ALTER COLUMN feed_id SET NOT NULL`,
    ...counterTables('BIGINT'),
    ...POSTGRES_TRIGGERS,
  ],
};
