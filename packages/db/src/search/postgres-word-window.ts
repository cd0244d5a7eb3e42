import { sql } from 'kysely';
import type { DbContext } from '../sql/context.js';
import { SEARCH_WINDOW } from './engine.js';
import { toTsQuery } from './postgres-tsquery.js';
import type { SearchTerm } from './query.js';

// PostgreSQL, a query without a phrase: its newest matches with their ranks, in one call of
// nf_newest_matches, which reads them from the word index by id and word, range by
// range from the newest, the first sized by the planner's estimate, and stops at the window. A range
// costs about the ids it holds, however long the words' posting lists; past POSTGRES_MAX_ID_RANGE,
// the posting lists alone are read (a query that rare has short ones).

/** The first id range holds this many times the ids the window needs, by the planner's estimate. */
export const POSTGRES_ID_RANGE_MARGIN = 1.5;
/** Each further id range is this many times wider than the one before. */
export const POSTGRES_ID_RANGE_GROWTH = 4;
/**
 * The widest id range read from the index: the rest of the table is read from the words' posting
 * lists alone (reading an id range costs each id in it).
 */
export const POSTGRES_MAX_ID_RANGE = 20_000;

export interface WindowRow {
  id: string;
  rank: number;
}

/** The newest matches of `terms`, the first range sized by the rarest term that is not an exclusion. */
export async function wordWindow(
  ctx: DbContext,
  terms: SearchTerm[],
  feedId: number | undefined,
): Promise<WindowRow[]> {
  const words = terms.filter((term) => !term.exclude).map((term) => toTsQuery([term]));
  const { rows } = await sql<WindowRow>`SELECT id, rank FROM nf_newest_matches(
    to_tsquery('simple', ${toTsQuery(terms)}),
    ARRAY(SELECT to_tsquery('simple', word) FROM unnest(${words}::text[]) AS word),
    ${feedId ?? null}::bigint, ${SEARCH_WINDOW}, ${POSTGRES_ID_RANGE_MARGIN}, ${POSTGRES_ID_RANGE_GROWTH},
    ${POSTGRES_MAX_ID_RANGE})`.execute(ctx.kysely);
  return rows;
}
