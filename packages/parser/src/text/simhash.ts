import { SHINGLE_WORDS, weightedWords } from './shingles.js';
import { SignatureError } from './signature-error.js';

/**
 * A shingle at word index i weighs 1 / (1 + i / POSITION_DECAY_WORDS): the lead of a story
 * counts most, so an outlet that cuts the tail or appends a footer moves the hash less.
 */
const POSITION_DECAY_WORDS = 400;
const EMPTY_SIMHASH = '0000000000000000';
const SIMHASH_PATTERN = /^[0-9a-f]{16}$/i;

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
/** The second half's seed: bits 0-31 hash the shingle with seed 0, bits 32-63 with this one. */
const SECOND_SEED = 0x9e3779b9;
const SPACE = 0x20;

/** murmur3's avalanche, so every bit of a 32-bit FNV-1a hash depends on every char. */
function finish32(hash: number): number {
  let mixed = hash ^ (hash >>> 16);
  mixed = Math.imul(mixed, 0x85ebca6b);
  mixed ^= mixed >>> 13;
  mixed = Math.imul(mixed, 0xc2b2ae35);
  mixed ^= mixed >>> 16;
  return mixed >>> 0;
}

/**
 * 64-bit simhash (Charikar) of the text as 16 hex digits, over shingles of folded words weighted by
 * how story-like their line is and by position (the lead counts most), so copies of one story land
 * a few bits apart. Compare with simhashDistance.
 */
export function simhash(text: string): string {
  const { words, weights } = weightedWords(text);
  if (words.length === 0) return EMPTY_SIMHASH;
  // A text shorter than one shingle is one shorter shingle (weightedShingles' rule).
  const span = Math.min(SHINGLE_WORDS, words.length);
  const count = words.length - span + 1;
  const shingleWeights = new Float64Array(count);
  const firsts = new Uint32Array(count);
  const seconds = new Uint32Array(count);
  for (let start = 0; start < count; start++) {
    // Seeded 32-bit FNV-1a of the shingle "w1 w2 w3", both seeds in one pass, without building it.
    let first = FNV_OFFSET;
    let second = (FNV_OFFSET ^ SECOND_SEED) >>> 0;
    let weight = weights[start]!;
    for (let offset = 0; offset < span; offset++) {
      if (offset > 0) {
        first = Math.imul(first ^ SPACE, FNV_PRIME);
        second = Math.imul(second ^ SPACE, FNV_PRIME);
        weight = Math.min(weight, weights[start + offset]!);
      }
      const word = words[start + offset]!;
      for (let index = 0; index < word.length; index++) {
        const code = word.charCodeAt(index);
        first = Math.imul(first ^ code, FNV_PRIME);
        second = Math.imul(second ^ code, FNV_PRIME);
      }
    }
    shingleWeights[start] = weight / (1 + start / POSITION_DECAY_WORDS);
    firsts[start] = finish32(first);
    seconds[start] = finish32(second);
  }
  // Bit by bit over the shingles: each total is summed in the same order as shingle by shingle, so
  // the hash is the same, but in registers, two bits of each half per pass. Branch-free (w times +1
  // or -1, exactly ±w): the hash bits are random, so a branch would mispredict half the time.
  let high = 0;
  let low = 0;
  for (let bit = 0; bit < 32; bit += 2) {
    let low0 = 0;
    let low1 = 0;
    let high0 = 0;
    let high1 = 0;
    for (let index = 0; index < count; index++) {
      const weight = shingleWeights[index]!;
      const lowBits = firsts[index]! >>> bit;
      const highBits = seconds[index]! >>> bit;
      low0 += weight * (((lowBits & 1) << 1) - 1);
      low1 += weight * ((lowBits & 2) - 1);
      high0 += weight * (((highBits & 1) << 1) - 1);
      high1 += weight * ((highBits & 2) - 1);
    }
    if (low0 > 0) low |= 1 << bit;
    if (low1 > 0) low |= 2 << bit;
    if (high0 > 0) high |= 1 << bit;
    if (high1 > 0) high |= 2 << bit;
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
