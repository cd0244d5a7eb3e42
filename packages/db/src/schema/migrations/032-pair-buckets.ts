import type { Migration } from './migration.js';

// PostgreSQL only: phrase search reads hashed word-pair buckets instead of the exact word pairs of
// migration 007. That index held one key per distinct pair (tens of millions), so every insert
// touched random pages of an index larger than the buffer cache; this one has PAIR_BUCKETS keys, few
// enough that the pages an insert touches stay cached. Each adjacent pair is hashed into two keys,
// one in each half of the buckets, like a Bloom filter: a row holding both keys of a phrase's pairs
// by chance, not by the phrase, is rare, and the phrase's positions (`<->`) are then checked on every
// row found, so such a row is never a match. The hashes are PostgreSQL's own (hashtext, hashint8:
// hash indexes and partitions rely on them staying the same): each word's once, then each pair's
// from its two words' in one pass over the positions in order (lead(), not a self-join). The keys
// are an int[] (GIN array_ops): no text to make and sort per key.

/**
 * How many keys the word pairs are hashed into (a power of two), two per pair, one in each half:
 * more keys cost inserts more cache pages; fewer make a phrase's keys find more rows without it.
 */
export const PAIR_BUCKETS = 65_536;
const HALF = PAIR_BUCKETS / 2;
const HALF_BITS = Math.log2(HALF);

/** The index build's sort memory: the default 64 MB makes the build spill and merge several times. */
export const PAIR_INDEX_BUILD_MEMORY = '512MB';

export const pairBuckets: Migration = {
  version: 32,
  name: 'hashed word-pair buckets for phrase search (PostgreSQL)',
  sqlite: [],
  postgres: [
    `DROP INDEX items_search_pairs`,
    `DROP FUNCTION nf_word_pairs(tsvector)`,
    `CREATE FUNCTION nf_pair_buckets(vector tsvector) RETURNS integer[]
      IMMUTABLE STRICT PARALLEL SAFE LANGUAGE sql AS $$
        SELECT coalesce(array_agg(pair.hash & ${HALF - 1})
            || array_agg(${HALF} | ((pair.hash >> ${HALF_BITS}) & ${HALF - 1})), '{}')
        FROM (SELECT hashint8((word.hash::bigint << 32) | (word.next::bigint & 4294967295)) AS hash
          FROM (SELECT entry.hash, position, lead(entry.hash) OVER byPosition AS next,
                lead(position) OVER byPosition AS next_position
              FROM (SELECT hashtext(lexeme) AS hash, positions FROM unnest(vector)) AS entry,
                unnest(entry.positions) AS position
              WINDOW byPosition AS (ORDER BY position)) AS word
          WHERE word.next_position = word.position + 1) AS pair
      $$`,
    // A query's phrases as the keys of their pairs, all required; folded to a constant when planned.
    `CREATE FUNCTION nf_pair_bucket_keys(phrases text[]) RETURNS integer[]
      IMMUTABLE STRICT PARALLEL SAFE LANGUAGE sql AS $$
        SELECT coalesce(array_agg(DISTINCT key), '{}')
        FROM unnest(phrases) AS phrase(text),
          unnest(nf_pair_buckets(to_tsvector('simple', phrase.text))) AS key
      $$`,
    `SET LOCAL maintenance_work_mem = '${PAIR_INDEX_BUILD_MEMORY}'`,
    `CREATE INDEX items_search_pair_buckets ON items USING GIN (nf_pair_buckets(search_vector))`,
  ],
};
