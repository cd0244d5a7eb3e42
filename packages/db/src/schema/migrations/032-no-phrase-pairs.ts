import type { Migration } from './migration.js';

// PostgreSQL: the word-pair index of migration 007 goes. Every insert touched ~200 random pages of it
// (~1 GB at 1M items, 8× the default shared_buffers), which held ingest at 1M items to ~400 items/s.
// A phrase is found through its words' index, each row holding them checked for their positions
// (search/postgres.ts). Hashing the pairs into 4,096 buckets kept most of the insert cost and lost
// most of the selectivity (bench/RESULTS.md).

export const noPhrasePairs: Migration = {
  version: 32,
  name: 'phrase search without the word-pair index (PostgreSQL)',
  sqlite: [],
  postgres: [`DROP INDEX IF EXISTS items_search_pairs`, `DROP FUNCTION IF EXISTS nf_word_pairs(tsvector)`],
};
