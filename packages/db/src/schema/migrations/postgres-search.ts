// PostgreSQL search: the folded text's vector, its index and the newest-matches function
// (search/postgres.ts reads them).

/**
 * foldText's steps in SQL (NFKD, combining diacritics removed, lower case, ß and ẞ as ss), so the
 * index folds as search/fold.ts folds a query; 'simple' itself only lower-cases.
 */
export const SEARCH_FOLD = `CREATE FUNCTION nf_search_fold(input text) RETURNS text
      IMMUTABLE STRICT PARALLEL SAFE LANGUAGE sql AS $$
        SELECT replace(replace(lower(regexp_replace(normalize(input, NFKD),
          '[\\u0300-\\u036f\\u1ab0-\\u1aff\\u1dc0-\\u1dff\\u20d0-\\u20ff\\ufe20-\\ufe2f]+', '', 'g')),
          'ß', 'ss'), 'ẞ', 'ss')
      $$`;

/** The indexed words: title weighted A, the first 200,000 characters of the text B. */
export const SEARCH_VECTOR = `search_vector TSVECTOR GENERATED ALWAYS AS (
      setweight(to_tsvector('simple', nf_search_fold(title)), 'A') ||
      setweight(to_tsvector('simple', nf_search_fold(left(coalesce(content_text, ''), 200000))), 'B')
    ) STORED`;

/**
 * The word index also holds each item's id, negated (btree_gin), so one index scan finds a query's
 * matches among the newest ids; negated, so the planner never prefers it for conditions on the id.
 * Writers append to its pending list; the clusterer merges it (maintenance.settleSearchIndex).
 * Migration 42 keys it by id bucket instead.
 */
export const SEARCH_INDEX = [
  `CREATE EXTENSION IF NOT EXISTS btree_gin`,
  `CREATE INDEX items_search ON items USING GIN ((-id), search_vector)`,
];

/**
 * A query's newest matches, id range by id range, in one call (search/postgres-word-window.ts sets
 * the ranges). Its SET clause keeps the planner off the primary key and parallel plans for this
 * function only. Not STABLE: it runs an EXPLAIN, which only a volatile function may.
 */
export const NEWEST_MATCHES = `CREATE FUNCTION nf_newest_matches(query tsquery, feed bigint, wanted int, margin float8,
        growth int, widest bigint)
      RETURNS TABLE (id bigint, rank real)
      LANGUAGE plpgsql
      SET enable_indexscan = on SET enable_seqscan = off SET max_parallel_workers_per_gather = 0
      AS $$
      DECLARE
        newest bigint := (SELECT max(items.id) FROM items);
        feed_match text := CASE WHEN feed IS NULL THEN '' ELSE 'AND items.feed_id = $3' END;
        plan json;
        matches float8;
        table_rows float8;
        width bigint;
        bounded boolean;
        below bigint;
        found bigint[] := '{}';
        more bigint[];
      BEGIN
        -- The planner's estimates of the rows matching and of the table's rows size the first range.
        EXECUTE format('EXPLAIN (FORMAT JSON) SELECT 1 FROM items WHERE items.search_vector @@ $1 %s
            UNION ALL SELECT 1 FROM items', feed_match) INTO plan USING query, wanted, feed;
        matches := greatest((plan->0->'Plan'->'Plans'->0->>'Plan Rows')::float8, 1);
        table_rows := greatest((plan->0->'Plan'->'Plans'->1->>'Plan Rows')::float8, 1);
        width := ceil(margin * wanted * table_rows / matches);
        PERFORM set_config('enable_indexscan', 'off', true);
        -- The ids above newest - width, each next width growth times wider while narrower than
        -- widest, then all older ids. A range's upper bound is tested on the row (+ 0): read from an
        -- index, it would take in every older id.
        LOOP
          bounded := width < least(table_rows, widest);
          EXECUTE format('SELECT array_agg(id) FROM (SELECT items.id FROM items
              WHERE items.search_vector @@ $1 %s %s %s ORDER BY items.id DESC LIMIT $2) AS range',
            feed_match,
            CASE WHEN bounded THEN format('AND -items.id < %L::bigint', width - newest) ELSE '' END,
            CASE WHEN below IS NULL THEN '' ELSE format('AND items.id + 0 <= %L::bigint', below) END)
            INTO more USING query, wanted - cardinality(found), feed;
          found := found || coalesce(more, '{}');
          EXIT WHEN cardinality(found) >= wanted OR NOT bounded;
          below := newest - width;
          width := width * growth;
        END LOOP;
        RETURN QUERY SELECT items.id, ts_rank(items.search_vector, query) FROM items
          WHERE items.id = ANY (found);
      END
      $$`;
