import { type RawBuilder, sql } from 'kysely';
import type { DbContext } from '../sql/context.js';
import { SEARCH_WINDOW } from './engine.js';
import { bitmapScansOnly, estimateRows } from './postgres-plan.js';
import type { SearchTerm } from './query.js';

// PostgreSQL phrases: GIN keeps no positions, so a phrase's candidates are the rows holding all its
// words, each then checked for its positions in its tsvector. A rare phrase of common words would
// check a fifth of the table: a search checks only the newest candidates, about
// POSTGRES_PHRASE_CHECKS of them by the planner's estimate and within the newest
// POSTGRES_PHRASE_MAX_IDS ids (a recency bound: no word-pair index makes it exhaustive, it cost most
// of an insert), or all of them when that costs less. Of three ways to find them, the cheapest by the
// estimates (POSTGRES_PHRASE_COSTS) is taken:
// - all: the words' posting lists alone, every candidate checked (few candidates, or rare words);
// - id ranges: the word index's (-id) column intersects each id range with the posting lists, ranges
//   newest first, each POSTGRES_PHRASE_GROWTH times wider, stopping at the window (common words);
// - key range: the posting lists ANDed with one primary-key range down to the bound (rare words, many
//   candidates).

/** About how many rows holding a phrase's words one search checks for the phrase, newest first. */
export const POSTGRES_PHRASE_CHECKS = 1000;
/**
 * The most of the newest ids a bounded phrase search reads (fewer than POSTGRES_PHRASE_CHECKS
 * candidates when the phrase's words are rarer): reading an id range costs each id in it.
 */
export const POSTGRES_PHRASE_MAX_IDS = 25_000;
/** The first id range holds about this many rows holding the phrase's words, by the estimate. */
export const POSTGRES_PHRASE_FIRST_CHECKS = 250;
/** Each further id range is this many times wider than the one before. */
export const POSTGRES_PHRASE_GROWTH = 4;
/** What each step of a phrase search costs, relative to the others, per item id, entry or row. */
export const POSTGRES_PHRASE_COSTS = {
  /** An id of a range read from the word index's (-id) column. */
  indexedId: 2.5,
  /** An id of a range read from the primary key. */
  keyId: 1,
  /** An entry of the rarest word's posting list (GIN skips through the others' by it). */
  posting: 3,
  /** A row holding the words, checked for the phrase (its tsvector read from TOAST). */
  check: 40,
};

/** Whether the query has a phrase (two words or more that must be adjacent) to look for. */
export function hasPhrase(terms: SearchTerm[]): boolean {
  return terms.some((term) => !term.exclude && term.tokens.length > 1);
}

export interface PhraseRow {
  id: string;
  rank: number;
}

export type PhrasePlan = 'all' | 'id ranges' | 'key range';

/** The planner's estimates of the table's rows, of those holding the phrase's words, and of its rarest word. */
export interface PhraseEstimate {
  rows: number;
  candidates: number;
  rarest: number;
}

/** The newest matches of a query with a phrase, with their ranks; `match` tests a row for the query. */
export async function phraseWindow(
  ctx: DbContext,
  terms: SearchTerm[],
  match: RawBuilder<unknown>,
  rank: RawBuilder<unknown>,
): Promise<PhraseRow[]> {
  const words = [
    ...new Set(
      terms.flatMap((term) =>
        term.exclude
          ? []
          : term.tokens.map((token, index) =>
              term.prefix && index === term.tokens.length - 1 ? `'${token}':*` : `'${token}'`,
            ),
      ),
    ),
  ];
  const [candidates = 1, rows = 1, ...wordRows] = await estimateRows(ctx, [
    match,
    sql`true`,
    ...words.map((word) => sql`items.search_vector @@ to_tsquery('simple', ${word})`),
  ]);
  const estimate = { rows, candidates, rarest: Math.min(...wordRows) };
  const plan = phrasePlan(estimate);
  return ctx.transaction(async (trx) => {
    const newest = await bitmapScansOnly(trx);
    const floor = newest - Math.min(idsHolding(POSTGRES_PHRASE_CHECKS, estimate), POSTGRES_PHRASE_MAX_IDS);
    const found =
      plan === 'id ranges'
        ? idRanges(match, newest, idsHolding(POSTGRES_PHRASE_FIRST_CHECKS, estimate), floor)
        : sql`SELECT items.id FROM items WHERE ${match}
            ${plan === 'key range' ? sql`AND items.id > ${floor}` : sql``} ORDER BY items.id DESC`;
    const { rows } = await sql<PhraseRow>`WITH found AS MATERIALIZED (SELECT range.id
        FROM (${found}) AS range LIMIT ${SEARCH_WINDOW})
      SELECT items.id, ${rank} AS rank FROM items WHERE items.id IN (SELECT id FROM found)`.execute(trx);
    return rows;
  });
}

/** The cheapest way to a phrase's newest POSTGRES_PHRASE_CHECKS candidates, by POSTGRES_PHRASE_COSTS. */
export function phrasePlan({ rows, candidates, rarest }: PhraseEstimate): PhrasePlan {
  const costs = POSTGRES_PHRASE_COSTS;
  const width = idsHolding(POSTGRES_PHRASE_CHECKS, { rows, candidates });
  const all = costs.posting * rarest + costs.check * candidates;
  if (width >= rows) return 'all';
  const checks = costs.check * POSTGRES_PHRASE_CHECKS;
  const idRanges = costs.indexedId * width + checks;
  const keyRange = costs.keyId * width + costs.posting * rarest + checks;
  const cheapest = Math.min(all, idRanges, keyRange);
  return cheapest === idRanges ? 'id ranges' : cheapest === keyRange ? 'key range' : 'all';
}

/** How many of the newest ids are expected to hold `checks` candidates. */
function idsHolding(checks: number, { rows, candidates }: Omit<PhraseEstimate, 'rarest'>): number {
  return Math.ceil((checks * rows) / candidates);
}

/**
 * The matches above the id `floor`, newest first, in id ranges below `newest`: the first `first` ids
 * wide, each next POSTGRES_PHRASE_GROWTH times wider. Append runs the ranges in order and stops at
 * the window. A range's lower bound is read from the index's (-id) column, which yields every id above
 * it; its upper bound is tested on the row (+ 0).
 */
function idRanges(match: RawBuilder<unknown>, newest: number, first: number, floor: number) {
  const ranges: RawBuilder<unknown>[] = [];
  for (let width = first, above: number | null = null; ; width *= POSTGRES_PHRASE_GROWTH) {
    const low = Math.max(floor, newest - width);
    ranges.push(sql`(SELECT items.id FROM items WHERE ${match} AND -items.id < ${-low}::bigint
      ${above === null ? sql`` : sql`AND items.id + 0 <= ${above}::bigint`} ORDER BY items.id DESC)`);
    if (low <= floor) return sql.join(ranges, sql` UNION ALL `);
    above = low;
  }
}
