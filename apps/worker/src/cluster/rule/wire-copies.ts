import { simhashDistance } from '@newsfeed/parser';
import { WIRE_COPY_MAX_BITS } from './settings.js';

// Items by simhash band: two simhashes at most WIRE_COPY_MAX_BITS apart agree exactly on at least
// one of WIRE_COPY_MAX_BITS + 1 bands, so a lookup finds every near-duplicate without a scan.

const BANDS = WIRE_COPY_MAX_BITS + 1;
const BAND_HEX = 16 / BANDS;
/** Items compared per band at most: a bucket of thousands of identical texts must not cost a scan each. */
const MAX_COMPARISONS_PER_BAND = 256;

function bandKeys(simhash: string): string[] {
  const keys: string[] = [];
  for (let band = 0; band < BANDS; band++)
    keys.push(`${band}:${simhash.slice(band * BAND_HEX, (band + 1) * BAND_HEX)}`);
  return keys;
}

export class WireCopyIndex {
  private readonly bands = new Map<string, Set<number>>();

  add(itemId: number, simhash: string): void {
    for (const key of bandKeys(simhash)) {
      const items = this.bands.get(key) ?? new Set<number>();
      this.bands.set(key, items);
      items.add(itemId);
    }
  }

  remove(itemId: number, simhash: string): void {
    for (const key of bandKeys(simhash)) {
      const items = this.bands.get(key);
      items?.delete(itemId);
      if (items?.size === 0) this.bands.delete(key);
    }
  }

  /** Items whose simhash is within WIRE_COPY_MAX_BITS of `simhash`, nearest first (then by id). */
  near(simhash: string, simhashOf: (itemId: number) => string | null): { itemId: number; bits: number }[] {
    const found = new Map<number, number>();
    for (const key of bandKeys(simhash)) {
      let compared = 0;
      for (const itemId of this.bands.get(key) ?? []) {
        if (++compared > MAX_COMPARISONS_PER_BAND) break;
        if (found.has(itemId)) continue;
        const other = simhashOf(itemId);
        if (!other) continue;
        const bits = simhashDistance(simhash, other);
        if (bits <= WIRE_COPY_MAX_BITS) found.set(itemId, bits);
      }
    }
    return [...found]
      .map(([itemId, bits]) => ({ itemId, bits }))
      .sort((a, b) => a.bits - b.bits || a.itemId - b.itemId);
  }
}
