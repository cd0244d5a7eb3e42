import { describe, expect, it } from 'vitest';
import {
  pageCounts,
  scoreCorpus,
  scorePage,
  shingles,
  wordTokens,
} from '../../../../bench/lib/extraction-score.js';

describe('the article-extraction benchmark score', () => {
  it('tokenizes Unicode words like Python’s \\w+', () => {
    expect(wordTokens('Grüße, naïve café — 3.5% of U.S. snake_case 東京')).toEqual([
      'Grüße',
      'naïve',
      'café',
      '3',
      '5',
      'of',
      'U',
      'S',
      'snake_case',
      '東京',
    ]);
  });

  it('counts 4-token shingles as a multiset, and one shorter shingle for short texts', () => {
    expect([...shingles('a b c d a b c d').values()]).toEqual([2, 1, 1, 1]);
    expect(shingles('only three words').size).toBe(1);
    expect(shingles('').size).toBe(0);
  });

  it('counts shared, extra and missing shingles', () => {
    // truth: a b c d e -> [abcd, bcde]; prediction: a b c d x -> [abcd, bcdx].
    expect(pageCounts('a b c d x', 'a b c d e')).toEqual({ tp: 1, fp: 1, fn: 1 });
    expect(pageCounts('a b c d a b c d', 'a b c d')).toEqual({ tp: 1, fp: 4, fn: 0 });
  });

  it('scores a perfect page 1, an empty prediction 0 recall with undefined precision', () => {
    expect(scorePage('x y z w', 'x y z w')).toMatchObject({ precision: 1, recall: 1, f1: 1 });
    expect(scorePage('', '')).toMatchObject({ precision: 1, recall: 1 });
    expect(scorePage('', 'a b c d')).toMatchObject({ precision: null, recall: 0, f1: 0 });
  });

  it('averages precision and recall over the pages where each is defined, then takes F1', () => {
    const pages = [
      scorePage('a b c d x', 'a b c d e'),
      scorePage('', 'a b c d'),
      scorePage('p q r s', 'p q r s'),
    ];
    const { precision, recall, f1 } = scoreCorpus(pages);
    expect(precision).toBeCloseTo((0.5 + 1) / 2);
    expect(recall).toBeCloseTo((0.5 + 0 + 1) / 3);
    expect(f1).toBeCloseTo((2 * precision * recall) / (precision + recall));
  });
});
