// Counts how many of a query's title-word posting lists hold each item: up to MAX_TITLE_TERMS lists
// of MATCHES_PER_KEY postings per lookup, thousands of increments for every item ingested. A Map did
// this at ~40 % of the candidate lookup's time; open addressing over typed arrays reused from one
// lookup to the next does it without allocating.

/** More slots than a lookup can fill (12 lists × 200 postings) at a load under a third. */
const SLOTS = 8192;
const MASK = SLOTS - 1;

export class HitCounter {
  private readonly ids = new Float64Array(SLOTS);
  /** 0: the slot is free. */
  private readonly counts = new Uint8Array(SLOTS);
  private readonly used: number[] = [];

  add(id: number): void {
    // Fibonacci hashing of the id's low and high 32 bits (ids may exceed 2^32 on PostgreSQL).
    let slot = (Math.imul(id | 0, 0x9e3779b1) ^ Math.imul((id / 0x100000000) | 0, 0x85ebca6b)) & MASK;
    for (;;) {
      const count = this.counts[slot]!;
      if (count === 0) {
        this.ids[slot] = id;
        this.counts[slot] = 1;
        this.used.push(slot);
        if (this.used.length > SLOTS / 2) throw new Error('HitCounter: more ids than it was sized for');
        return;
      }
      if (this.ids[slot] === id) {
        if (count < 255) this.counts[slot] = count + 1;
        return;
      }
      slot = (slot + 1) & MASK;
    }
  }

  /**
   * The ids with the most hits, most first, then the highest id first: the top `limit`. Empties the
   * counter for the next lookup.
   */
  takeMost(limit: number): number[] {
    const buckets: number[][] = [];
    for (const slot of this.used) {
      const count = this.counts[slot]!;
      const bucket = buckets[count];
      if (bucket) bucket.push(this.ids[slot]!);
      else buckets[count] = [this.ids[slot]!];
      this.counts[slot] = 0;
    }
    this.used.length = 0;
    const top: number[] = [];
    for (let count = buckets.length - 1; count > 0 && top.length < limit; count -= 1) {
      const bucket = buckets[count];
      if (!bucket) continue;
      // Highest ids first: sorted ascending as doubles (no comparator call), read from the end.
      const sorted = Float64Array.from(bucket).sort();
      for (let index = sorted.length - 1; index >= 0 && top.length < limit; index -= 1)
        top.push(sorted[index]!);
    }
    return top;
  }
}
