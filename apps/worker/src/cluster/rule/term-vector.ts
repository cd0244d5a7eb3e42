import type { DocumentFrequency } from './document-frequency.js';

// Sparse term vectors: an item's TF-IDF vector (unit length) and the sums that make centroids.

export type TermVector = Map<string, number>;

/** The item's `maxTerms` heaviest terms, weighted by IDF, scaled to unit length. */
export function tfIdfVector(
  terms: Map<string, number>,
  frequency: DocumentFrequency,
  pending: number,
  maxTerms: number,
): TermVector {
  let weighted: [string, number][] = [];
  for (const [term, weight] of terms) {
    // Repeats add less than a first occurrence (log), so a long text does not drown its title.
    const frequencyWeight = weight > 1 ? 1 + Math.log(weight) : weight;
    weighted.push([term, frequencyWeight * frequency.idf(term, pending)]);
  }
  if (weighted.length > maxTerms) {
    weighted.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    weighted = weighted.slice(0, maxTerms);
  }
  let normSq = 0;
  for (const [, value] of weighted) normSq += value * value;
  const norm = Math.sqrt(normSq) || 1;
  return new Map(weighted.map(([term, value]) => [term, value / norm]));
}

export function dot(left: TermVector, right: TermVector): number {
  const [small, large] = left.size <= right.size ? [left, right] : [right, left];
  let sum = 0;
  for (const [term, value] of small) {
    const other = large.get(term);
    if (other !== undefined) sum += value * other;
  }
  return sum;
}
