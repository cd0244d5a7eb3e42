import type { DocumentFrequency } from './document-frequency.js';

// Sparse term vectors: an item's TF-IDF vector (unit length) and the sums that make centroids.

/** An item's vector: terms and weights in parallel arrays (compact, since the window keeps many). */
export interface TermVector {
  terms: string[];
  weights: Float64Array;
}

/** A story's sum of member vectors, looked up by term. */
export type Centroid = Map<string, number>;

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
  return {
    terms: weighted.map(([term]) => term),
    weights: Float64Array.from(weighted, ([, value]) => value / norm),
  };
}

/** Dot product of an item's vector with a centroid. */
export function dot(vector: TermVector, centroid: Centroid): number {
  let sum = 0;
  for (let index = 0; index < vector.terms.length; index++) {
    const other = centroid.get(vector.terms[index] as string);
    if (other !== undefined) sum += (vector.weights[index] as number) * other;
  }
  return sum;
}
