import type { Migration } from './migration.js';

// PostgreSQL only: an index of adjacent word pairs, for phrase search (search-window.ts). The GIN
// index on search_vector finds every item holding all of a phrase's words, and each one's positions
// were then checked: a rare phrase of common words re-checked tens of thousands of rows (220 ms at
// 100k items, 880 ms p95 at 1M). nf_word_pairs turns a vector into one lexeme per pair of adjacent
// positions ('court ceasefire'), so a two-word phrase is one exact index lookup (0.7 ms at 100k).
// It costs ~0.2 ms of server CPU per inserted item (ingest 0.65x at 1M items) and an index 4-5x the
// size of the word index (984 MB at 1M).
// SQLite's FTS5 keeps positions in its index: nothing to do.

export const phrasePairs: Migration = {
  version: 7,
  name: 'word-pair index for phrase search (PostgreSQL)',
  sqlite: [],
  postgres: [
    `CREATE FUNCTION nf_word_pairs(vector tsvector) RETURNS tsvector
      IMMUTABLE STRICT PARALLEL SAFE LANGUAGE sql AS $$
        SELECT coalesce(array_to_tsvector(array_agg(DISTINCT first.lexeme || ' ' || second.lexeme)), ''::tsvector)
        FROM (SELECT lexeme, unnest(positions) AS position FROM unnest(vector)) AS first
        JOIN (SELECT lexeme, unnest(positions) AS position FROM unnest(vector)) AS second
          ON second.position = first.position + 1
      $$`,
    `CREATE INDEX items_search_pairs ON items USING GIN (nf_word_pairs(search_vector))`,
  ],
};
