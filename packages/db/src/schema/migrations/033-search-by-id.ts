import type { Migration } from './migration.js';

// PostgreSQL: the word index also holds each item's id, negated (btree_gin), so that one index scan
// finds a query's matches among the newest ids: GIN intersects the range's id entries with the
// words' posting lists, skipping what lies outside the range, where an index of the words alone
// reads whole posting lists for every range. Negated: a condition on the id itself could be read
// from this index too, and the planner, underrating the cost of a GIN id range, would choose it over
// the primary key for other queries. Queries on the words alone use it as before. Writers append to
// its pending list (fastupdate, cheap for ingest); every scan reads all of that list, so the
// clusterer merges it into the index each time it has drained its queue (maintenance.settleSearchIndex).
//
// nf_newest_matches reads a query's newest matches range by range in one call (search/postgres-
// word-window.ts gives the ranges' settings): its SET clause keeps the planner off walking the
// primary key (it does not see that testing a row reads its whole tsvector) and off parallel plans,
// for this function only; the newest id is read before plain index scans are turned off. Not
// STABLE: it runs an EXPLAIN, which only a volatile function may.

export const searchById: Migration = {
  version: 33,
  name: 'word index by id and word, newest matches by id range (PostgreSQL)',
  sqlite: [],
  postgres: [
    `CREATE EXTENSION IF NOT EXISTS btree_gin`,
    `CREATE INDEX items_search_by_id ON items USING GIN ((-id), search_vector)`,
    `DROP INDEX items_search`,
    `ALTER INDEX items_search_by_id RENAME TO items_search`,
    `CREATE FUNCTION nf_newest_matches(query tsquery, feed bigint, wanted int, margin float8,
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
      $$`,
  ],
};
