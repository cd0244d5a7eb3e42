import type { SearchTerm } from './search-query.js';
import { foldWord } from './snippet.js';

// Ranking of a query's window of recent matches, computed here rather than by the engines, so that it
// is the same on SQLite and PostgreSQL and costs the same at any database size. The engines' own
// ranking functions read far more than the window: FTS5's bm25() counts every row that contains each
// term (a whole posting-list scan per term and query, to get its idf), and ts_rank() de-TOASTs each
// row's whole tsvector.
//
// A hit's rank is the sum over the query's terms of the term's weight (its idf: rarer terms weigh more)
// times TITLE_WEIGHT when the term is in the title, times 1 when it is only in the text (every row of
// the window matches every term somewhere). Equal ranks list the newest first. Term weights come from
// `documentFrequency` estimates (see estimateIdf), so a title hit of a rare word outranks a title hit
// of a common one.

/** A title match weighs this many body matches (as bm25(10.0, 1.0) did on SQLite, weight A vs B on PostgreSQL). */
export const TITLE_WEIGHT = 10;

/** The idf of a term found in `documents` of `total` rows (the BM25 form, always positive). */
export function idf(documents: number, total: number): number {
  const n = Math.max(total, documents, 1);
  return Math.log(1 + (n - documents + 0.5) / (documents + 0.5));
}

/**
 * The document frequency of a word from its `sample` most recent matches (newest first): exact when it
 * has fewer matches than `sampleSize`, else the density of matches over the ids they span times the
 * number of rows (ids are assigned in insertion order, so density over recent ids is the word's recent
 * frequency).
 */
export function estimateDocuments(
  sample: number[],
  sampleSize: number,
  newestId: number,
  total: number,
): number {
  if (sample.length < sampleSize) return sample.length;
  const oldest = sample[sample.length - 1]!;
  const density = sample.length / Math.max(1, newestId - oldest + 1);
  return Math.min(total, Math.max(sample.length, Math.round(density * total)));
}

/** The words whose document frequency weighs a term: all of a word's or phrase's tokens but a prefix. */
export function weightedTokens(term: SearchTerm): string[] {
  return term.prefix ? term.tokens.slice(0, -1) : term.tokens;
}

/**
 * Each term's weight: the sum of its tokens' idf (a phrase is about as rare as all its words together).
 * A bare prefix (no whole word to look up) weighs the mean of the other terms' weights, or 1.
 */
export function termWeights(terms: SearchTerm[], idfOf: ReadonlyMap<string, number>): number[] {
  const weights = terms.map((term) => {
    const tokens = weightedTokens(term);
    return tokens.length === 0 ? null : tokens.reduce((sum, token) => sum + (idfOf.get(token) ?? 0), 0);
  });
  const known = weights.filter((weight): weight is number => weight !== null);
  const fallback = known.length > 0 ? known.reduce((sum, weight) => sum + weight, 0) / known.length : 1;
  return weights.map((weight) => weight ?? fallback);
}

/** A compiled query: tells whether a title contains each term (word, phrase, prefix), as the engines tokenize it. */
export function titleMatcher(terms: SearchTerm[]): (title: string) => boolean[] {
  const folded = terms.map((term) => ({ tokens: term.tokens.map(foldWord), prefix: term.prefix }));
  return (title) => {
    const text = foldWord(title);
    let words: string[] | null = null;
    return folded.map(({ tokens, prefix }) => {
      // Most titles do not contain the term at all: a substring test rules them out without splitting.
      if (!text.includes(tokens[0]!)) return false;
      words ??= text.match(TOKEN) ?? [];
      const last = tokens.length - 1;
      for (let start = 0; start + last < words.length; start += 1) {
        let matched = true;
        for (let index = 0; index <= last && matched; index += 1) {
          const word = words[start + index]!;
          const token = tokens[index]!;
          matched = prefix && index === last ? word.startsWith(token) : word === token;
        }
        if (matched) return true;
      }
      return false;
    });
  };
}

const TOKEN = /[\p{L}\p{N}]+/gu;

export interface RankedHit {
  id: number;
  rank: number;
}

/** Ranks `window` (rows of the query's most recent matches): highest rank first, then newest first. */
export function rankWindow(
  window: { id: number; title: string }[],
  terms: SearchTerm[],
  weights: number[],
): RankedHit[] {
  const inTitle = titleMatcher(terms);
  const ranked = window.map((row) => {
    const found = inTitle(row.title);
    let rank = 0;
    weights.forEach((weight, index) => {
      rank += weight * (found[index] ? TITLE_WEIGHT : 1);
    });
    // Rounded so that the same hit gets the same rank on every page (cursors compare ranks exactly).
    return { id: row.id, rank: Math.round(rank * 1e6) / 1e6 };
  });
  return ranked.sort(compareHits);
}

/** Rank descending, then id descending (newest first). */
export function compareHits(a: RankedHit, b: RankedHit): number {
  return b.rank - a.rank || b.id - a.id;
}

/**
 * One hit per story: the best-ranked item of each (hits are in compareHits order), so that two copies
 * of one story are not two results opening the same page. Items without a story stand alone.
 */
export function bestOfEachStory(hits: RankedHit[], storyOf: ReadonlyMap<number, number | null>): RankedHit[] {
  const seen = new Set<number>();
  return hits.filter((hit) => {
    const storyId = storyOf.get(hit.id) ?? null;
    if (storyId === null) return true;
    if (seen.has(storyId)) return false;
    seen.add(storyId);
    return true;
  });
}

/** The hits after the cursor's (rank, id) in compareHits order. */
export function afterCursor(hits: RankedHit[], rank: number, id: number): RankedHit[] {
  return hits.filter((hit) => hit.rank < rank || (hit.rank === rank && hit.id < id));
}
