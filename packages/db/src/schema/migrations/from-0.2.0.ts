import type { Migration } from './migration.js';
import { POSTGRES_TABLES } from './postgres-schema.js';
import { NEWEST_MATCHES, SEARCH_INDEX } from './postgres-search.js';
import { COUNTER_TRIGGERS, STATE_ROW_TRIGGERS } from './postgres-triggers.js';
import { FULL_TEXT_WORDS, ITEM_STATES, SQLITE_TABLES, UNREAD_COUNTER_TRIGGERS } from './sqlite-schema.js';
import { COUNTER_BACKFILL, ITEM_STATES_INDEXES, STORY_MEMBERS_INDEX, UNREAD_STATE_ROWS } from './tables.js';

// A database of 0.2.0 gets the current schema: story membership in its own table (copied from
// items.story_id), clusterer warnings, unread counters filled from what is stored (item states gain
// their item's feed), change counters, and each engine's search idiom (SQLite: prefixes from FTS5's
// vocabulary; PostgreSQL: no word-pair index, the word index by id, btree_gin).

const COPY_MEMBERS = `INSERT INTO story_members (item_id, story_id)
    SELECT id, story_id FROM items WHERE story_id IS NOT NULL`;

export const from020: Migration = {
  version: 40,
  name: 'upgrade from 0.2.0',
  sqlite: [
    SQLITE_TABLES.storyMembers,
    COPY_MEMBERS,
    STORY_MEMBERS_INDEX,
    `DROP INDEX items_story`,
    `ALTER TABLE items DROP COLUMN story_id`,
    SQLITE_TABLES.clusterWarnings,
    // SQLite adds no NOT NULL column without a default: item_states is rebuilt with its feed.
    `ALTER TABLE item_states RENAME TO item_states_before`,
    ITEM_STATES,
    `INSERT INTO item_states (user_id, item_id, feed_id, read, starred, updated_at)
      SELECT s.user_id, s.item_id, items.feed_id, s.read, s.starred, s.updated_at
      FROM item_states_before s JOIN items ON items.id = s.item_id`,
    `DROP TABLE item_states_before`,
    ...ITEM_STATES_INDEXES,
    UNREAD_STATE_ROWS,
    ...SQLITE_TABLES.counters,
    ...COUNTER_BACKFILL,
    ...UNREAD_COUNTER_TRIGGERS,
    `DROP TABLE search_terms`,
    FULL_TEXT_WORDS,
    ...SQLITE_TABLES.changeCounters,
  ],
  postgres: [
    POSTGRES_TABLES.storyMembers,
    COPY_MEMBERS,
    STORY_MEMBERS_INDEX,
    `ALTER TABLE items DROP COLUMN story_id`,
    POSTGRES_TABLES.clusterWarnings,
    `ALTER TABLE item_states ADD COLUMN feed_id BIGINT`,
    `UPDATE item_states SET feed_id = items.feed_id FROM items WHERE items.id = item_states.item_id`,
    `ALTER TABLE item_states ALTER COLUMN feed_id SET NOT NULL,
      DROP CONSTRAINT item_states_item_id_fkey, DROP CONSTRAINT item_states_user_id_fkey`,
    UNREAD_STATE_ROWS,
    ...POSTGRES_TABLES.counters,
    ...COUNTER_BACKFILL,
    ...COUNTER_TRIGGERS,
    ...STATE_ROW_TRIGGERS,
    `DROP INDEX items_search_pairs`,
    `DROP FUNCTION nf_word_pairs(tsvector)`,
    `DROP INDEX items_search`,
    ...SEARCH_INDEX,
    NEWEST_MATCHES,
    ...POSTGRES_TABLES.changeCounters,
  ],
};
