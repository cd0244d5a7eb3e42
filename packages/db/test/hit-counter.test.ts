import { describe, expect, it } from 'vitest';
import { HitCounter } from '../src/hit-counter.js';

// The counter must rank exactly as counting in a Map and sorting would: most hits first, then the
// highest id, and start empty again after each lookup.

function expected(ids: number[], limit: number): number[] {
  const counts = new Map<number, number>();
  for (const id of ids) counts.set(id, (counts.get(id) ?? 0) + 1);
  return [...counts]
    .sort((a, b) => b[1] - a[1] || b[0] - a[0])
    .slice(0, limit)
    .map(([id]) => id);
}

/** A deterministic pseudo-random sequence (mulberry32). */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = Math.imul(state ^ (state >>> 15), state | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

describe('HitCounter', () => {
  it('ranks like a Map count and sort, lookup after lookup', () => {
    const counter = new HitCounter();
    const next = random(7);
    for (let lookup = 0; lookup < 200; lookup += 1) {
      // Ids from a narrow range (many repeats) or a wide one, some beyond 2^32 as PostgreSQL may have.
      const span = lookup % 2 ? 300 : 5_000_000_000;
      const ids = Array.from({ length: Math.floor(next() * 2_400) }, () => 1 + Math.floor(next() * span));
      for (const id of ids) counter.add(id);
      const limit = 1 + Math.floor(next() * 60);
      expect(counter.takeMost(limit)).toEqual(expected(ids, limit));
    }
  });

  it('keeps ids that collide in the table apart', () => {
    const counter = new HitCounter();
    // Multiples of the table size land near each other; each must keep its own count.
    const ids = [8192, 16384, 24576, 8192, 16384, 8192];
    for (const id of ids) counter.add(id);
    expect(counter.takeMost(10)).toEqual([8192, 16384, 24576]);
    expect(counter.takeMost(10)).toEqual([]);
  });

  it('grows past its first size for a query with many title words', () => {
    const counter = new HitCounter();
    const next = random(11);
    // 60 lists of 200 postings, more distinct ids than the first table holds.
    const ids = Array.from({ length: 12_000 }, () => 1 + Math.floor(next() * 20_000));
    for (const id of ids) counter.add(id);
    expect(counter.takeMost(50)).toEqual(expected(ids, 50));
    counter.add(7);
    expect(counter.takeMost(5)).toEqual([7]);
  });
});
