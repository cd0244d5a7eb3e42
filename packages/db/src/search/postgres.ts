import { sql } from 'kysely';
import type { DbContext } from '../sql/context.js';
import { compareHits, type RankedHit, roundRank, type SearchEngine, type WindowRequest } from './engine.js';
import type { SearchTerm } from './query.js';

// PostgreSQL: the GIN index on search_vector finds a query's matches, read one id range at a time,
// newest range first, each range POSTGRES_RANGE_GROWTH times wider than the one before, until the
// window is full or the table is read: a common word is found in the first, narrow range, a rare one
// in a few steps. The window's rows are ranked by ts_rank, whose weights make a title match (weight
// A) count more than a text match (B), newest first among equals.

/** How many of a query's newest matches are ranked. */
export const POSTGRES_SEARCH_WINDOW = 200;
/** The first id range read, in ids: a query matching one item in this many fills the window at once. */
export const POSTGRES_FIRST_RANGE = 4 * POSTGRES_SEARCH_WINDOW;
/** Each further id range is this many times wider than the one before. */
export const POSTGRES_RANGE_GROWTH = 8;

export function createPostgresSearch(ctx: DbContext): SearchEngine {
  return {
    async window({ terms, feedId }: WindowRequest): Promise<RankedHit[]> {
      const tsquery = sql`to_tsquery('simple', ${toTsQuery(terms)})`;
      const feedFilter = feedId === undefined ? sql`` : sql`AND items.feed_id = ${feedId}`;
      const { rows: bounds } = await sql<{ oldest: string | null; newest: string | null }>`SELECT
          (SELECT min(id) FROM items) AS oldest, (SELECT max(id) FROM items) AS newest`.execute(ctx.kysely);
      const oldest = Number(bounds[0]?.oldest ?? 1);
      let high = Number(bounds[0]?.newest ?? 0);
      let range = POSTGRES_FIRST_RANGE;
      const window: RankedHit[] = [];
      while (window.length < POSTGRES_SEARCH_WINDOW && high >= oldest) {
        const low = high - range;
        const { rows } = await sql<{ id: string; rank: number }>`SELECT items.id,
            ts_rank(items.search_vector, ${tsquery}) AS rank
          FROM items WHERE items.search_vector @@ ${tsquery} AND items.id > ${low} AND items.id <= ${high} ${feedFilter}
          ORDER BY items.id DESC LIMIT ${POSTGRES_SEARCH_WINDOW - window.length}`.execute(ctx.kysely);
        for (const row of rows) window.push({ id: Number(row.id), rank: roundRank(Number(row.rank)) });
        high = low;
        range *= POSTGRES_RANGE_GROWTH;
      }
      return window.sort(compareHits);
    },
  };
}

/**
 * to_tsquery: each token single-quoted (it holds no quote), a phrase's tokens joined by <->, a
 * prefix's last one with :*, the terms ANDed, an exclusion negated with !.
 */
export function toTsQuery(terms: SearchTerm[]): string {
  return terms
    .map((term) => {
      const last = term.tokens.length - 1;
      const tokens = term.tokens.map((token, index) => `'${token}'${term.prefix && index === last ? ':*' : ''}`);
      return `${term.exclude ? '!' : ''}(${tokens.join(' <-> ')})`;
    })
    .join(' & ');
}
