import { type RawBuilder, sql } from 'kysely';
import { type RankedHit, SEARCH_WINDOW } from './engine.js';
import { toTsQuery } from './postgres-tsquery.js';
import type { SearchTerm } from './query.js';

// PostgreSQL, a query without a phrase: its newest matches with their ranks, in one call of
// nf_newest_matches. Two costs the planner does not see decide how, from its estimates:
// - testing a row reads its whole tsvector (out of line), so only a common prefix walks the primary
//   key back from the newest row, testing each: GIN reads a prefix's posting lists whole;
// - any other query is read from the word index by id and word, range by range from the newest,
//   stopping at the window. A range costs about the ids it holds, however long the words' posting
//   lists. The first is sized by the planner's estimate, each next one by the share found so far;
//   all matches are read at once when they are expected to cost less than the next range.

/**
 * The most rows a prefix may be expected to test walking back to fill the window; a rarer one is
 * read from the word index (a walk costs each row tested, a prefix's bitmap each of its postings).
 */
export const POSTGRES_WALK_LIMIT = 3000;
/** A walk stops, short of the window, after this many times the rows it was expected to test. */
export const POSTGRES_WALK_MARGIN = 2;
/** Each id range holds this many times the matches still missing, at the share known. */
export const POSTGRES_ID_RANGE_MARGIN = 1.5;
/**
 * POSTGRES_ID_RANGE_MARGIN for a query with a prefix: each further range reads the prefix's posting
 * lists whole again, which costs more than the extra matches a wider range reads.
 */
export const POSTGRES_PREFIX_RANGE_MARGIN = 3;
/** Each next id range reaches at least this many times further back than the ranges before it. */
export const POSTGRES_ID_RANGE_GROWTH = 2;
/**
 * Reading a match from the table costs about as much as this many ids of an id range in the word
 * index: all matches are read at once when their expected number times this is below the cost of
 * the next range (its ids and matches, newer ones included).
 */
export const POSTGRES_MATCH_COST_IN_IDS = 12;

/** The call of nf_newest_matches for `terms` (no phrase among them), with this file's settings. */
export function wordWindowCall(terms: SearchTerm[], feedId: number | undefined): RawBuilder<RankedHit> {
  const prefix = terms.some((term) => term.prefix && !term.exclude);
  const margin = prefix ? POSTGRES_PREFIX_RANGE_MARGIN : POSTGRES_ID_RANGE_MARGIN;
  const walkLimit = prefix ? POSTGRES_WALK_LIMIT : 0;
  return sql<RankedHit>`SELECT id, rank FROM nf_newest_matches(
    to_tsquery('simple', ${toTsQuery(terms)}), ${feedId ?? null}::bigint, ${SEARCH_WINDOW}, ${margin},
    ${POSTGRES_ID_RANGE_GROWTH}, ${POSTGRES_MATCH_COST_IN_IDS}, ${walkLimit}, ${POSTGRES_WALK_MARGIN})`;
}
