// BCubed precision, recall and F1 of predicted clusters against true ones (the corpus README's
// clustering score): per item, the share of its predicted cluster that is in its true cluster
// (precision) and the share of its true cluster that is in its predicted cluster (recall).

export interface BCubed {
  precision: number;
  recall: number;
  f1: number;
  clusters: number;
}

/** `truth` and `predicted` map each item to a cluster label; every item of truth is scored. */
export function bcubed<K, T, P>(truth: ReadonlyMap<K, T>, predicted: ReadonlyMap<K, P>): BCubed {
  const trueSizes = new Map<T, number>();
  const predictedSizes = new Map<P, number>();
  const pairSizes = new Map<string, number>();
  const pairKey = (t: T, p: P) => `${String(t)}\u0000${String(p)}`;
  for (const [item, label] of truth) {
    const guess = predicted.get(item) as P;
    trueSizes.set(label, (trueSizes.get(label) ?? 0) + 1);
    predictedSizes.set(guess, (predictedSizes.get(guess) ?? 0) + 1);
    pairSizes.set(pairKey(label, guess), (pairSizes.get(pairKey(label, guess)) ?? 0) + 1);
  }
  let precision = 0;
  let recall = 0;
  for (const [item, label] of truth) {
    const guess = predicted.get(item) as P;
    const both = pairSizes.get(pairKey(label, guess)) ?? 0;
    precision += both / (predictedSizes.get(guess) ?? 1);
    recall += both / (trueSizes.get(label) ?? 1);
  }
  precision /= truth.size || 1;
  recall /= truth.size || 1;
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1, clusters: predictedSizes.size };
}

export const formatScore = (score: BCubed) =>
  `P ${score.precision.toFixed(3)}  R ${score.recall.toFixed(3)}  F1 ${score.f1.toFixed(3)}  (${score.clusters} stories)`;
