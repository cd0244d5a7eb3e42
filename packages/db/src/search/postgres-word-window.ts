import { type RawBuilder, sql } from 'kysely';
import type { DbContext } from '../sql/context.js';
import { SEARCH_WINDOW } from './engine.js';

// PostgreSQL, a query without a phrase: its newest matches with their ranks, in one call of
// nf_newest_matches (migration 033), which reads them from the word index by id and word, range by
// range from the newest, and stops at the window. A range costs about the ids it holds, however long
// the words' posting lists; past POSTGRES_MAX_ID_RANGE, the posting lists alone are read (a query
// that rare has short ones).

/** The first id range holds this many times the ids the window needs, by the planner's estimate. */
export const POSTGRES_ID_RANGE_MARGIN = 1.5;
/** Each further id range is this many times wider than the one before. */
export const POSTGRES_ID_RANGE_GROWTH = 4;
/**
 * The widest id range read from the index: the rest of the table is read from the words' posting
 * lists alone (reading an id range costs each id in it).
 */
export const POSTGRES_MAX_ID_RANGE = 20_000;

export interface WordWindowRequest {
  tsquery: RawBuilder<unknown>;
  feedId: number | undefined;
  /** The planner's estimates of the rows matching and of the table's rows. */
  matches: number;
  tableRows: number;
}

export interface WindowRow {
  id: string;
  rank: number;
}

export async function wordWindow(
  ctx: DbContext,
  { tsquery, feedId, matches, tableRows }: WordWindowRequest,
): Promise<WindowRow[]> {
  const share = Math.max(matches, 1) / Math.max(tableRows, 1);
  const widths: number[] = [];
  const widest = Math.min(tableRows, POSTGRES_MAX_ID_RANGE);
  for (
    let width = Math.ceil((POSTGRES_ID_RANGE_MARGIN * SEARCH_WINDOW) / share);
    width < widest;
    width *= POSTGRES_ID_RANGE_GROWTH
  ) {
    widths.push(width);
  }
  const { rows } = await sql<WindowRow>`SELECT id, rank FROM nf_newest_matches(${tsquery},
    ${feedId ?? null}, ${widths}::bigint[], ${SEARCH_WINDOW})`.execute(ctx.kysely);
  return rows;
}
