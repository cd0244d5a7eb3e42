import type { ClusterDoc } from './doc.js';
import { DocumentFrequency } from './document-frequency.js';
import { type DocFeatures, docFeatures } from './features.js';
import {
  type ClusterRuleSettings,
  DEFAULT_CLUSTER_RULE_SETTINGS,
  DEFAULT_RULE_TUNING,
  type RuleTuning,
} from './settings.js';
import { Story } from './story.js';
import { StoryPostings } from './story-postings.js';
import { dot, type TermVector, tfIdfVector } from './term-vector.js';
import { WireCopyIndex } from './wire-copies.js';

/** Where an item goes. storyId null = start a new story. mergeStoryIds: other existing stories the
 *  item proves to be the same event as storyId (the caller merges them into storyId). */
export interface Placement {
  storyId: number | null;
  mergeStoryIds: number[];
  score: number;
}

/** Placement scores of the two exact rules, above any cosine. */
const WIRE_COPY_SCORE = 2;
const REPUBLISHED_SCORE = 3;
/** Fewer distinct content words than this (title and text together) is no evidence of an event. */
const MIN_CONTENT_WORDS = 2;

/** What the index keeps of an item: no text, only the signatures the rule compares. */
interface IndexedItem {
  feedId: number;
  language: string | null;
  firstSeenAt: number;
  time: number;
  hasText: boolean;
  simhash: string | null;
  republicationKey: string | null;
  /** Every term counted in the document frequencies, joined by TERM_SEPARATOR (one string is far
   *  smaller than an array of many short ones; the vector keeps only the heaviest terms). */
  terms: string;
  vector: TermVector;
  storyId: number;
}

/** Terms are folded words and word pairs: they never hold a newline. */
const TERM_SEPARATOR = '\n';

const NEW_STORY: Placement = { storyId: null, mergeStoryIds: [], score: 0 };

/**
 * In-memory candidate index and the clustering rule. Single-threaded and deterministic: the same
 * docs added in the same order give the same placements. Memory is bounded by the window.
 */
export class StoryIndex {
  private readonly settings: ClusterRuleSettings;
  private readonly tuning: RuleTuning;
  private readonly items = new Map<number, IndexedItem>();
  private readonly stories = new Map<number, Story>();
  /** Term -> story -> members of that story carrying the term: the candidate keys. */
  private readonly postings = new StoryPostings();
  private readonly frequency: DocumentFrequency;
  private readonly wireCopies = new WireCopyIndex();
  /** feed id + folded title -> the latest item: the same headline again from one feed. */
  private readonly republished = new Map<string, number>();
  private lastFeatures: { doc: ClusterDoc; features: DocFeatures } | null = null;
  private readonly memberCounts: number[] = [];

  constructor(settings?: Partial<ClusterRuleSettings>, tuning?: Partial<RuleTuning>) {
    this.settings = { ...DEFAULT_CLUSTER_RULE_SETTINGS, ...settings };
    this.tuning = { ...DEFAULT_RULE_TUNING, ...tuning };
    this.frequency = new DocumentFrequency(this.tuning.idfPriorDocs);
  }

  get size(): number {
    return this.items.size;
  }

  private get windowMs(): number {
    return this.settings.windowHours * 3_600_000;
  }

  /** Decide where `doc` goes. Does not change the index. */
  place(doc: ClusterDoc): Placement {
    const features = this.featuresOf(doc);
    const exact = this.republication(doc, features) ?? this.wireCopy(doc, features);
    if (exact) return exact;
    if (contentWordCount(features) < MIN_CONTENT_WORDS) return NEW_STORY;
    const vector = tfIdfVector(features.terms, this.frequency, 1, this.tuning.maxTerms);
    const scored: { story: Story; score: number }[] = [];
    // Candidates the item matches too weakly to join: still compared with the joined story as a whole.
    const related: { story: Story; score: number }[] = [];
    for (const story of this.candidates(doc, features, vector)) {
      const { cosine, shared } = story.match(vector);
      if (shared < this.tuning.minSharedTerms) continue;
      if (cosine >= this.joinThreshold(story, features)) scored.push({ story, score: cosine });
      else if (cosine >= this.tuning.storyMergeItemFloor) related.push({ story, score: cosine });
    }
    if (scored.length === 0) return NEW_STORY;
    scored.sort((a, b) => b.score - a.score || a.story.id - b.story.id);
    const best = scored[0] as { story: Story; score: number };
    const mergeStoryIds: number[] = [];
    for (const [position, candidate] of [...scored, ...related].entries()) {
      if (position === 0 || !best.story.sharesLanguageWith(candidate.story)) continue;
      const joined = position < scored.length;
      if (
        (joined && candidate.score >= this.tuning.mergeThreshold) ||
        best.story.centroidCosine(candidate.story) >= this.tuning.storyMergeThreshold
      )
        mergeStoryIds.push(candidate.story.id);
    }
    mergeStoryIds.sort((a, b) => a - b);
    return { storyId: best.story.id, mergeStoryIds, score: best.score };
  }

  /**
   * Record `doc` as a member of `storyId` (after the caller persisted the placement). Returns the
   * items forgotten to stay within maxItems, oldest first.
   */
  add(doc: ClusterDoc, storyId: number): number[] {
    if (this.items.has(doc.id)) this.remove(doc.id);
    const features = this.featuresOf(doc);
    this.frequency.add(features.terms.keys());
    const vector = tfIdfVector(features.terms, this.frequency, 0, this.tuning.maxTerms);
    const key = features.titleKey ? republicationKey(doc, features) : null;
    this.items.set(doc.id, {
      feedId: doc.feedId,
      language: doc.language,
      firstSeenAt: doc.firstSeenAt,
      time: features.time,
      hasText: features.hasText,
      simhash: features.simhash,
      republicationKey: key,
      terms: [...features.terms.keys()].join(TERM_SEPARATOR),
      vector,
      storyId,
    });
    const story = this.stories.get(storyId) ?? new Story(storyId);
    this.stories.set(storyId, story);
    this.join(story, doc.id, vector, features, doc.language);
    if (features.simhash) this.wireCopies.add(doc.id, features.simhash);
    if (key) this.republished.set(key, doc.id);
    // Items are kept in the order they were added: the first ones are the oldest.
    const forgotten: number[] = [];
    for (const oldest of this.items.keys()) {
      if (this.items.size <= this.settings.maxItems) break;
      this.remove(oldest);
      forgotten.push(oldest);
    }
    return forgotten;
  }

  /** Forget an item (deleted, or edited and about to be placed again). */
  remove(itemId: number): void {
    const item = this.items.get(itemId);
    if (!item) return;
    this.items.delete(itemId);
    this.frequency.remove(item.terms ? item.terms.split(TERM_SEPARATOR) : []);
    const story = this.stories.get(item.storyId);
    if (story) this.leave(story, itemId, item);
    if (item.simhash) this.wireCopies.remove(itemId, item.simhash);
    if (item.republicationKey && this.republished.get(item.republicationKey) === itemId)
      this.republished.delete(item.republicationKey);
  }

  /** Every member of story `from` now belongs to `into` (after the caller persisted a merge). */
  mergeStories(from: number, into: number): void {
    if (from === into) return;
    const source = this.stories.get(from);
    if (!source) return;
    const target = this.stories.get(into) ?? new Story(into);
    this.stories.set(into, target);
    for (const itemId of source.members) {
      const item = this.items.get(itemId);
      if (item) item.storyId = into;
    }
    for (const term of source.centroid.keys()) this.postings.move(term, from, into);
    target.absorb(source);
    this.stories.delete(from);
  }

  /** Drop items first seen before `cutoffMs` from the candidate index. */
  evictBefore(cutoffMs: number): void {
    const old: number[] = [];
    for (const [itemId, item] of this.items) if (item.firstSeenAt < cutoffMs) old.push(itemId);
    for (const itemId of old) this.remove(itemId);
  }

  /** The story's most central member (its lead: headline and outlet are that item's own), null if unknown. */
  leadOf(storyId: number): number | null {
    const story = this.stories.get(storyId);
    if (!story) return null;
    let lead: number | null = null;
    let best = Number.NEGATIVE_INFINITY;
    for (const itemId of story.members) {
      const item = this.items.get(itemId);
      if (!item) continue;
      const centrality = dot(item.vector, story.centroid);
      if (centrality > best || (centrality === best && lead !== null && itemId < lead)) {
        best = centrality;
        lead = itemId;
      }
    }
    return lead;
  }

  /** The features of `doc`, computed once for its place() and the add() that follows. */
  private featuresOf(doc: ClusterDoc): DocFeatures {
    const cached = this.lastFeatures;
    if (cached && sameDoc(cached.doc, doc)) return cached.features;
    const features = docFeatures(doc, this.tuning);
    this.lastFeatures = { doc: { ...doc }, features };
    return features;
  }

  /** The same headline again from the same feed within the window: a republication, same story. */
  private republication(doc: ClusterDoc, features: DocFeatures): Placement | null {
    if (!features.titleKey) return null;
    const itemId = this.republished.get(republicationKey(doc, features));
    const item = itemId === undefined ? undefined : this.items.get(itemId);
    if (!item || itemId === doc.id) return null;
    const story = this.stories.get(item.storyId);
    if (!story || !this.eligible(story, doc, features)) return null;
    if (Math.abs(item.time - features.time) > this.windowMs) return null;
    return { storyId: item.storyId, mergeStoryIds: [], score: REPUBLISHED_SCORE };
  }

  /** Near-identical text: one report under another outlet's boilerplate. */
  private wireCopy(doc: ClusterDoc, features: DocFeatures): Placement | null {
    if (!features.simhash) return null;
    const near = this.wireCopies.near(features.simhash, (itemId) => this.items.get(itemId)?.simhash ?? null);
    for (const { itemId } of near) {
      const item = this.items.get(itemId);
      if (!item || itemId === doc.id) continue;
      if (Math.abs(item.time - features.time) > this.windowMs) continue;
      const story = this.stories.get(item.storyId);
      if (story?.acceptsLanguage(doc.language))
        return { storyId: story.id, mergeStoryIds: [], score: WIRE_COPY_SCORE };
    }
    return null;
  }

  /**
   * Stories sharing at least minSharedTerms of the item's terms, the most shared weight first, at
   * most maxCandidates, within time and language. Terms found in more than maxStoriesPerKey
   * stories are too common to propose candidates (they still count in the score).
   */
  private candidates(doc: ClusterDoc, features: DocFeatures, vector: TermVector): Story[] {
    const evidence = new Map<number, { weight: number; terms: number }>();
    for (let index = 0; index < vector.terms.length; index++) {
      const weight = vector.weights[index] as number;
      const term = vector.terms[index] as string;
      const size = this.postings.size(term);
      if (size === 0 || size > this.tuning.maxStoriesPerKey) continue;
      for (const storyId of this.postings.storyIds(term)) {
        const found = evidence.get(storyId);
        if (found) {
          found.weight += weight;
          found.terms++;
        } else evidence.set(storyId, { weight, terms: 1 });
      }
    }
    const ranked: { story: Story; weight: number }[] = [];
    for (const [storyId, found] of evidence) {
      if (found.terms < Math.min(this.tuning.minSharedTerms, vector.terms.length)) continue;
      const story = this.stories.get(storyId);
      if (story && this.eligible(story, doc, features)) ranked.push({ story, weight: found.weight });
    }
    ranked.sort((a, b) => b.weight - a.weight || a.story.id - b.story.id);
    return ranked.slice(0, this.settings.maxCandidates).map((candidate) => candidate.story);
  }

  private eligible(story: Story, doc: ClusterDoc, features: DocFeatures): boolean {
    return story.acceptsLanguage(doc.language) && story.coversTime(features.time, this.windowMs);
  }

  private joinThreshold(story: Story, features: DocFeatures): number {
    const { joinThreshold, joinThresholdPerDoubling, joinThresholdFloor, textJoinThreshold } = this.tuning;
    const byTitle = Math.max(
      joinThresholdFloor,
      joinThreshold - joinThresholdPerDoubling * Math.log2(story.members.size),
    );
    return features.hasText && story.textMembers > 0 ? Math.max(byTitle, textJoinThreshold) : byTitle;
  }

  private join(
    story: Story,
    itemId: number,
    vector: TermVector,
    features: DocFeatures,
    language: string | null,
  ): void {
    story.members.add(itemId);
    story.addVector(vector, 1, this.countMembers(vector, story.id, 1));
    story.countLanguage(language, 1);
    if (features.hasText) story.textMembers++;
    story.minTime = Math.min(story.minTime, features.time);
    story.maxTime = Math.max(story.maxTime, features.time);
  }

  /**
   * Counts a member carrying `vector`'s terms in (sign 1) or out of (-1) the story's postings; returns
   * how many of its members carry each term now (a vector's terms are distinct).
   */
  private countMembers(vector: TermVector, storyId: number, sign: 1 | -1): readonly number[] {
    // One array for every call (read at once by addVector): no allocation per member.
    const counts = this.memberCounts;
    counts.length = vector.terms.length;
    for (let index = 0; index < vector.terms.length; index++)
      counts[index] = this.postings.add(vector.terms[index] as string, storyId, sign);
    return counts;
  }

  private leave(story: Story, itemId: number, item: IndexedItem): void {
    story.members.delete(itemId);
    story.addVector(item.vector, -1, this.countMembers(item.vector, story.id, -1));
    story.countLanguage(item.language, -1);
    if (item.hasText) story.textMembers--;
    // The time span only grows: eviction takes the oldest items, and an edit re-adds its item.
    if (story.members.size === 0) this.stories.delete(story.id);
  }
}

function sameDoc(a: ClusterDoc, b: ClusterDoc): boolean {
  return (
    a.id === b.id &&
    a.title === b.title &&
    a.text === b.text &&
    a.language === b.language &&
    a.publishedAt === b.publishedAt &&
    a.firstSeenAt === b.firstSeenAt &&
    a.simhash === b.simhash
  );
}

function republicationKey(doc: ClusterDoc, features: DocFeatures): string {
  return `${doc.feedId}\u0000${features.titleKey}`;
}

function contentWordCount(features: DocFeatures): number {
  let words = 0;
  for (const term of features.terms.keys()) if (!term.includes(' ')) words++;
  return words;
}
