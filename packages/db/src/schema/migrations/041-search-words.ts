import type { Migration } from './migration.js';

// PostgreSQL: the words of the search index, so that a prefix is asked as the words it stands for
// (search/postgres-prefix.ts): GIN reads every posting list of a prefix in full, where it skips
// through a word's list to an id range. An item's words are recorded when it leaves the clusterer's
// queue (every write of an item's text queues it), so the items still queued are the only ones whose
// words may be missing; the writers pay nothing. Filled here from the items already stored.
//
// nf_newest_matches takes the query that ranks the matches apart from the one that finds them: a
// prefix's matches are found through its words and ranked as the prefix.

export const searchWords: Migration = {
  version: 41,
  name: 'search words recorded as items leave the cluster queue (PostgreSQL)',
  sqlite: [],
  postgres: [
    `CREATE TABLE search_words (word TEXT COLLATE "C" PRIMARY KEY)`,
    `INSERT INTO search_words (word) SELECT word FROM ts_stat('SELECT search_vector FROM items')`,
    `CREATE FUNCTION nf_record_search_words() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        ids bigint[] := (SELECT array_agg(item_id) FROM dequeued);
      BEGIN
        -- ts_stat lists the words of many vectors at about half the cost of unnesting each.
        -- Sorted, so that two transactions adding the same new words take their locks in one order.
        IF ids IS NOT NULL THEN
          INSERT INTO search_words (word)
            SELECT word FROM ts_stat(format('SELECT search_vector FROM items WHERE id = ANY (%L::bigint[])', ids))
            ORDER BY word ON CONFLICT (word) DO NOTHING;
        END IF;
        RETURN NULL;
      END
      $$`,
    `CREATE TRIGGER cluster_queue_search_words AFTER DELETE ON cluster_queue
      REFERENCING OLD TABLE AS dequeued FOR EACH STATEMENT EXECUTE FUNCTION nf_record_search_words()`,
    `DROP FUNCTION nf_newest_matches(tsquery, bigint, int, float8, int, bigint)`,
    `CREATE FUNCTION nf_newest_matches(query tsquery, rank_query tsquery, feed bigint, wanted int,
        margin float8, growth int, widest bigint)
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
        RETURN QUERY SELECT items.id, ts_rank(items.search_vector, rank_query) FROM items
          WHERE items.id = ANY (found);
      END
      $$`,
  ],
};
