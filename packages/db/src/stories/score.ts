// The front-page ranking score. It combines recency and the number of distinct sources without ever
// needing a recomputation as time passes: a story's score is fixed when it changes, and newer stories
// simply start higher (the "hot" formula used by Reddit, with sources in place of votes).

/** Each doubling of a story's sources is worth this much recency: 2 sources rank like 1 source 12.5 h newer. */
export const SCORE_SECONDS_PER_SOURCE_DOUBLING = 45_000;

export function storyScore(publishedAtMillis: number, sourceCount: number): number {
  return publishedAtMillis / 1000 / SCORE_SECONDS_PER_SOURCE_DOUBLING + Math.log2(Math.max(1, sourceCount));
}
