// The baseline the issue measures against: a plain TF-IDF cosine single pass over titles. Words are
// lowercased letter/digit runs, IDF over the whole set, each title joins the most similar existing
// cluster centroid when the cosine reaches the threshold, else starts its own.

type Vector = Map<string, number>;

const words = (title: string) => title.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];

export function plainTfIdfSinglePass(
  items: ReadonlyArray<{ id: number; title: string }>,
  threshold: number,
): Map<number, number> {
  const df = new Map<string, number>();
  for (const item of items)
    for (const word of new Set(words(item.title))) df.set(word, (df.get(word) ?? 0) + 1);
  const clusters: { id: number; centroid: Vector; normSq: number }[] = [];
  const assigned = new Map<number, number>();
  for (const item of items) {
    const vector: Vector = new Map();
    for (const word of words(item.title)) {
      vector.set(word, (vector.get(word) ?? 0) + Math.log(items.length / (df.get(word) ?? 1)));
    }
    const norm = Math.sqrt([...vector.values()].reduce((sum, value) => sum + value * value, 0)) || 1;
    for (const [word, value] of vector) vector.set(word, value / norm);
    let best: { cluster: (typeof clusters)[number]; score: number } | null = null;
    for (const cluster of clusters) {
      let dot = 0;
      for (const [word, value] of vector) dot += value * (cluster.centroid.get(word) ?? 0);
      const score = cluster.normSq > 0 ? dot / Math.sqrt(cluster.normSq) : 0;
      if (score >= threshold && (!best || score > best.score)) best = { cluster, score };
    }
    const cluster = best?.cluster ?? { id: item.id, centroid: new Map(), normSq: 0 };
    if (!best) clusters.push(cluster);
    for (const [word, value] of vector) {
      const before = cluster.centroid.get(word) ?? 0;
      cluster.centroid.set(word, before + value);
      cluster.normSq += (before + value) ** 2 - before ** 2;
    }
    assigned.set(item.id, cluster.id);
  }
  return assigned;
}
