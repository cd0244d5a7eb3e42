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
 * How alike two articles' texts are, 0..1, for story clustering. It measures containment of
 * 3-word shingles: the share of the shorter text's shingles that also occur in the longer one,
 * after leaving out boilerplate lines. So an outlet that adds share bars and footers, or cuts the
 * story short, still scores near 1 against the full copy, while two different stories on the same
 * topic share few 3-word phrases and score near 0. For short texts (under 20 shingles) the score
 * blends towards Jaccard (shared / all distinct shingles), so a headline-sized snippet is not
 * "contained" in every long article.
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
