import type { Migration } from './migration.js';

// PostgreSQL: each item's tsvector stays in its row (STORAGE MAIN) rather than out of line in the
// TOAST table. A phrase is found by checking the positions of every row holding its words
// (search/postgres-phrase.ts), and each search ranks its hits: a check then reads the row's own page,
// which the bitmap scan has already read, not a TOAST index and chunk. pglz seldom shrinks a tsvector,
// so it stays as large, in the heap instead of TOAST; a larger one still goes out of line. The rows
// already stored move in as CLUSTER rewrites the table (in id order, as it was written); the
// clustered mark it leaves is taken off.

export const searchVectorInRow: Migration = {
  version: 41,
  name: 'search vectors kept in the row (PostgreSQL)',
  sqlite: [],
  postgres: [
    `ALTER TABLE items ALTER COLUMN search_vector SET STORAGE MAIN`,
    `CLUSTER items USING items_pkey`,
    `ALTER TABLE items SET WITHOUT CLUSTER`,
  ],
};
