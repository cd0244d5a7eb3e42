/** Median of a list of numbers (0 for none). */
export function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export interface RunTiming {
  totalMs: number;
  medianMs: number;
  pagesPerSecond: number;
  /** Highest RSS seen during the run, sampled after every page, in MiB. */
  peakRssMiB: number;
}

/** Runs `work` on every input in order, timing each call and sampling memory after it. */
export async function timeEach<T, R>(
  inputs: readonly T[],
  work: (input: T) => Promise<R> | R,
): Promise<{ results: R[]; timing: RunTiming }> {
  const results: R[] = [];
  const times: number[] = [];
  let peak = process.memoryUsage().rss;
  for (const input of inputs) {
    const started = performance.now();
    results.push(await work(input));
    times.push(performance.now() - started);
    peak = Math.max(peak, process.memoryUsage().rss);
  }
  const totalMs = times.reduce((sum, time) => sum + time, 0);
  return {
    results,
    timing: {
      totalMs,
      medianMs: median(times),
      pagesPerSecond: totalMs > 0 ? (inputs.length * 1000) / totalMs : 0,
      peakRssMiB: peak / 2 ** 20,
    },
  };
}
