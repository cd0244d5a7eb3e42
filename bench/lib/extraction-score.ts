// The article-extraction benchmark's score, exactly as ../shared/corpora/README.md defines it:
// word tokens (`\w+`, Unicode), shingles of 4 consecutive tokens counted as multisets, per-page
// TP/FP/FN, precision and recall averaged over pages, F1 of the two means.

/** Tokens per shingle; a text with fewer tokens gives one shorter shingle. */
export const SHINGLE_SIZE = 4;

// `\w` with the Unicode flag still means [A-Za-z0-9_]; the benchmark's `\w+` is Python's, which
// is Unicode-aware: letters, marks, digits and connector punctuation.
const WORD_TOKEN = /[\p{L}\p{M}\p{Nd}\p{Pc}]+/gu;

export interface PageCounts {
  tp: number;
  fp: number;
  fn: number;
}

export interface PageScore extends PageCounts {
  precision: number | null;
  recall: number | null;
  f1: number;
}

export interface CorpusScore {
  precision: number;
  recall: number;
  f1: number;
  pages: number;
}

export function wordTokens(text: string): string[] {
  return text.match(WORD_TOKEN) ?? [];
}

/** The multiset of shingles of a text, as shingle -> count. */
export function shingles(text: string, size = SHINGLE_SIZE): Map<string, number> {
  const tokens = wordTokens(text);
  const counts = new Map<string, number>();
  if (tokens.length === 0) return counts;
  const last = Math.max(0, tokens.length - size);
  for (let start = 0; start <= last; start++) {
    const key = tokens.slice(start, start + size).join('\u0001');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** Shared, extra and missing shingles of a prediction against the truth. */
export function pageCounts(predicted: string, truth: string): PageCounts {
  const ours = shingles(predicted);
  const theirs = shingles(truth);
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const [key, count] of ours) {
    const shared = Math.min(count, theirs.get(key) ?? 0);
    tp += shared;
    fp += count - shared;
  }
  for (const [key, count] of theirs) fn += count - Math.min(count, ours.get(key) ?? 0);
  return { tp, fp, fn };
}

/**
 * One page's score. The README normalizes TP/FP/FN by their sum, which cancels out of the
 * precision and recall ratios, so raw counts give the same numbers. A page with FP = FN = 0 (both
 * texts empty included) scores 1 on both.
 */
export function scorePage(predicted: string, truth: string): PageScore {
  const counts = pageCounts(predicted, truth);
  const { tp, fp, fn } = counts;
  const perfect = fp === 0 && fn === 0;
  const precision = perfect ? 1 : tp + fp > 0 ? tp / (tp + fp) : null;
  const recall = perfect ? 1 : tp + fn > 0 ? tp / (tp + fn) : null;
  const p = precision ?? 0;
  const r = recall ?? 0;
  return { ...counts, precision, recall, f1: p + r > 0 ? (2 * p * r) / (p + r) : 0 };
}

/** Mean precision and recall over the pages where each is defined, and the F1 of those means. */
export function scoreCorpus(pages: readonly PageScore[]): CorpusScore {
  const mean = (values: number[]) =>
    values.length ? values.reduce((sum, value) => sum + value, 0) / values.length : 0;
  const precision = mean(pages.flatMap((page) => (page.precision === null ? [] : [page.precision])));
  const recall = mean(pages.flatMap((page) => (page.recall === null ? [] : [page.recall])));
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1, pages: pages.length };
}
