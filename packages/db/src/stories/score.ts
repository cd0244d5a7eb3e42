// The front page's ranking (Reddit's "hot", sources for votes): fixed when a story changes, never
// recomputed as time passes, since newer stories simply start higher.

/** Each doubling of a story's sources is worth this much recency: 2 sources rank like 1 source 12.5 h newer. */
export const SCORE_SECONDS_PER_SOURCE_DOUBLING = 45_000;

export function storyScore(publishedAtMillis: number, sourceCount: number): number {
  return publishedAtMillis / 1000 / SCORE_SECONDS_PER_SOURCE_DOUBLING + Math.log2(Math.max(1, sourceCount));
}
