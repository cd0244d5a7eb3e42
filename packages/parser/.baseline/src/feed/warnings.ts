import { MAX_WARNINGS_PER_CODE } from './limits.js';
import type { FeedWarning } from './types.js';

/** Collects a parse's warnings, capping repeats of one code so a broken feed can't flood them. */
export class Warnings {
  private readonly list: FeedWarning[] = [];
  private readonly counts = new Map<string, number>();

  add(code: string, message: string): void {
    const count = (this.counts.get(code) ?? 0) + 1;
    this.counts.set(code, count);
    if (count <= MAX_WARNINGS_PER_CODE) this.list.push({ code, message });
  }

  /** Adds the warnings of a tentative pass once its result is kept. */
  addAll(other: Warnings): void {
    for (const warning of other.toArray()) this.add(warning.code, warning.message);
  }

  toArray(): FeedWarning[] {
    const capped = [...this.counts].filter(([, count]) => count > MAX_WARNINGS_PER_CODE);
    return [
      ...this.list,
      ...capped.map(([code, count]) => ({
        code,
        message: `${count - MAX_WARNINGS_PER_CODE} more ${code} warnings not listed`,
      })),
    ];
  }
}
