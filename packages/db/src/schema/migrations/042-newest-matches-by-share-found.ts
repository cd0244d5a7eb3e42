import type { Migration } from './migration.js';

// PostgreSQL: nf_newest_matches walks a common prefix back from the newest row itself (one call in
// place of an estimate, a walk and a transaction of id ranges), and sizes each id range after the
// first by the share of matches found so far. A range reads every id newer than its lower bound
// again, so all matches are read at once when that is expected to cost less than the next range.

export const newestMatchesByShareFound: Migration = {
  version: 42,
  name: 'newest matches: a common prefix walked, id ranges sized by the share found (PostgreSQL)',
  sqlite: [],
  postgres: [
    `DROP FUNCTION nf_newest_matches(tsquery, bigint, int, float8, int, bigint)`,
    `CREATE FUNCTION nf_newest_matches(query tsquery, feed bigint, wanted int,
        margin float8, growth float8, match_cost float8, walk_limit float8, walk_margin float8)
      RETURNS TABLE (id bigint, rank real)
      LANGUAGE plpgsql
      SET enable_indexscan = on SET enable_seqscan = off SET max_parallel_workers_per_gather = 0
      AS $$
      DECLARE
        newest bigint := (SELECT max(items.id) FROM items);
        feed_match text := CASE WHEN feed IS NULL THEN '' ELSE 'AND items.feed_id = $3' END;
        plan json;
        table_rows float8;
        expected float8;
        share float8;
        width float8 := 0;
        next_width float8;
        bounded boolean;
        found bigint[] := '{}';
        more bigint[];
      BEGIN
        -- The planner's estimates of the table's rows and of the query's matches.
        EXECUTE format('EXPLAIN (FORMAT JSON) SELECT 1 FROM items UNION ALL
            SELECT 1 FROM items WHERE items.search_vector @@ $1 %s', feed_match) INTO plan USING query, wanted, feed;
        table_rows := greatest((plan->0->'Plan'->'Plans'->0->>'Plan Rows')::float8, 1);
        expected := greatest((plan->0->'Plan'->'Plans'->1->>'Plan Rows')::float8, 1) / table_rows;
        share := expected;
        -- A query expected to fill the window within walk_limit rows (a common prefix, whose posting
        -- lists GIN reads whole) tests the newest rows one by one, walking the primary key back; IS
        -- TRUE keeps the planner off the word index.
        IF wanted / share <= walk_limit THEN
          width := ceil(walk_margin * wanted / share);
          EXECUTE format('SELECT array_agg(id) FROM (SELECT items.id FROM items WHERE items.id > $4
              AND (items.search_vector @@ $1) IS TRUE %s ORDER BY items.id DESC LIMIT $2) AS walk', feed_match)
            INTO more USING query, wanted, feed, newest - width::bigint;
          found := coalesce(more, '{}');
          -- Fewer than expected: the older rows are rarer than estimated too.
          expected := least(expected, greatest(cardinality(found), 1) / width);
          share := expected;
        END IF;
        PERFORM set_config('enable_indexscan', 'off', true);
        -- Newest first, each range holding margin times the matches still missing at the share known,
        -- reaching at least growth times further back. A range reads every id and match newer than
        -- its lower bound again (its upper bound is tested on the row, + 0: read from the index, it
        -- would take in every older id), so all matches are read at once instead when their
        -- expected number times match_cost is below the next range's ids and matches.
        WHILE cardinality(found) < wanted LOOP
          next_width := greatest(width * growth, width + margin * (wanted - cardinality(found)) / share);
          bounded := next_width * (1 + match_cost * share) < match_cost * share * table_rows;
          EXECUTE format('SELECT array_agg(id) FROM (SELECT items.id FROM items
              WHERE items.search_vector @@ $1 %s %s %s ORDER BY items.id DESC LIMIT $2) AS range',
            feed_match,
            CASE WHEN bounded THEN format('AND -items.id < %L::bigint', ceil(next_width) - newest) ELSE '' END,
            CASE WHEN width = 0 THEN '' ELSE format('AND items.id + 0 <= %L::bigint', newest - ceil(width)) END)
            INTO more USING query, wanted - cardinality(found), feed;
          found := found || coalesce(more, '{}');
          EXIT WHEN NOT bounded;
          width := ceil(next_width);
          -- The share found so far, or the query's own estimate if higher (a few newest ranges may hold
          -- fewer than the rest).
          share := greatest(cardinality(found) / width, expected);
        END LOOP;
        RETURN QUERY SELECT items.id, ts_rank(items.search_vector, query) FROM items
          WHERE items.id = ANY (found);
      END
      $$`,
  ],
};
