import type { Migration } from './migration.js';
import { POSTGRES_TABLES } from './postgres-schema.js';
import { SEARCH_FOLD, SEARCH_VECTOR } from './postgres-search.js';
import { SQLITE_TABLES } from './sqlite-schema.js';
import { ITEM_STATES_INDEXES, ITEMS_FIRST_SEEN } from './tables.js';

// A database of 0.1.0 (migrations 1-7) becomes one of 0.2.0 (1-10, 20, 21, 30): claim attempts per
// feed, server-side sessions, user accounts and their item states, clustering as its own stage (what
// ingest-time clustering needed goes, and the last 72 hours are queued to be clustered again, so the
// new stories cover them), and search folding ß/ss and accents alike on PostgreSQL.

const NOW_SQLITE = `CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)`;
const NOW_POSTGRES = `(extract(epoch FROM now()) * 1000)::bigint`;
/** The default clustering window (WORKER_CLUSTER_WINDOW_HOURS) when 0.2.0 was released. */
const REQUEUE_HOURS = 72;

const requeue = (now: string) =>
  `INSERT INTO cluster_queue (item_id, version, queued_at, recluster)
    SELECT id, 0, ${now}, 1 FROM items WHERE first_seen_at >= ${now} - ${REQUEUE_HOURS} * 3600000`;

/** 0.2.0's item states: the feed column (and, on PostgreSQL, dropping the keys) came after it. */
const itemStates = (id: 'INTEGER' | 'BIGINT', flag: 'INTEGER' | 'SMALLINT') => `CREATE TABLE item_states (
    user_id ${id} NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    item_id ${id} NOT NULL REFERENCES items (id) ON DELETE CASCADE,
    read ${flag} NOT NULL DEFAULT 0,
    starred ${flag} NOT NULL DEFAULT 0,
    updated_at ${id} NOT NULL,
    PRIMARY KEY (user_id, item_id)
  )`;

export const from010: Migration = {
  version: 30,
  name: 'upgrade from 0.1.0 to 0.2.0',
  sqlite: [
    `ALTER TABLE feeds ADD COLUMN claim_attempts INTEGER NOT NULL DEFAULT 0`,
    `ALTER TABLE feeds ADD COLUMN crash_count INTEGER NOT NULL DEFAULT 0`,
    ...SQLITE_TABLES.sessions,
    SQLITE_TABLES.users,
    itemStates('INTEGER', 'INTEGER'),
    ...ITEM_STATES_INDEXES,
    ...SQLITE_TABLES.clustering,
    ...SQLITE_TABLES.storyRedirects,
    ...['insert', 'delete', 'update'].map((event) => `DROP TRIGGER item_changes_${event}`),
    `DROP TABLE item_changes`,
    `DROP TABLE item_terms`,
    ...[0, 1, 2, 3].flatMap((band) => [
      `DROP INDEX items_band${band}`,
      `ALTER TABLE items DROP COLUMN band${band}`,
    ]),
    ITEMS_FIRST_SEEN,
    requeue(NOW_SQLITE),
    // The prefix vocabulary gains each ß word's ss spelling (the tokenizer already folds the rest).
    `INSERT OR IGNORE INTO search_terms (term) SELECT replace(term, 'ß', 'ss') FROM search_terms WHERE term LIKE '%ß%'`,
  ],
  postgres: [
    `ALTER TABLE feeds ADD COLUMN claim_attempts INTEGER NOT NULL DEFAULT 0,
      ADD COLUMN crash_count INTEGER NOT NULL DEFAULT 0`,
    ...POSTGRES_TABLES.sessions,
    POSTGRES_TABLES.users,
    itemStates('BIGINT', 'SMALLINT'),
    ...ITEM_STATES_INDEXES,
    ...POSTGRES_TABLES.clustering,
    ...POSTGRES_TABLES.storyRedirects,
    `DROP TABLE cluster_keys`,
    `DROP TABLE item_terms`,
    `ALTER TABLE items DROP COLUMN band0, DROP COLUMN band1, DROP COLUMN band2, DROP COLUMN band3`,
    ITEMS_FIRST_SEEN,
    requeue(NOW_POSTGRES),
    // A generated column's expression cannot be altered (before PostgreSQL 17): it is rebuilt.
    SEARCH_FOLD,
    `ALTER TABLE items DROP COLUMN search_vector`,
    `ALTER TABLE items ADD COLUMN ${SEARCH_VECTOR}`,
    `CREATE INDEX items_search ON items USING GIN (search_vector)`,
    `CREATE INDEX items_search_pairs ON items USING GIN (nf_word_pairs(search_vector))`,
  ],
};
