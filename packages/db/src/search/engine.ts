import type { SearchTerm } from './query.js';

// What each engine's search provides (sqlite.ts, postgres.ts): a query's newest matches, ranked in
// the engine's own way. search.ts makes pages of them, the same on both engines.

/**
 * How many of a query's newest matches are ranked, and the most it can page through: a phrase's
 * matches cost both engines a position check of every item holding its words, per match found.
 */
export const SEARCH_WINDOW = 100;

export interface WindowRequest {
  /** Parsed, with at least one term that is not an exclusion. */
  terms: SearchTerm[];
  feedId?: number;
}

export interface RankedHit {
  id: number;
  /** Higher is more relevant; rounded, so that cursors compare it exactly. */
  rank: number;
}

export interface SearchEngine {
  /** The query's newest SEARCH_WINDOW matches, ranked: highest rank first, then newest. */
  window(request: WindowRequest): Promise<RankedHit[]>;
}

/** Rank descending, then id descending (newest first). */
export function compareHits(a: RankedHit, b: RankedHit): number {
  return b.rank - a.rank || b.id - a.id;
}

/** A rank rounded so that the same hit gets the same rank on every page (cursors compare it exactly). */
export function roundRank(rank: number): number {
  return Math.round(rank * 1e6) / 1e6;
}
