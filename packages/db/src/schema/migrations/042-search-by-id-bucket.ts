import {
  NEWEST_ESTIMATES_AND_WALK,
  PHRASE_ESTIMATES,
  PHRASE_KEY_RANGE_OR_ALL,
  RANK_FOUND,
  windowFunction,
} from './041-search-in-one-call.js';
import type { Migration } from './migration.js';

// PostgreSQL search: the word index keys each item by its id's bucket (ID_BUCKET ids) rather than by its
// id. An id range read from it is then a few keys' posting lists rather than one key per id, which
// cost more than reading the matches they spared. Both window functions read their ranges by bucket,
// and without JIT: their EXPLAIN of the whole table is costed above the server's jit_above_cost, so
// the server would generate code for a plan that never runs, and the queries they do run are short.

/** How many consecutive ids share one key of the word index. */
const ID_BUCKET = 256;

/** The word index, by bucket: ranges start at a bucket's first id, `id / ID_BUCKET` in the functions. */
export const SEARCH_INDEX_BY_BUCKET = [
  `DROP INDEX items_search`,
  `CREATE INDEX items_search ON items USING GIN ((id / ${ID_BUCKET}), search_vector)`,
];

/** What both window functions are, as in migration 41, without JIT. */
const WINDOW_FUNCTION = windowFunction('jit = off');

/**
 * nf_phrase_window of migration 41, its id ranges read by bucket: each range's lower bound is its
 * bucket's first id, down to the bucket holding the recency bound.
 */
export const PHRASE_WINDOW_BY_BUCKET = `CREATE OR REPLACE FUNCTION nf_phrase_window(query tsquery,
        words tsquery[], feed bigint, wanted int, checks int, first_checks int, max_ids bigint, growth int,
        costs float8[])
      ${WINDOW_FUNCTION}${PHRASE_ESTIMATES}
        IF plan = 'id ranges' THEN
          -- Newest first, each range growth times wider, down to the bound's bucket; a range's lower
          -- bound is read from the index's bucket column, its upper bound tested on the row (+ 0).
          width := ceil(first_checks * estimates[2] / estimates[1]);
          LOOP
            low := greatest(bound, newest - width) / ${ID_BUCKET};
            EXECUTE format('SELECT array_agg(id) FROM (SELECT items.id FROM items
                WHERE items.search_vector @@ $1 %s AND items.id / ${ID_BUCKET} >= %L::bigint %s
                ORDER BY items.id DESC LIMIT $3) AS range',
              feed_match, low,
              CASE WHEN above IS NULL THEN '' ELSE format('AND items.id + 0 < %L::bigint', above) END)
              INTO more USING query, feed, wanted - cardinality(found);
            found := found || coalesce(more, '{}');
            EXIT WHEN cardinality(found) >= wanted OR low * ${ID_BUCKET} <= bound;
            above := low * ${ID_BUCKET};
            width := width * growth;
          END LOOP;${PHRASE_KEY_RANGE_OR_ALL}${RANK_FOUND}`;

/**
 * nf_newest_matches of migration 41, its id ranges read by bucket: each range reaches back to the
 * first id of the bucket its width ends in.
 */
export const NEWEST_MATCHES_BY_BUCKET = `CREATE OR REPLACE FUNCTION nf_newest_matches(query tsquery,
        feed bigint, wanted int, margin float8, growth float8, match_cost float8, walk_limit float8,
        walk_margin float8)
      ${WINDOW_FUNCTION}${NEWEST_ESTIMATES_AND_WALK}
        -- Newest first, each range holding margin times the matches still missing at the share known,
        -- reaching at least growth times further back, to its bucket's first id. A range reads every
        -- match newer than its lower bound again (its upper bound is tested on the row, + 0: read from
        -- the index, it would take in every older bucket), so all matches are read at once instead
        -- when their expected number times match_cost is below the next range's ids and matches.
        WHILE cardinality(found) < wanted LOOP
          next_width := greatest(width * growth, width + margin * (wanted - cardinality(found)) / share);
          bounded := next_width * (1 + match_cost * share) < match_cost * share * table_rows;
          next_width := newest + 1 - ${ID_BUCKET} * floor((newest + 1 - ceil(next_width)) / ${ID_BUCKET});
          EXECUTE format('SELECT array_agg(id) FROM (SELECT items.id FROM items
              WHERE items.search_vector @@ $1 %s %s %s ORDER BY items.id DESC LIMIT $2) AS range',
            feed_match,
            CASE WHEN bounded THEN format('AND items.id / ${ID_BUCKET} >= %L::bigint', (newest + 1 - next_width) / ${ID_BUCKET}) ELSE '' END,
            CASE WHEN width = 0 THEN '' ELSE format('AND items.id + 0 <= %L::bigint', newest - ceil(width)) END)
            INTO more USING query, wanted - cardinality(found), feed;
          found := found || coalesce(more, '{}');
          EXIT WHEN NOT bounded;
          width := next_width;
          -- The share found so far, or the query's own estimate if higher (a few newest ranges may hold
          -- fewer than the rest).
          share := greatest(cardinality(found) / width, expected);
        END LOOP;${RANK_FOUND}`;

export const searchByIdBucket: Migration = {
  version: 42,
  name: 'PostgreSQL search: the word index by id bucket, the window functions without JIT',
  sqlite: [],
  postgres: [...SEARCH_INDEX_BY_BUCKET, PHRASE_WINDOW_BY_BUCKET, NEWEST_MATCHES_BY_BUCKET],
};
