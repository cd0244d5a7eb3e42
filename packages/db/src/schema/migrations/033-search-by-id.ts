import type { Migration } from './migration.js';

// PostgreSQL: the word index also holds each item's id (btree_gin), so that one index scan finds a
// query's matches within an id range, newest first by range: GIN intersects the id range's entries
// with the words' posting lists, skipping the parts of a long posting list outside the range, where
// an index on the words alone reads whole posting lists for every range. Queries on the words alone
// use it as before.

export const searchById: Migration = {
  version: 33,
  name: 'word index by id and word (PostgreSQL)',
  sqlite: [],
  postgres: [
    `CREATE EXTENSION IF NOT EXISTS btree_gin`,
    `CREATE INDEX items_search_by_id ON items USING GIN (id, search_vector)`,
    `DROP INDEX items_search`,
    `ALTER INDEX items_search_by_id RENAME TO items_search`,
  ],
};
