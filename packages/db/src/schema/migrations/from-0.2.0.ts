import {
  CHANGE_COUNTERS_SEED,
  COUNTER_BACKFILL,
  counterTables,
  STORY_MEMBERS_INDEX,
  UNREAD_STATE_ROWS,
} from './both-engines.js';
import type { Migration } from './migration.js';
import * as postgres from './postgres-schema.js';
import { NEWEST_MATCHES, SEARCH_INDEX } from './postgres-search.js';
import { COUNTER_TRIGGERS, STATE_ROW_TRIGGERS } from './postgres-triggers.js';
import * as sqlite from './sqlite-schema.js';

// A database of 0.2.0 gets the current schema: story membership in its own table (copied from
// items.story_id), clusterer warnings, unread counters filled from what is stored (item states gain
// their item's feed), change counters, and each engine's search idiom (SQLite: prefixes from FTS5's
// vocabulary; PostgreSQL: no word-pair index, the word index by id, btree_gin).

const COPY_MEMBERS = `INSERT INTO story_members (item_id, story_id)
    SELECT id, story_id FROM items WHERE story_id IS NOT NULL`;

export const from020: Migration = {
  version: 40,
  name: 'upgrade 0.2.0',
  sqlite: [
    sqlite.STORY_MEMBERS,
    COPY_MEMBERS,
    STORY_MEMBERS_INDEX,
    `DROP INDEX items_story`,
    `ALTER TABLE items DROP COLUMN story_id`,
    sqlite.CLUSTER_WARNINGS,
    // SQLite adds no NOT NULL column without a default: item_states is rebuilt with its feed.
    `ALTER TABLE item_states RENAME TO item_states_before`,
    sqlite.ITEM_STATES,
    `INSERT INTO item_states (user_id, item_id, feed_id, read, starred, updated_at)
      SELECT s.user_id, s.item_id, items.feed_id, s.read, s.starred, s.updated_at
      FROM item_states_before s JOIN items ON items.id = s.item_id`,
    `DROP TABLE item_states_before`,
    ...sqlite.ITEM_STATES_INDEXES,
    UNREAD_STATE_ROWS,
    ...counterTables('INTEGER'),
    ...COUNTER_BACKFILL,
    ...sqlite.UNREAD_COUNTER_TRIGGERS,
    `DROP TABLE search_terms`,
    sqlite.FULL_TEXT_WORDS,
    sqlite.CHANGE_COUNTERS,
    CHANGE_COUNTERS_SEED,
  ],
  postgres: [
    postgres.STORY_MEMBERS,
    COPY_MEMBERS,
    STORY_MEMBERS_INDEX,
    `ALTER TABLE items DROP COLUMN story_id`,
    postgres.CLUSTER_WARNINGS,
    `ALTER TABLE item_states ADD COLUMN feed_id BIGINT`,
    `UPDATE item_states SET feed_id = items.feed_id FROM items WHERE items.id = item_states.item_id`,
    `ALTER TABLE item_states ALTER COLUMN feed_id SET NOT NULL,
      DROP CONSTRAINT item_states_item_id_fkey, DROP CONSTRAINT item_states_user_id_fkey`,
    UNREAD_STATE_ROWS,
    ...counterTables('BIGINT'),
    ...COUNTER_BACKFILL,
    ...COUNTER_TRIGGERS,
    ...STATE_ROW_TRIGGERS,
    `DROP INDEX items_search_pairs`,
    `DROP FUNCTION nf_word_pairs(tsvector)`,
    `DROP INDEX items_search`,
    ...SEARCH_INDEX,
    NEWEST_MATCHES,
    postgres.CHANGE_COUNTERS,
    CHANGE_COUNTERS_SEED,
  ],
};
