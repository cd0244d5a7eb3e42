import type { ClusterSubject, ItemSignature, StoryAssigner, StoryCandidate } from '@newsfeed/db';
import { titleTerms } from '@newsfeed/db';
import { simhashDistance, similarity } from '../deps/parser.js';

// Story clustering: does a new item report the same event as an existing story's item?

export interface ClusterSettings {
  /** Candidates first seen within this window. */
  windowHours: number;
}

/** An item as clustering compares it (the storage layer hands these to `pickStory`). */
export type ClusterItem = ClusterSubject;

/** Near-identical text: a wire copy with different boilerplate stays within a few bits. */
const NEAR_DUPLICATE_BITS = 3;
/** Text this similar, with a title at least TITLE_WITH_TEXT alike, is the same report rewritten. */
const TEXT_SIMILARITY = 0.55;
const TITLE_WITH_TEXT = 0.3;
/** Without text to compare, only near-identical titles join. */
const TITLE_ALONE = 0.8;
/** Simhash is meaningless on a handful of words. */
const MIN_WORDS_FOR_SIMHASH = 40;
/** The same event is reported within this time of itself. */
const SAME_EVENT_HOURS = 48;
const CANDIDATE_LIMIT = 50;

function titleSimilarity(a: string, b: string): number {
  const left = new Set(titleTerms(a));
  const right = new Set(titleTerms(b));
  if (left.size === 0 || right.size === 0) return 0;
  let shared = 0;
  for (const word of left) if (right.has(word)) shared++;
  return shared / (left.size + right.size - shared);
}

function words(text: string | null): number {
  return text ? text.split(/\s+/).filter(Boolean).length : 0;
}

function hoursApart(item: ClusterItem, candidate: StoryCandidate): number {
  const a = Date.parse(item.publishedAt ?? item.firstSeenAt);
  const b = Date.parse(candidate.publishedAt ?? candidate.firstSeenAt);
  return Math.abs(a - b) / 3_600_000;
}

/** Near-identical text (a wire copy under another outlet's boilerplate) within the event window. */
function isNearDuplicate(item: ClusterItem, candidate: StoryCandidate): boolean {
  if (!item.simhash || !candidate.simhash || candidate.itemId === item.id) return false;
  if (simhashDistance(item.simhash, candidate.simhash) > NEAR_DUPLICATE_BITS) return false;
  if (hoursApart(item, candidate) > SAME_EVENT_HOURS) return false;
  return (
    words(item.contentText) >= MIN_WORDS_FOR_SIMHASH && words(candidate.contentText) >= MIN_WORDS_FOR_SIMHASH
  );
}

/** How strongly `item` matches one story member (0 = not the same story). Cheap tests first. */
export function matchScore(item: ClusterItem, candidate: StoryCandidate): number {
  if (candidate.itemId === item.id) return 0;
  if (isNearDuplicate(item, candidate)) return 2;
  if (hoursApart(item, candidate) > SAME_EVENT_HOURS) return 0;
  const titleScore = titleSimilarity(item.title, candidate.title);
  if (item.contentText && candidate.contentText) {
    // Full text comparison is the expensive part: only for titles that could pass anyway.
    if (titleScore < TITLE_WITH_TEXT) return 0;
    const textScore = similarity(item.contentText, candidate.contentText);
    return textScore >= TEXT_SIMILARITY ? 1 + textScore / 2 + titleScore / 2 : 0;
  }
  return titleScore >= TITLE_ALONE ? titleScore : 0;
}

/** Full-text comparisons per item at most: the candidates with the most similar titles. */
const MAX_TEXT_COMPARISONS = 12;

/** The story the item belongs to, or null for a new one. */
export function pickStory(item: ClusterItem, candidates: StoryCandidate[]): number | null {
  const duplicate = candidates.find((candidate) => isNearDuplicate(item, candidate));
  if (duplicate) return duplicate.storyId;
  // Most similar titles first, so the bounded number of text comparisons goes to the likeliest.
  const ranked = candidates
    .map((candidate) => ({ candidate, title: titleSimilarity(item.title, candidate.title) }))
    .sort((a, b) => b.title - a.title)
    .slice(0, MAX_TEXT_COMPARISONS);
  let best: { storyId: number; score: number } | null = null;
  for (const { candidate } of ranked) {
    const score = matchScore(item, candidate);
    if (score > 0 && (!best || score > best.score)) best = { storyId: candidate.storyId, score };
  }
  return best?.storyId ?? null;
}

/**
 * Whether an edit changed an item enough to re-check its story: its text is no longer a near-duplicate
 * of what it was (simhash), or its title is no longer near-identical to the old one.
 */
export function changedMaterially(before: ItemSignature, after: ItemSignature): boolean {
  if ((before.simhash === null) !== (after.simhash === null)) return true;
  if (before.simhash && after.simhash && simhashDistance(before.simhash, after.simhash) > NEAR_DUPLICATE_BITS)
    return true;
  return before.title !== after.title && titleSimilarity(before.title, after.title) < TITLE_ALONE;
}

/**
 * The clustering decisions the storage layer applies while it ingests a poll (`items.ingest`): it
 * finds the candidates and writes, `pickStory` decides. A decision that throws (a bug, never bad
 * input) is reported and the item starts a story of its own instead of failing the whole poll.
 */
export function storyAssigner(
  settings: ClusterSettings,
  onError: (item: ClusterItem, error: Error) => void,
): StoryAssigner {
  return {
    windowHours: settings.windowHours,
    candidateLimit: CANDIDATE_LIMIT,
    pick(item, candidates) {
      try {
        return pickStory(item, candidates);
      } catch (error) {
        onError(item, error as Error);
        return null;
      }
    },
    changedMaterially,
  };
}
