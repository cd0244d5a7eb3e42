import { type RawBuilder, sql } from 'kysely';
import { type RankedHit, SEARCH_WINDOW } from './engine.js';
import { toTsQuery, tsQueryWords } from './postgres-tsquery.js';
import type { SearchTerm } from './query.js';

// PostgreSQL phrases: GIN keeps no positions, so a phrase's candidates are the rows holding all its
// words, each then checked for its positions in its tsvector. A rare phrase of common words has many:
// a search checks only the newest, about POSTGRES_PHRASE_CHECKS by the planner's estimate within the
// newest POSTGRES_PHRASE_MAX_IDS ids, or all when that costs less, found the cheapest of three ways by
// the estimates (POSTGRES_PHRASE_COSTS), in one call of nf_phrase_window:
// - all: the words' posting lists alone, every candidate checked (few candidates, or rare words);
// - id ranges: the word index's id-bucket column intersects each id range with the posting lists, ranges
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
  /** An id of a range read from the word index's id-bucket column. */
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

/** The call of nf_phrase_window for `terms`, which have a phrase, with this file's settings. */
export function phraseWindowCall(terms: SearchTerm[], feedId: number | undefined): RawBuilder<RankedHit> {
  const words = [...new Set(terms.flatMap((term) => (term.exclude ? [] : tsQueryWords(term))))];
  const { indexedId, keyId, posting, check } = POSTGRES_PHRASE_COSTS;
  return sql<RankedHit>`SELECT id, rank FROM nf_phrase_window(to_tsquery('simple', ${toTsQuery(terms)}),
    ${words}::tsquery[], ${feedId ?? null}::bigint, ${SEARCH_WINDOW}, ${POSTGRES_PHRASE_CHECKS},
    ${POSTGRES_PHRASE_FIRST_CHECKS}, ${POSTGRES_PHRASE_MAX_IDS}, ${POSTGRES_PHRASE_GROWTH},
    ${[indexedId, keyId, posting, check]}::float8[])`;
}
