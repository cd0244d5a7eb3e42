// Counts how many of a query's title-word posting lists hold each item: up to MAX_TITLE_TERMS lists
// of MATCHES_PER_KEY postings per lookup, thousands of increments for every item ingested. A Map did
// this at ~40 % of the candidate lookup's time; open addressing over typed arrays reused from one
// lookup to the next does it without allocating.

/**
 * Slots to start with: more than the ingest path's lookups fill (12 lists × 200 postings) at a load
 * under a third. A caller's query with more title words doubles them as needed.
 */
const INITIAL_SLOTS = 8192;

export class HitCounter {
  private ids = new Float64Array(INITIAL_SLOTS);
  /** 0: the slot is free. */
  private counts = new Uint16Array(INITIAL_SLOTS);
  private used: number[] = [];

  add(id: number): void {
    const mask = this.ids.length - 1;
    // Fibonacci hashing of the id's low and high 32 bits (ids may exceed 2^32 on PostgreSQL).
    let slot = (Math.imul(id | 0, 0x9e3779b1) ^ Math.imul((id / 0x100000000) | 0, 0x85ebca6b)) & mask;
    for (;;) {
      const count = this.counts[slot]!;
      if (count === 0) {
        this.ids[slot] = id;
        this.counts[slot] = 1;
        this.used.push(slot);
        if (this.used.length > this.ids.length / 2) this.grow();
        return;
      }
      if (this.ids[slot] === id) {
        if (count < 0xffff) this.counts[slot] = count + 1;
        return;
      }
      slot = (slot + 1) & mask;
    }
  }

  /** Twice the slots, every id and count carried over (kept under half full, probes stay short). */
  private grow(): void {
    const { ids, counts, used } = this;
    this.ids = new Float64Array(ids.length * 2);
    this.counts = new Uint16Array(ids.length * 2);
    this.used = [];
    for (const slot of used) {
      const id = ids[slot]!;
      const count = counts[slot]!;
      this.add(id);
      this.counts[this.used[this.used.length - 1]!] = count;
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
