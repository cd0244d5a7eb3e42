import { sql } from 'kysely';
import type { DbContext } from '../sql/context.js';
import { compareHits, type RankedHit, roundRank, type SearchEngine, type WindowRequest } from './engine.js';
import type { SearchTerm } from './query.js';

// PostgreSQL: a query's newest matches, ranked by ts_rank, whose weights make a title match (weight
// A) count more than a text match (B), newest first among equals. Testing a row reads its whole
// tsvector (out of line, ~7 µs), a cost the planner does not see, so the matches are found in two
// steps whose plans are fixed:
// - the newest POSTGRES_PROBE_IDS ids, walked backwards and tested one by one: a common word fills
//   the window there after a few rows, and its long GIN posting list is never read;
// - then id ranges, each POSTGRES_RANGE_GROWTH times wider than the one before, read as bitmap scans
//   of the GIN index ANDed with the id range (the planner, blind to the test's cost, would walk the
//   range row by row), until the window is full or the table is read.
// A phrase is looked up in the word-pair index (migration 007) instead: a rare phrase of common words
// would otherwise test every row holding its words.

/** How many of a query's newest matches are ranked. */
export const POSTGRES_SEARCH_WINDOW = 100;
/** The newest ids tested one by one; the first id range after them is POSTGRES_RANGE_GROWTH times wider. */
export const POSTGRES_PROBE_IDS = 10 * POSTGRES_SEARCH_WINDOW;
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
      const ids: number[] = [];
      // A phrase's pairs are tested through their index only (the word-pair expression per row is slow).
      if (pairs === null) {
        const { rows } = await sql<{ id: string }>`SELECT items.id FROM items
          WHERE ${match} AND items.id > ${high - POSTGRES_PROBE_IDS}
          ORDER BY items.id DESC LIMIT ${POSTGRES_SEARCH_WINDOW}`.execute(kysely);
        ids.push(...rows.map((row) => Number(row.id)));
        high -= POSTGRES_PROBE_IDS;
      }
      if (ids.length < POSTGRES_SEARCH_WINDOW && high >= oldest) {
        // ctx.transaction: inside db.transaction it joins that transaction (Kysely has no nested ones).
        await ctx.transaction(async (trx) => {
          await sql`SET LOCAL enable_indexscan = off`.execute(trx);
          await sql`SET LOCAL enable_seqscan = off`.execute(trx);
          for (
            let range = POSTGRES_PROBE_IDS * POSTGRES_RANGE_GROWTH;
            ids.length < POSTGRES_SEARCH_WINDOW && high >= oldest;
          ) {
            const low = high - range;
            const { rows } = await sql<{ id: string }>`SELECT items.id FROM items
              WHERE ${match} AND items.id > ${low} AND items.id <= ${high}
              ORDER BY items.id DESC LIMIT ${POSTGRES_SEARCH_WINDOW - ids.length}`.execute(trx);
            ids.push(...rows.map((row) => Number(row.id)));
            high = low;
            range *= POSTGRES_RANGE_GROWTH;
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
