import type { DocumentFrequency } from './document-frequency.js';

// Sparse term vectors: an item's TF-IDF vector (unit length) and the sums that make centroids.

export type TermVector = Map<string, number>;

/** The item's weighted terms times their IDF, scaled to unit length. */
export function tfIdfVector(
  terms: Map<string, number>,
  frequency: DocumentFrequency,
  pending: number,
): TermVector {
  const vector: TermVector = new Map();
  let normSq = 0;
  for (const [term, weight] of terms) {
    // Repeats add less than a first occurrence (log), so a long text does not drown its title.
    const frequencyWeight = weight > 1 ? 1 + Math.log(weight) : weight;
    const value = frequencyWeight * frequency.idf(term, pending);
    vector.set(term, value);
    normSq += value * value;
  }
  const norm = Math.sqrt(normSq);
  if (norm > 0) for (const [term, value] of vector) vector.set(term, value / norm);
  return vector;
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
