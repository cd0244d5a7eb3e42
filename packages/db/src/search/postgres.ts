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
import type { SearchTerm } from './query.js';

// PostgreSQL: a query's newest matches, ranked by ts_rank, whose weights make a title match (weight
// A) count more than a text match (B), newest first among equals. Testing a row reads its whole
// tsvector (out of line, ~7 µs), a cost the planner does not see, so the plan is chosen here from the
// planner's estimate of how many rows match:
// - a query expected to fill the window within POSTGRES_WALK_LIMIT rows walks the primary key
//   backwards from the newest row, testing each: its long GIN posting list is never read;
// - any other reads id ranges, newest first, as bitmap scans of the GIN index ANDed with the range,
//   the first sized to hold the window, each next POSTGRES_RANGE_GROWTH times wider, until the window
//   is full or the table is read (also after a walk that fell short of its estimate).
// A phrase is looked up in the word-pair index (migration 007): a rare phrase of common words would
// otherwise test every row holding its words.

/** The most rows a query is expected to test walking backwards; a rarer query reads the GIN index. */
export const POSTGRES_WALK_LIMIT = 10 * SEARCH_WINDOW;
/** The first id range holds this many times the window's expected matches. */
export const POSTGRES_RANGE_MARGIN = 2;
/** Each further id range is this many times wider than the one before. */
export const POSTGRES_RANGE_GROWTH = 8;

export function createPostgresSearch(ctx: DbContext): SearchEngine {
  const { kysely } = ctx;
  return {
    async window({ terms, feedId }: WindowRequest): Promise<RankedHit[]> {
      const tsquery = sql`to_tsquery('simple', ${toTsQuery(terms)})`;
      const pairs = await phrasePairs(ctx, terms);
      // With a phrase, IS TRUE keeps the planner from also reading the word index: its matches would
      // all be rechecked against the word-pair expression, the cost avoided.
      const match = sql`${
        pairs === null
          ? sql`items.search_vector @@ ${tsquery}`
          : sql`nf_word_pairs(items.search_vector) @@ ${pairs}::tsquery AND (items.search_vector @@ ${tsquery}) IS TRUE`
      } ${feedId === undefined ? sql`` : sql`AND items.feed_id = ${feedId}`}`;
      const { rows: bounds } = await sql<{ oldest: string | null; newest: string | null }>`SELECT
          (SELECT min(id) FROM items) AS oldest, (SELECT max(id) FROM items) AS newest`.execute(kysely);
      const oldest = Number(bounds[0]?.oldest ?? 1);
      let high = Number(bounds[0]?.newest ?? 0);
      const share = (await estimatedRows(ctx, match)) / Math.max(1, high - oldest + 1);
      const ids: number[] = [];
      const walk = Math.ceil(SEARCH_WINDOW / Math.max(share, 1e-9));
      // A phrase's pairs are tested through their index only (the word-pair expression per row is slow).
      if (pairs === null && walk <= POSTGRES_WALK_LIMIT) {
        const { rows } = await sql<{ id: string }>`SELECT items.id FROM items
          WHERE ${match} AND items.id > ${high - POSTGRES_RANGE_MARGIN * walk}
          ORDER BY items.id DESC LIMIT ${SEARCH_WINDOW}`.execute(kysely);
        ids.push(...rows.map((row) => Number(row.id)));
        high -= POSTGRES_RANGE_MARGIN * walk;
      }
      if (ids.length < SEARCH_WINDOW && high >= oldest) {
        // ctx.transaction: inside db.transaction it joins that transaction (Kysely has no nested ones).
        await ctx.transaction(async (trx) => {
          await sql`SET LOCAL enable_indexscan = off`.execute(trx);
          await sql`SET LOCAL enable_seqscan = off`.execute(trx);
          for (
            let range = POSTGRES_RANGE_MARGIN * walk;
            ids.length < SEARCH_WINDOW && high >= oldest;
            range *= POSTGRES_RANGE_GROWTH
          ) {
            const { rows } = await sql<{ id: string }>`SELECT items.id FROM items
              WHERE ${match} AND items.id > ${high - range} AND items.id <= ${high}
              ORDER BY items.id DESC LIMIT ${SEARCH_WINDOW - ids.length}`.execute(trx);
            ids.push(...rows.map((row) => Number(row.id)));
            high -= range;
          }
          // Back to the session's settings for whatever else runs in this transaction.
          await sql`RESET enable_indexscan`.execute(trx);
          await sql`RESET enable_seqscan`.execute(trx);
        });
      }
      if (ids.length === 0) return [];
      const { rows } = await sql<{ id: string; rank: number }>`SELECT items.id,
          ts_rank(items.search_vector, ${tsquery}) AS rank
        FROM items WHERE items.id = ANY(${ids}::bigint[])`.execute(kysely);
      return rows.map((row) => ({ id: Number(row.id), rank: roundRank(Number(row.rank)) })).sort(compareHits);
    },
  };
}

/** The planner's estimate of the rows matching (from the column's and the word-pair index's statistics). */
async function estimatedRows(ctx: DbContext, match: RawBuilder<unknown>): Promise<number> {
  const { rows } = await sql<{ 'QUERY PLAN': [{ Plan: { 'Plan Rows': number } }] }>`EXPLAIN (FORMAT JSON)
    SELECT 1 FROM items WHERE ${match}`.execute(ctx.kysely);
  return rows[0]?.['QUERY PLAN'][0].Plan['Plan Rows'] ?? 1;
}

/**
 * The adjacent word pairs of the query's phrases (but a prefix's last word) as a tsquery of the
 * word-pair index, made by the parser and nf_word_pairs that made the index; null without a phrase.
 */
async function phrasePairs(ctx: DbContext, terms: SearchTerm[]): Promise<string | null> {
  const phrases = terms
    .filter((term) => !term.exclude)
    .map((term) => (term.prefix ? term.tokens.slice(0, -1) : term.tokens))
    .filter((tokens) => tokens.length > 1)
    .map((tokens) => tokens.join(' '));
  if (phrases.length === 0) return null;
  const { rows } = await sql<{ pairs: string | null }>`SELECT
      string_agg(DISTINCT quote_literal(pair.lexeme), ' & ') AS pairs
    FROM unnest(${phrases}::text[]) AS phrase(text),
      unnest(nf_word_pairs(to_tsvector('simple', phrase.text))) AS pair`.execute(ctx.kysely);
  return rows[0]?.pairs ?? null;
}

/**
 * to_tsquery: each token single-quoted (it holds no quote), a phrase's tokens joined by <->, a
 * prefix's last one with :*, the terms ANDed, an exclusion negated with !.
 */
export function toTsQuery(terms: SearchTerm[]): string {
  return terms
    .map((term) => {
      const last = term.tokens.length - 1;
      const tokens = term.tokens.map(
        (token, index) => `'${token}'${term.prefix && index === last ? ':*' : ''}`,
      );
      return `${term.exclude ? '!' : ''}(${tokens.join(' <-> ')})`;
    })
    .join(' & ');
}
