import type { Migration } from './migration.js';

// PostgreSQL: the exact word-pair index of migration 007 made every insert touch ~200 random pages of
// an index of ~1 GB at 1M items (8× the default shared_buffers), holding ingest to ~400 items/s. Its
// replacement indexes the same pairs hashed into 4,096 buckets (search/postgres-phrase.ts): appends
// go to the last pages of a few thousand posting lists, which stay cached.
// The index is built from every row's tsvector: minutes on a database of a million items.

export const phrasePairBuckets: Migration = {
  version: 32,
  name: 'phrase search through hashed word-pair buckets (PostgreSQL)',
  sqlite: [],
  postgres: [
    `DROP INDEX IF EXISTS items_search_pairs`,
    `DROP FUNCTION IF EXISTS nf_word_pairs(tsvector)`,
    `CREATE FUNCTION nf_pair_bucket(first text, second text) RETURNS integer
      IMMUTABLE STRICT PARALLEL SAFE LANGUAGE sql AS $$ SELECT hashtext(first || ' ' || second) & 4095 $$`,
    `CREATE FUNCTION nf_pair_buckets(vector tsvector) RETURNS integer[]
      IMMUTABLE STRICT PARALLEL SAFE LANGUAGE sql AS $$
        SELECT coalesce(array_agg(DISTINCT nf_pair_bucket(first.lexeme, second.lexeme)), '{}')
        FROM (SELECT lexeme, unnest(positions) AS position FROM unnest(vector)) AS first
        JOIN (SELECT lexeme, unnest(positions) AS position FROM unnest(vector)) AS second
          ON second.position = first.position + 1
      $$`,
    `CREATE INDEX items_search_pair_buckets ON items USING GIN (nf_pair_buckets(search_vector))`,
  ],
};
