import type { Migration } from './migration.js';

// PostgreSQL: nf_newest_matches sizes its first id range by the query's rarest word, and each next
// one by the share of matches found so far. The planner multiplies the words' shares, so words that
// occur together (names in the same stories) were estimated rare, and one range too wide read
// thousands of matches from the table; a range sized by the rarest word holds about the window
// however much its words go together, and the ranges after it follow what it found.

export const newestMatchesByRarestWord: Migration = {
  version: 42,
  name: 'newest matches from id ranges sized by the rarest word and the share found (PostgreSQL)',
  sqlite: [],
  postgres: [
    `DROP FUNCTION nf_newest_matches(tsquery, bigint, int, float8, int, bigint)`,
    `CREATE FUNCTION nf_newest_matches(query tsquery, words tsquery[], feed bigint, wanted int,
        margin float8, growth int, widest bigint)
      RETURNS TABLE (id bigint, rank real)
      LANGUAGE plpgsql
      SET enable_indexscan = on SET enable_seqscan = off SET max_parallel_workers_per_gather = 0
      AS $$
      DECLARE
        newest bigint := (SELECT max(items.id) FROM items);
        feed_match text := CASE WHEN feed IS NULL THEN '' ELSE 'AND items.feed_id = $3' END;
        plan json;
        table_rows float8;
        rarest float8;
        matches float8;
        width bigint;
        next_width float8;
        bounded boolean;
        below bigint;
        found bigint[] := '{}';
        more bigint[];
      BEGIN
        -- The planner's estimates of the table's rows, the query's matches and each word's.
        EXECUTE format('EXPLAIN (FORMAT JSON) SELECT 1 FROM items UNION ALL
            SELECT 1 FROM items WHERE items.search_vector @@ $1 %s %s', feed_match,
            (SELECT string_agg(format('UNION ALL SELECT 1 FROM items WHERE items.search_vector @@ %L::tsquery %s',
              word, feed_match), ' ') FROM unnest(words) AS word))
          INTO plan USING query, wanted, feed;
        table_rows := greatest((plan->0->'Plan'->'Plans'->0->>'Plan Rows')::float8, 1);
        matches := greatest((plan->0->'Plan'->'Plans'->1->>'Plan Rows')::float8, 1);
        rarest := (SELECT greatest(min((branch->>'Plan Rows')::float8), matches)
          FROM json_array_elements(plan->0->'Plan'->'Plans') WITH ORDINALITY AS branches (branch, n) WHERE n > 2);
        width := ceil(margin * wanted * table_rows / coalesce(rarest, matches));
        PERFORM set_config('enable_indexscan', 'off', true);
        -- The ids above newest - width, each next width sized by the share found so far (growth times
        -- wider at most, or as wide as the query's own estimate asks) while narrower than widest, then
        -- all older ids. A range's upper bound is tested on the row (+ 0): read from an index, it would
        -- take in every older id.
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
          next_width := greatest(width * growth, margin * wanted * table_rows / matches);
          IF cardinality(found) > 0 THEN
            next_width := least(next_width,
              width + margin * (wanted - cardinality(found)) * width / cardinality(found));
          END IF;
          width := ceil(next_width);
        END LOOP;
        RETURN QUERY SELECT items.id, ts_rank(items.search_vector, query) FROM items
          WHERE items.id = ANY (found);
      END
      $$`,
  ],
};
