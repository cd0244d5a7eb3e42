import { type RawBuilder, sql } from 'kysely';
import type { DbContext } from '../sql/context.js';
import {
  compareHits,
  type RankedHit,
  roundRank,
  SEARCH_WINDOW,
  type SearchEngine,
  type WindowRequest,
} from './engine.js';
import { hasPhrase, phraseWindow } from './postgres-phrase.js';
import { bitmapScansOnly, estimateRows } from './postgres-plan.js';
import { toTsQuery } from './postgres-tsquery.js';
import { wordWindow } from './postgres-word-window.js';

// PostgreSQL: a query's newest matches, ranked by ts_rank, whose weights make a title match (weight
// A) count more than a text match (B), newest first among equals. Two costs the planner does not see
// decide the plan, so it is chosen here from the planner's estimate of the matching share:
// - testing a row reads its whole tsvector (out of line): a common query walks the primary key
//   backwards from the newest row, testing each, and never reads its long GIN posting list;
// - a GIN bitmap costs every entry of the posting lists it reads: a rarer query reads them once per
//   id range, ANDed with the range (only the range's matches visit the table), the first range sized
//   to hold the window, each next POSTGRES_RANGE_GROWTH times wider, all in one statement that stops
//   at the window (Append runs its branches in order).
// A phrase is found through its words' id ranges, each row holding them checked for their positions,
// down to a recency bound (postgres-phrase.ts). Any other query but a common prefix is read from the
// word index by id range (postgres-word-window.ts).

/**
 * The most rows a query may be expected to test walking backwards to fill the window; a rarer query
 * reads the GIN index (a walk costs each row tested, a bitmap each entry of the posting lists).
 */
export const POSTGRES_WALK_LIMIT = 2000;
/** A walk stops, short of the window, after this many times the rows it was expected to test. */
export const POSTGRES_WALK_MARGIN = 2;
/**
 * The first id range holds this many times the matches the window misses, by the estimate: every
 * match in a range is read from the table, so a range too wide costs more than one more range.
 */
export const POSTGRES_RANGE_MARGIN = 1;
/** Each further id range is this many times wider than the one before. */
export const POSTGRES_RANGE_GROWTH = 4;

interface HitRow {
  id: string;
  rank: number;
}

export function createPostgresSearch(ctx: DbContext): SearchEngine {
  const { kysely } = ctx;
  return {
    async window({ terms, feedId }: WindowRequest): Promise<RankedHit[]> {
      const tsquery = sql`to_tsquery('simple', ${toTsQuery(terms)})`;
      const feed = feedId === undefined ? sql`` : sql`AND items.feed_id = ${feedId}`;
      // IS TRUE keeps the planner off the word index for a walk.
      const tested = sql`(items.search_vector @@ ${tsquery}) IS TRUE ${feed}`;
      const indexed = sql`items.search_vector @@ ${tsquery} ${feed}`;
      const rank = sql`ts_rank(items.search_vector, ${tsquery})`;
      const phrase = hasPhrase(terms);
      const prefix = terms.some((term) => term.prefix && !term.exclude);
      if (phrase) return ranked(await phraseWindow(ctx, terms, indexed, rank));
      if (!prefix) return ranked(await wordWindow(ctx, terms, feedId));
      const [matches = 1, tableRows = 1] = await estimateRows(ctx, [indexed, sql`true`]);
      let share = matches / tableRows;
      const common = SEARCH_WINDOW / share <= POSTGRES_WALK_LIMIT;
      // GIN reads a prefix's whole posting lists whatever the id range: a common one is walked.
      if (!common) return ranked(await wordWindow(ctx, terms, feedId));
      const hits: HitRow[] = [];
      const walk = Math.ceil((POSTGRES_WALK_MARGIN * SEARCH_WINDOW) / share);
      const { rows } = await sql<HitRow & { newest: string | null }>`SELECT bounds.newest, hit.id, hit.rank
        FROM (SELECT max(id) AS newest FROM items) AS bounds
        LEFT JOIN LATERAL (SELECT items.id, ${rank} AS rank FROM items
          WHERE items.id > bounds.newest - ${walk} AND ${tested}
          ORDER BY items.id DESC LIMIT ${SEARCH_WINDOW}) AS hit ON true`.execute(kysely);
      hits.push(...rows.filter((row) => row.id !== null));
      const newest = Number(rows[0]?.newest ?? 0);
      const below = newest - walk;
      // Fewer than expected: the rest of the table is rarer than estimated.
      share = Math.min(share, Math.max(hits.length, 1) / walk);
      if (hits.length >= SEARCH_WINDOW || below < 1) return ranked(hits);
      const missing = SEARCH_WINDOW - hits.length;
      const first = Math.ceil((POSTGRES_RANGE_MARGIN * missing) / share);
      hits.push(
        ...(await ctx.transaction(async (trx) => {
          await bitmapScansOnly(trx);
          const { rows } = await sql<HitRow>`WITH found AS MATERIALIZED (SELECT branch.id
              FROM (${rangeBranches(indexed, below, first)}) AS branch LIMIT ${missing})
            SELECT items.id, ${rank} AS rank FROM items WHERE items.id IN (SELECT id FROM found)`.execute(
            trx,
          );
          return rows;
        })),
      );
      return ranked(hits);
    },
  };
}

/**
 * The matches at or below the id `top`, newest first: id ranges from `first` wide, each next one
 * POSTGRES_RANGE_GROWTH times wider, the last one down to the oldest.
 */
function rangeBranches(match: RawBuilder<unknown>, top: number, first: number): RawBuilder<unknown> {
  const branches: RawBuilder<unknown>[] = [];
  let low = 0;
  for (let width = first; top - width > 0; width *= POSTGRES_RANGE_GROWTH) {
    branches.push(sql`(SELECT items.id FROM items WHERE ${match}
      AND items.id > ${top - width} AND items.id <= ${top - low} ORDER BY items.id DESC)`);
    low = width;
  }
  branches.push(sql`(SELECT items.id FROM items WHERE ${match}
    AND items.id <= ${top - low} ORDER BY items.id DESC)`);
  return sql.join(branches, sql` UNION ALL `);
}

function ranked(rows: HitRow[]): RankedHit[] {
  return rows.map((row) => ({ id: Number(row.id), rank: roundRank(Number(row.rank)) })).sort(compareHits);
}
