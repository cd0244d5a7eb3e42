/**
 * A stage-by-stage time budget: extraction asks `spent()` between stages and in long loops, and
 * takes the cheaper path (or stops) once it is.
 */
export class TimeBudget {
  private readonly started = performance.now();

  constructor(readonly limitMs: number) {}

  elapsedMs(): number {
    return performance.now() - this.started;
  }

  spent(): boolean {
    return this.elapsedMs() >= this.limitMs;
  }
}
