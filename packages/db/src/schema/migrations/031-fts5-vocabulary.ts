import type { Migration } from './migration.js';

// SQLite lists a prefix's words from FTS5's own vocabulary, read through an fts5vocab table
// (search/sqlite.ts), instead of the word list that every write kept (migration 003).

export const fts5Vocabulary: Migration = {
  version: 31,
  name: 'prefix words from the FTS5 vocabulary (SQLite)',
  sqlite: [
    `DROP TABLE search_terms`,
    `CREATE VIRTUAL TABLE items_fts_words USING fts5vocab(items_fts, instance)`,
  ],
  postgres: [],
};
