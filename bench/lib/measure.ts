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
}

function summarize(times: readonly number[]): RunTiming {
  const totalMs = times.reduce((sum, time) => sum + time, 0);
  return {
    totalMs,
    medianMs: median(times),
    pagesPerSecond: totalMs > 0 ? (times.length * 1000) / totalMs : 0,
  };
}

/**
 * Times several implementations on the same inputs, interleaved page by page (A, B, A, B...), so
 * that load from other processes on a shared machine slows every implementation alike.
 */
export async function timeInterleaved<T, R>(
  inputs: readonly T[],
  runners: ReadonlyArray<(input: T) => Promise<R> | R>,
): Promise<Array<{ results: R[]; timing: RunTiming }>> {
  const results = runners.map(() => [] as R[]);
  const times = runners.map(() => [] as number[]);
  for (const input of inputs) {
    for (const [index, run] of runners.entries()) {
      const started = performance.now();
      results[index]!.push(await run(input));
      times[index]!.push(performance.now() - started);
    }
  }
  return runners.map((_, index) => ({ results: results[index]!, timing: summarize(times[index]!) }));
}

/** This process's peak resident memory so far, in MiB. */
export function peakRssMiB(): number {
  // resourceUsage().maxRSS is in kibibytes.
  return process.resourceUsage().maxRSS / 1024;
}
