// Two-fold cross-validation of extraction thresholds: the dev pages split deterministically in
// two halves; each threshold is tuned on one half (one at a time, the others at their defaults)
// and the tuned set is scored on the other half, both ways. A rule that only fits the dev pages
// shows up as a gap between the full-dev figure and the held-out halves.
import { type PageScore, scoreCorpus } from './extraction-score.js';

/** Candidate values per threshold; each list holds the default. */
export type TuningGrid<K extends string> = Record<K, readonly number[]>;

export interface FoldResult<K extends string> {
  /** Index of the half the thresholds were tuned on (0 or 1); the other half scores them. */
  tunedOn: number;
  chosen: Record<K, number>;
  /** F1 on the held-out half with the defaults and with the tuned thresholds. */
  defaultF1: number;
  tunedF1: number;
}

/** Half 0 or 1 for each id: ids sorted, then alternated, so the split never depends on run order. */
export function splitInTwo(ids: readonly string[]): Map<string, number> {
  const sorted = [...ids].sort();
  return new Map(sorted.map((id, index) => [id, index % 2]));
}

const f1Of = (scores: readonly PageScore[]) => scoreCorpus(scores).f1;

/**
 * Picks, for each threshold, the grid value with the best F1 on the pages of `half` (the default
 * on a tie, so a threshold only moves for a real gain).
 *
 * @param scoresFor per-page scores of all pages with one threshold set to one value.
 */
export function tuneOnHalf<K extends string>(
  grid: TuningGrid<K>,
  defaults: Record<K, number>,
  inHalf: readonly boolean[],
  scoresFor: (key: K, value: number) => readonly PageScore[],
): Record<K, number> {
  const chosen = { ...defaults };
  for (const key of Object.keys(grid) as K[]) {
    const pick = (value: number) => f1Of(scoresFor(key, value).filter((_, index) => inHalf[index]));
    let best = defaults[key];
    let bestF1 = pick(best);
    for (const value of grid[key]) {
      const f1 = pick(value);
      if (f1 > bestF1 + 1e-9) {
        best = value;
        bestF1 = f1;
      }
    }
    chosen[key] = best;
  }
  return chosen;
}
