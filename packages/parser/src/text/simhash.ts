import { weightedShingles } from './shingles.js';
import { SignatureError } from './signature-error.js';

/**
 * A shingle at word index i weighs 1 / (1 + i / POSITION_DECAY_WORDS): the lead of a story
 * counts most, so an outlet that cuts the tail or appends a footer moves the hash less.
 */
const POSITION_DECAY_WORDS = 400;
const EMPTY_SIMHASH = '0000000000000000';
const SIMHASH_PATTERN = /^[0-9a-f]{16}$/i;

/** 32-bit FNV-1a with a seed, finished with murmur3's avalanche so every bit depends on every char. */
function hash32(value: string, seed: number): number {
  let hash = (0x811c9dc5 ^ seed) >>> 0;
  for (let index = 0; index < value.length; index++) {
    hash ^= value.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return hash >>> 0;
}

/**
 * 64-bit simhash (Charikar) of the text as 16 hex digits, over shingles of folded words weighted by
 * how story-like their line is and by position (the lead counts most), so copies of one story land
 * a few bits apart. Compare with simhashDistance.
 */
export function simhash(text: string): string {
  const totals = new Float64Array(64);
  const shingles = weightedShingles(text);
  if (shingles.length === 0) return EMPTY_SIMHASH;
  for (const { shingle, weight, position } of shingles) {
    const w = weight / (1 + position / POSITION_DECAY_WORDS);
    // Bits 0-31 from the first hash, 32-63 from the second. Branch-free (w times +1 or -1, exactly
    // ±w): the hash bits are random, so a branch here mispredicts half the time in the hottest loop.
    const first = hash32(shingle, 0);
    const second = hash32(shingle, 0x9e3779b9);
    for (let bit = 0; bit < 32; bit++) {
      totals[bit]! += w * ((((first >>> bit) & 1) << 1) - 1);
      totals[bit + 32]! += w * ((((second >>> bit) & 1) << 1) - 1);
    }
  }
  let high = 0;
  let low = 0;
  for (let bit = 0; bit < 32; bit++) {
    if (totals[bit]! > 0) low |= 1 << bit;
    if (totals[bit + 32]! > 0) high |= 1 << bit;
  }
  return (high >>> 0).toString(16).padStart(8, '0') + (low >>> 0).toString(16).padStart(8, '0');
}

function halvesOf(simhashHex: string): [number, number] {
  if (!SIMHASH_PATTERN.test(simhashHex)) {
    throw new SignatureError(`Not a simhash (16 hex digits): ${JSON.stringify(simhashHex)}`, simhashHex);
  }
  return [Number.parseInt(simhashHex.slice(0, 8), 16), Number.parseInt(simhashHex.slice(8), 16)];
}

function popcount32(value: number): number {
  let v = value - ((value >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
}

/** Number of differing bits (0..64) between two simhashes; throws SignatureError on a malformed one. */
export function simhashDistance(a: string, b: string): number {
  const [aHigh, aLow] = halvesOf(a);
  const [bHigh, bLow] = halvesOf(b);
  return popcount32((aHigh ^ bHigh) >>> 0) + popcount32((aLow ^ bLow) >>> 0);
}
