import { type RawBuilder, sql } from 'kysely';
import type { DbContext } from '../sql/context.js';
import { SEARCH_WINDOW } from './engine.js';

// PostgreSQL, a query without a phrase: its newest matches, read from the word index by id and word
// (migration 033) in id ranges from the newest, in one statement that stops at the window (Append
// runs its branches in order). GIN intersects a range's id entries with the words' posting lists,
// skipping what lies outside the range, so a common word costs about what its range holds; past
// POSTGRES_MAX_RANGE_IDS, the posting lists alone are read (a rare query's are short).

/** The first id range holds this many times the ids the window needs, by the planner's estimate. */
export const POSTGRES_RANGE_MARGIN = 1.5;
/** Each further id range is this many times wider than the one before. */
export const POSTGRES_RANGE_GROWTH = 4;
/**
 * The widest id range read from the index: the rest of the table is read from the words' posting
 * lists alone (reading an id range costs each id in it).
 */
export const POSTGRES_MAX_RANGE_IDS = 20_000;

export interface WordWindowRequest {
  /** The match on the word index, and the feed's condition if any. */
  match: RawBuilder<unknown>;
  /** The rank of a matching item. */
  rank: RawBuilder<unknown>;
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
  { match, rank, matches, tableRows }: WordWindowRequest,
): Promise<WindowRow[]> {
  const share = Math.max(matches, 1) / Math.max(tableRows, 1);
  const first = Math.ceil((POSTGRES_RANGE_MARGIN * SEARCH_WINDOW) / share);
  return ctx.transaction(async (trx) => {
    // The planner would rather walk the primary key, testing every row (its cost unseen), than read
    // the index; parallel workers would mix the branches' order. The newest id is read under the
    // session's settings (planned before set_config runs).
    const { rows: bounds } = await sql<{ newest: string | null }>`SELECT
        set_config('enable_indexscan', 'off', true), set_config('enable_seqscan', 'off', true),
        set_config('max_parallel_workers_per_gather', '0', true), (SELECT max(id) FROM items) AS newest`.execute(
      trx,
    );
    const top = Number(bounds[0]?.newest ?? 0);
    const { rows } = await sql<WindowRow>`WITH found AS MATERIALIZED (SELECT branch.id
        FROM (${idRanges(match, top, first, Math.min(tableRows, POSTGRES_MAX_RANGE_IDS))}) AS branch
        LIMIT ${SEARCH_WINDOW})
      SELECT items.id, ${rank} AS rank FROM items WHERE items.id IN (SELECT id FROM found)`.execute(trx);
    return rows;
  });
}

/**
 * The matches, newest first: ids above `top - first`, then ranges POSTGRES_RANGE_GROWTH times wider
 * while narrower than `widest`, then all older ids.
 */
function idRanges(
  match: RawBuilder<unknown>,
  top: number,
  first: number,
  widest: number,
): RawBuilder<unknown> {
  const branches: RawBuilder<unknown>[] = [];
  // A range's upper bound is tested on the row (+ 0): as an index condition, GIN would read every
  // id entry below it. Its lower bound must be a bigint for btree_gin to read it from the index.
  let below = sql``;
  let low = 0;
  for (let width = first; width < widest; width *= POSTGRES_RANGE_GROWTH) {
    branches.push(sql`(SELECT items.id FROM items WHERE ${match}
      AND items.id > ${top - width}::bigint ${below} ORDER BY items.id DESC)`);
    low = width;
    below = sql`AND items.id + 0 <= ${top - low}`;
  }
  branches.push(sql`(SELECT items.id FROM items WHERE ${match} ${below} ORDER BY items.id DESC)`);
  return sql.join(branches, sql` UNION ALL `);
}
