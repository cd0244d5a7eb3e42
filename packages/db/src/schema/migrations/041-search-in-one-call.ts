import type { Migration } from './migration.js';

// PostgreSQL search: each window in one call, from the planner's estimate to the hits' ranks: a
// phrase's (search/postgres-phrase.ts), and any other query's (search/postgres-word-window.ts).

/**
 * What both window functions are: rows of ids and ranks, in plpgsql, off parallel plans and (until
 * they read the newest id) on plain index scans, with `setting` too if given; each starts from the
 * newest item id.
 */
export function windowFunction(setting?: string): string {
  return `RETURNS TABLE (id bigint, rank real)
      LANGUAGE plpgsql
      SET enable_indexscan = on SET enable_seqscan = off SET max_parallel_workers_per_gather = 0${
        setting
          ? `
      SET ${setting}`
          : ''
      }
      AS $$
      DECLARE
        newest bigint := (SELECT max(items.id) FROM items);`;
}

const WINDOW_FUNCTION = windowFunction();

/**
 * Which way to a phrase's newest `checks` candidates costs least by `costs` (per id read from the
 * word index's (-id) column, per id of the primary key, per posting-list entry, per check), from the
 * planner's estimates of the table's rows, of the candidates and of the phrase's rarest word.
 */
export const PHRASE_PLAN = `CREATE FUNCTION nf_phrase_plan(table_rows float8, candidates float8,
        rarest float8, checks int, costs float8[])
      RETURNS text IMMUTABLE LANGUAGE sql AS $$
        SELECT CASE WHEN width >= table_rows THEN 'all'
            WHEN id_ranges <= least(key_range, everything) THEN 'id ranges'
            WHEN key_range <= everything THEN 'key range' ELSE 'all' END
          FROM (SELECT width, costs[1] * width + costs[4] * checks AS id_ranges,
              costs[2] * width + costs[3] * rarest + costs[4] * checks AS key_range,
              costs[3] * rarest + costs[4] * candidates AS everything
            FROM (SELECT ceil(checks * table_rows / candidates) AS width) AS bound) AS plans
      $$`;

/** What both window functions end with: the ids found, with their ranks. */
export const RANK_FOUND = `
        RETURN QUERY SELECT items.id, ts_rank(items.search_vector, query) FROM items
          WHERE items.id = ANY (found);
      END
      $$`;

/** nf_phrase_window's variables and the planner's estimates, up to the way it takes. */
export const PHRASE_ESTIMATES = `
        feed_match text := CASE WHEN feed IS NULL THEN '' ELSE 'AND items.feed_id = $2' END;
        explained json;
        estimates float8[];
        plan text;
        bound bigint;
        width bigint;
        low bigint;
        above bigint;
        found bigint[] := '{}';
        more bigint[];
      BEGIN
        -- The planner's estimates: the candidates, the table's rows, then each word's rows.
        EXECUTE format('EXPLAIN (FORMAT JSON) SELECT 1 FROM items WHERE items.search_vector @@ $1 %s
            UNION ALL SELECT 1 FROM items %s', feed_match,
            (SELECT string_agg(format('UNION ALL SELECT 1 FROM items WHERE items.search_vector @@ %L::tsquery',
              word), ' ') FROM unnest(words) AS word))
          INTO explained USING query, feed;
        SELECT array_agg(greatest((branch->>'Plan Rows')::float8, 1) ORDER BY n) INTO estimates
          FROM json_array_elements(explained->0->'Plan'->'Plans') WITH ORDINALITY AS branches (branch, n);
        plan := nf_phrase_plan(estimates[2], estimates[1], (SELECT min(e) FROM unnest(estimates[3:]) AS e),
          checks, costs);
        bound := newest - least(ceil(checks * estimates[2] / estimates[1]), max_ids);
        RAISE DEBUG 'nf_phrase_window: %, estimates %, bound %', plan, estimates, bound;
        PERFORM set_config('enable_indexscan', 'off', true);`;

/** nf_phrase_window's ways other than id ranges: one primary-key range, or every candidate. */
export const PHRASE_KEY_RANGE_OR_ALL = `
        ELSE
          EXECUTE format('SELECT array_agg(id) FROM (SELECT items.id FROM items
              WHERE items.search_vector @@ $1 %s %s ORDER BY items.id DESC LIMIT $3) AS range',
            feed_match, CASE WHEN plan = 'key range' THEN format('AND items.id > %L::bigint', bound) ELSE '' END)
            INTO more USING query, feed, wanted;
          found := coalesce(more, '{}');
        END IF;`;

/**
 * A phrase query's newest `wanted` matches with their ranks, by nf_phrase_plan's way (the plans are
 * described in search/postgres-phrase.ts); `words` are the phrase's words, each a tsquery. Its SET
 * clause keeps the planner off parallel plans, and, after the newest id is read, off plain index
 * scans, so that every way is read as bitmaps. Not STABLE: it runs an EXPLAIN. Its plan is logged at
 * DEBUG1.
 */
export const PHRASE_WINDOW = `CREATE FUNCTION nf_phrase_window(query tsquery, words tsquery[], feed bigint,
        wanted int, checks int, first_checks int, max_ids bigint, growth int, costs float8[])
      ${WINDOW_FUNCTION}${PHRASE_ESTIMATES}
        IF plan = 'id ranges' THEN
          -- Newest first, each range growth times wider, down to the bound; a range's lower bound is
          -- read from the index's (-id) column, its upper bound tested on the row (+ 0).
          width := ceil(first_checks * estimates[2] / estimates[1]);
          LOOP
            low := greatest(bound, newest - width);
            EXECUTE format('SELECT array_agg(id) FROM (SELECT items.id FROM items
                WHERE items.search_vector @@ $1 %s AND -items.id < %L::bigint %s
                ORDER BY items.id DESC LIMIT $3) AS range',
              feed_match, -low,
              CASE WHEN above IS NULL THEN '' ELSE format('AND items.id + 0 <= %L::bigint', above) END)
              INTO more USING query, feed, wanted - cardinality(found);
            found := found || coalesce(more, '{}');
            EXIT WHEN cardinality(found) >= wanted OR low <= bound;
            above := low;
            width := width * growth;
          END LOOP;${PHRASE_KEY_RANGE_OR_ALL}${RANK_FOUND}`;

/** nf_newest_matches's variables, the planner's estimates and the walk, up to its id ranges. */
export const NEWEST_ESTIMATES_AND_WALK = `
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
        PERFORM set_config('enable_indexscan', 'off', true);`;

/** nf_newest_matches as search/postgres-word-window.ts describes it: a walk, ranges by share found. */
export const NEWEST_MATCHES_BY_SHARE_FOUND = [
  `DROP FUNCTION nf_newest_matches(tsquery, bigint, int, float8, int, bigint)`,
  `CREATE FUNCTION nf_newest_matches(query tsquery, feed bigint, wanted int,
        margin float8, growth float8, match_cost float8, walk_limit float8, walk_margin float8)
      ${WINDOW_FUNCTION}${NEWEST_ESTIMATES_AND_WALK}
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
        END LOOP;${RANK_FOUND}`,
];

export const searchInOneCall: Migration = {
  version: 41,
  name: 'PostgreSQL search: each window in one call',
  sqlite: [],
  postgres: [PHRASE_PLAN, PHRASE_WINDOW, ...NEWEST_MATCHES_BY_SHARE_FOUND],
};
