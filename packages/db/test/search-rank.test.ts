import { describe, expect, it } from 'vitest';
import { parseSearchQuery } from '../src/search/search-query.js';
import {
  afterCursor,
  estimateDocuments,
  idf,
  rankWindow,
  TITLE_WEIGHT,
  termWeights,
  titleMatcher,
} from '../src/search/search-rank.js';

describe('search ranking', () => {
  it('weighs rare words above common ones, never below zero', () => {
    expect(idf(10, 1_000_000)).toBeGreaterThan(idf(10_000, 1_000_000));
    expect(idf(10_000, 1_000_000)).toBeGreaterThan(idf(900_000, 1_000_000));
    expect(idf(1_000_000, 1_000_000)).toBeGreaterThan(0);
    expect(idf(5, 0)).toBeGreaterThan(0);
  });

  it('counts a rare word exactly and estimates a common one from the density of its recent matches', () => {
    expect(estimateDocuments([90, 50, 7], 100, 100, 100)).toBe(3);
    // 100 matches among the newest 200 ids of 10,000: about half of all rows.
    const sample = Array.from({ length: 100 }, (_, i) => 10_000 - i * 2);
    const estimate = estimateDocuments(sample, 100, 10_000, 10_000);
    expect(estimate).toBeGreaterThan(4_900);
    expect(estimate).toBeLessThan(5_100);
    // Never more than the rows there are, never fewer than the matches seen.
    expect(estimateDocuments([5, 4, 3], 3, 5, 4)).toBe(4);
  });

  it('finds words, phrases and prefixes in titles as the tokenizers do (case and accents folded)', () => {
    const match = titleMatcher(parseSearchQuery('café "central bank" infla* rates'));
    expect(match('Central Bank raises RATES as inflation bites at the Cafe')).toEqual([
      true,
      true,
      true,
      true,
    ]);
    expect(match('Bank central: rates')).toEqual([false, false, false, true]);
    // Words, not substrings: "rates" is not in "pirates", "infla" starts no word of "deflation".
    expect(match('Pirates and deflation')).toEqual([false, false, false, false]);
    expect(titleMatcher(parseSearchQuery('"grain exp"*'))('Grain exports resume')).toEqual([true]);
  });

  it('gives a bare prefix the mean weight of the other terms', () => {
    const terms = parseSearchQuery('kyiv "peace talks" tal*');
    const weights = termWeights(
      terms,
      new Map([
        ['kyiv', 4],
        ['peace', 1],
        ['talks', 1],
      ]),
    );
    expect(weights).toEqual([4, 2, 3]);
    expect(termWeights(parseSearchQuery('tal*'), new Map())).toEqual([1]);
  });

  it('ranks title matches first, rarer words higher, then the newest first', () => {
    const terms = parseSearchQuery('kyiv talks');
    const weights = [3, 1];
    const ranked = rankWindow(
      [
        { id: 1, title: 'Kyiv talks resume' },
        { id: 2, title: 'Weather' },
        { id: 3, title: 'Talks go on' },
        { id: 4, title: 'In Kyiv' },
        { id: 5, title: 'Markets' },
      ],
      terms,
      weights,
    );
    expect(ranked.map((hit) => hit.id)).toEqual([1, 4, 3, 5, 2]);
    expect(ranked[0]!.rank).toBe(3 * TITLE_WEIGHT + 1 * TITLE_WEIGHT);
    expect(ranked[4]!.rank).toBe(4);
    expect(afterCursor(ranked, ranked[2]!.rank, ranked[2]!.id).map((hit) => hit.id)).toEqual([5, 2]);
  });
});
