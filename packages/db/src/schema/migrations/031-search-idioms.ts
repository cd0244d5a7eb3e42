import type { Migration } from './migration.js';

// Search in each engine's own idiom (search/sqlite.ts, search/postgres.ts). SQLite lists a prefix's
// words from FTS5's own vocabulary, read through an fts5vocab table, instead of the word list that
// every write kept (migration 003). PostgreSQL finds phrases with its word index alone and drops the
// word-pair index (migration 007).

export const searchIdioms: Migration = {
  version: 31,
  name: "search in each engine's idiom",
  sqlite: [
    `DROP TABLE search_terms`,
    `CREATE VIRTUAL TABLE items_fts_words USING fts5vocab(items_fts, instance)`,
  ],
  postgres: [`DROP INDEX items_search_pairs`, `DROP FUNCTION nf_word_pairs(tsvector)`],
};
