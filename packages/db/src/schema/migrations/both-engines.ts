// Statements both engines share; `id` is the engine's integer type for ids and counts.

/** The clusterer's window reads items by first-seen time. */
export const ITEMS_FIRST_SEEN = `CREATE INDEX items_first_seen ON items (first_seen_at)`;

/** Members of a story in one range of the index; item_id makes it covering on PostgreSQL too. */
export const STORY_MEMBERS_INDEX = `CREATE INDEX story_members_story ON story_members (story_id, item_id)`;

/**
 * Mark-all-read sets read on the user's few state rows still unread among hundreds of thousands
 * read: this index holds only those.
 */
export const UNREAD_STATE_ROWS = `CREATE INDEX item_states_unread ON item_states (user_id, item_id) WHERE read = 0`;

/**
 * Unread counts without reading every item: unread = a feed's items − the items of it a user has
 * read, with the feed's newest sort time beside; triggers keep both tables exact.
 */
export const counterTables = (id: 'INTEGER' | 'BIGINT') => [
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
];

/** The counters filled from what a database made by an earlier version stores. */
export const COUNTER_BACKFILL = [
  `INSERT INTO feed_item_counts (feed_id, items, newest)
    SELECT feed_id, COUNT(*), MAX(sort_at) FROM items GROUP BY feed_id`,
  `INSERT INTO feed_read_counts (user_id, feed_id, read)
    SELECT user_id, feed_id, COUNT(*) FROM item_states WHERE read = 1 GROUP BY user_id, feed_id`,
];

/** Counters a caching reader compares to learn that another process changed what readers see. */
export const CHANGE_COUNTERS_SEED = `INSERT INTO change_counters (name, value) VALUES ('stories', 0)`;
