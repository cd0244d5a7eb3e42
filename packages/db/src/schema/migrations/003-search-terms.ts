import type { Migration } from './migration.js';

// SQLite only: the words of the full-text index (search-vocabulary.ts), filled from the index itself
// for the items already stored. PostgreSQL expands prefixes in its GIN index and needs no list.

export const searchTerms: Migration = {
  version: 3,
  name: 'search vocabulary (SQLite)',
  sqlite: [
    `CREATE TABLE search_terms (term TEXT PRIMARY KEY) WITHOUT ROWID`,
    `CREATE VIRTUAL TABLE temp.items_fts_words USING fts5vocab(main, items_fts, row)`,
    `INSERT INTO search_terms (term) SELECT term FROM temp.items_fts_words`,
    `DROP TABLE temp.items_fts_words`,
  ],
  postgres: [],
};
