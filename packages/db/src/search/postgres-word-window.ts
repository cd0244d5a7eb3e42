import { type RawBuilder, sql } from 'kysely';
import type { DbContext } from '../sql/context.js';
import { SEARCH_WINDOW } from './engine.js';

// PostgreSQL, a query without a phrase: its newest matches with their ranks, in one call of
// nf_newest_matches (migration 042), which reads them from the word index by id and word, range by
// range from the newest, the first sized by the planner's estimate, and stops at the window. A range
// costs about the ids it holds, however long the words' posting lists; past POSTGRES_MAX_ID_RANGE,
// a range of the primary key is ANDed with the words' posting lists read whole (a query that rare has
// short ones), and past POSTGRES_KEY_RANGE_IDS_PER_MATCH every match is read.

/** The first id range holds this many times the ids the window needs, by the planner's estimate. */
export const POSTGRES_ID_RANGE_MARGIN = 1.5;
/** Each further id range is this many times wider than the one before. */
export const POSTGRES_ID_RANGE_GROWTH = 4;
/** The widest id range read from the word index (reading an id range costs each id in it). */
export const POSTGRES_MAX_ID_RANGE = 20_000;
/**
 * Wider ranges are read from the primary key, ANDed with the words' whole posting lists, while they
 * hold fewer than this many ids per match the planner expects in the whole table (reading a match
 * from the table costs about as much as this many ids of a key range); past that, every match is read.
 */
export const POSTGRES_KEY_RANGE_IDS_PER_MATCH = 100;

export interface WindowRow {
  id: string;
  rank: number;
}

/** The newest matches of `tsquery`, ranked by `rankQuery` (the query as typed; by default the same). */
export async function wordWindow(
  ctx: DbContext,
  tsquery: RawBuilder<unknown>,
  feedId: number | undefined,
  rankQuery: RawBuilder<unknown> = tsquery,
): Promise<WindowRow[]> {
  const { rows } = await sql<WindowRow>`SELECT id, rank FROM nf_newest_matches(${tsquery}, ${rankQuery},
    ${feedId ?? null}::bigint, ${SEARCH_WINDOW}, ${POSTGRES_ID_RANGE_MARGIN}, ${POSTGRES_ID_RANGE_GROWTH},
    ${POSTGRES_MAX_ID_RANGE}, ${POSTGRES_KEY_RANGE_IDS_PER_MATCH})`.execute(ctx.kysely);
  return rows;
}
