import { weightedShingles } from './shingles.js';

/** Shingles from lines weighing less than this (boilerplate, labels) are left out. */
const STORY_LINE_WEIGHT = 0.5;
/**
 * Below this many shingles, containment alone is too easy to reach (a five-word line is
 * "contained" in many articles), so the score leans towards Jaccard.
 */
const CONFIDENT_SHINGLES = 20;

function storyShingles(text: string): Set<string> {
  const all = weightedShingles(text);
  const story = all.filter((shingle) => shingle.weight >= STORY_LINE_WEIGHT);
  return new Set((story.length > 0 ? story : all).map((shingle) => shingle.shingle));
}

/**
 * How alike two articles' texts are, 0..1, for story clustering: the share of the shorter text's
 * 3-word shingles found in the longer one, boilerplate lines left out, so a copy with added
 * footers or a cut ending still scores near 1. Short texts blend towards Jaccard, so a snippet is
 * not "contained" in every long article.
 */
export function similarity(a: string, b: string): number {
  const shinglesA = storyShingles(a);
  const shinglesB = storyShingles(b);
  const [smaller, larger] =
    shinglesA.size <= shinglesB.size ? [shinglesA, shinglesB] : [shinglesB, shinglesA];
  if (smaller.size === 0) return larger.size === 0 && a.trim() === b.trim() ? 1 : 0;
  let shared = 0;
  for (const shingle of smaller) if (larger.has(shingle)) shared++;
  const containment = shared / smaller.size;
  const jaccard = shared / (smaller.size + larger.size - shared);
  const confidence = Math.min(1, smaller.size / CONFIDENT_SHINGLES);
  return confidence * containment + (1 - confidence) * jaccard;
}
