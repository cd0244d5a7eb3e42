import type { Migration } from './migration.js';
import { ITEM_STATES as POSTGRES_ITEM_STATES, POSTGRES_TABLES } from './postgres-schema.js';
import { NEWEST_MATCHES, SEARCH_FOLD, SEARCH_INDEX } from './postgres-search.js';
import { COUNTER_TRIGGERS, STATE_ROW_TRIGGERS } from './postgres-triggers.js';
import {
  FULL_TEXT,
  FULL_TEXT_WORDS,
  ITEM_STATES as SQLITE_ITEM_STATES,
  SQLITE_TABLES,
  UNREAD_COUNTER_TRIGGERS,
} from './sqlite-schema.js';
import { ITEM_STATES_INDEXES, STORY_MEMBERS_INDEX, type tables, UNREAD_STATE_ROWS } from './tables.js';

// A new database gets the current schema at once, recorded as the version of the newest migration
// it stands for (the upgrades from released versions end there too); later migrations append.

/** Every table of `t`, item states (`itemStates`, the engine's own) among them. */
const allTables = (t: ReturnType<typeof tables>, itemStates: string) => [
  ...t.feeds,
  ...t.stories,
  ...t.storyRedirects,
  ...t.items,
  ...t.polls,
  ...t.clustering,
  t.storyMembers,
  STORY_MEMBERS_INDEX,
  t.clusterWarnings,
  ...t.sessions,
  t.users,
  itemStates,
  ...ITEM_STATES_INDEXES,
  UNREAD_STATE_ROWS,
  ...t.counters,
  ...t.changeCounters,
];

export const baseline: Migration = {
  version: 40,
  name: 'baseline (the schema of migrations 1-40)',
  sqlite: [
    ...allTables(SQLITE_TABLES, SQLITE_ITEM_STATES),
    ...FULL_TEXT,
    FULL_TEXT_WORDS,
    ...UNREAD_COUNTER_TRIGGERS,
  ],
  postgres: [
    SEARCH_FOLD,
    ...allTables(POSTGRES_TABLES, POSTGRES_ITEM_STATES),
    ...SEARCH_INDEX,
    NEWEST_MATCHES,
    ...COUNTER_TRIGGERS,
    ...STATE_ROW_TRIGGERS,
  ],
};
