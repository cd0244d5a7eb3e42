import {
  CHANGE_COUNTERS_SEED,
  counterTables,
  STORY_MEMBERS_INDEX,
  UNREAD_STATE_ROWS,
} from './both-engines.js';
import type { Migration } from './migration.js';
import * as postgres from './postgres-schema.js';
import { NEWEST_MATCHES, SEARCH_FOLD, SEARCH_INDEX } from './postgres-search.js';
import { COUNTER_TRIGGERS, STATE_ROW_TRIGGERS } from './postgres-triggers.js';
import * as sqlite from './sqlite-schema.js';

// A new database gets the current schema at once, recorded as the version of the newest migration
// it stands for (the upgrades from released versions end there too); later migrations append.

export const baseline: Migration = {
  version: 40,
  name: 'baseline',
  sqlite: [
    ...sqlite.FEEDS,
    ...sqlite.STORIES,
    ...sqlite.STORY_REDIRECTS,
    ...sqlite.ITEMS,
    ...sqlite.POLLS,
    ...sqlite.FULL_TEXT,
    sqlite.FULL_TEXT_WORDS,
    ...sqlite.CLUSTERING,
    sqlite.STORY_MEMBERS,
    STORY_MEMBERS_INDEX,
    sqlite.CLUSTER_WARNINGS,
    ...sqlite.SESSIONS,
    sqlite.USERS,
    sqlite.ITEM_STATES,
    ...sqlite.ITEM_STATES_INDEXES,
    UNREAD_STATE_ROWS,
    ...counterTables('INTEGER'),
    ...sqlite.UNREAD_COUNTER_TRIGGERS,
    sqlite.CHANGE_COUNTERS,
    CHANGE_COUNTERS_SEED,
  ],
  postgres: [
    SEARCH_FOLD,
    ...postgres.FEEDS,
    ...postgres.STORIES,
    ...postgres.STORY_REDIRECTS,
    ...postgres.ITEMS,
    ...SEARCH_INDEX,
    NEWEST_MATCHES,
    ...postgres.POLLS,
    ...postgres.CLUSTERING,
    postgres.STORY_MEMBERS,
    STORY_MEMBERS_INDEX,
    postgres.CLUSTER_WARNINGS,
    ...postgres.SESSIONS,
    postgres.USERS,
    postgres.ITEM_STATES,
    ...postgres.ITEM_STATES_INDEXES,
    UNREAD_STATE_ROWS,
    ...counterTables('BIGINT'),
    ...COUNTER_TRIGGERS,
    ...STATE_ROW_TRIGGERS,
    postgres.CHANGE_COUNTERS,
    CHANGE_COUNTERS_SEED,
  ],
};
