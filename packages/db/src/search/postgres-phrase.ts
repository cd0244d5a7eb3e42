import type { SearchTerm } from './query.js';

// PostgreSQL phrases: GIN keeps no positions, so a phrase's candidates are the rows holding all its
// words, each then checked for positions, its whole tsvector read from TOAST (~5 pages). A rare
// phrase of common words would check a fifth of the table: a phrase search checks only the newest
// candidates, about POSTGRES_PHRASE_CHECKS of them by the planner's estimate, and ranks the matches
// among those (a recency bound: no word-pair index makes it exhaustive, it cost most of an insert).

/** About how many rows holding a phrase's words one search checks for the phrase, newest first. */
export const POSTGRES_PHRASE_CHECKS = 1000;

/** Whether the query has a phrase (two words or more that must be adjacent) to look for. */
export function hasPhrase(terms: SearchTerm[]): boolean {
  return terms.some((term) => !term.exclude && term.tokens.length > 1);
}

/**
 * The lowest id a phrase search reads above: the newest rows expected to hold the phrase's words
 * POSTGRES_PHRASE_CHECKS times, given their share of the table.
 */
export function phraseFloor(newest: number, wordsShare: number): number {
  return Math.max(0, newest - Math.ceil(POSTGRES_PHRASE_CHECKS / wordsShare));
}
