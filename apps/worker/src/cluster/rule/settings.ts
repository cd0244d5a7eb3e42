// The rule's limits and tuned weights. Limits are settings the worker passes in; the weights are
// chosen by bench/clustering.ts (2-fold cross-validation on the dev headlines) and only overridden
// there, to measure alternatives.

export interface ClusterRuleSettings {
  /** Candidates first seen (or published) within this window (WORKER_CLUSTER_WINDOW_HOURS). */
  windowHours: number;
  /** Candidate stories scored per item at most, so one item never costs more than this. */
  maxCandidates: number;
  /** Items indexed at most: past it the oldest are forgotten first, so a burst cannot exhaust memory. */
  maxItems: number;
}

export const DEFAULT_CLUSTER_WINDOW_HOURS = 72;
export const DEFAULT_MAX_CANDIDATES = 32;
export const DEFAULT_MAX_INDEXED_ITEMS = 100_000;

export const DEFAULT_CLUSTER_RULE_SETTINGS: ClusterRuleSettings = {
  windowHours: DEFAULT_CLUSTER_WINDOW_HOURS,
  maxCandidates: DEFAULT_MAX_CANDIDATES,
  maxItems: DEFAULT_MAX_INDEXED_ITEMS,
};

/** The weights and thresholds of the similarity rule. */
export interface RuleTuning {
  /** Cosine (item against story centroid) a single-member story needs for the item to join. */
  joinThreshold: number;
  /** Lowered by this much per doubling of the story's size: a centroid of many headlines is diffuse. */
  joinThresholdPerDoubling: number;
  /** The join threshold never drops below this. */
  joinThresholdFloor: number;
  /** The join threshold when both the item and the story have texts: texts on one topic share many words. */
  textJoinThreshold: number;
  /** Distinct content terms an item must share with a story to join it (a bigram counts as one). */
  minSharedTerms: number;
  /** Another candidate story whose centroid is at least this similar (cosine) to the joined story's is
   *  the same event told in other words (one outlet's angle, another's): merged. Set a step above the
   *  folds' choice: on the whole dev set, twice as dense as a fold, theirs lets precision fall below
   *  the tuning's floor (bench/RESULTS.md), and unseen coverage may be denser still. */
  storyMergeThreshold: number;
  /** Candidate stories the item matches (cosine) below this are not compared centroid to centroid:
   *  bounds the cost of the comparison to stories the item itself relates to. */
  storyMergeItemFloor: number;
  /** Another candidate story the item matches at least this well is the same event: merged. */
  mergeThreshold: number;
  /** Weight of a title word, of a title bigram and of a word from the text's lead. */
  titleWeight: number;
  bigramWeight: number;
  /** A title word written as a name (capitalized in a sentence-case headline, an acronym) weighs this much more. */
  nameBoost: number;
  textWeight: number;
  /** Words of the text's lead that count: about a news lead's first sentence, where every outlet names the
   *  event; later sentences follow each outlet's own angle and dilute the match (bench/RESULTS.md). */
  textLeadWords: number;
  /** Stopwords: this many of each language's most frequent words. */
  stopwordsPerLanguage: number;
  /** Terms an item's vector keeps at most (its heaviest): bounds the cost of every comparison. */
  maxTerms: number;
  /** Pseudo-documents in which no term occurs, so the first items' IDF is not all zeros. */
  idfPriorDocs: number;
  /** A term found in more stories than this is too common to propose candidates (it still scores). */
  maxStoriesPerKey: number;
}

export const DEFAULT_RULE_TUNING: RuleTuning = {
  joinThreshold: 0.35,
  joinThresholdPerDoubling: 0.04,
  joinThresholdFloor: 0.12,
  textJoinThreshold: 0.5,
  minSharedTerms: 2,
  mergeThreshold: 0.35,
  storyMergeThreshold: 0.35,
  storyMergeItemFloor: 0.1,
  titleWeight: 1,
  bigramWeight: 0.25,
  nameBoost: 1,
  textWeight: 0.3,
  textLeadWords: 20,
  idfPriorDocs: 20,
  maxTerms: 32,
  stopwordsPerLanguage: 120,
  maxStoriesPerKey: 64,
};

/** Wire copies: texts this long, simhashes this close, are one report under different boilerplate. */
export const WIRE_COPY_MIN_WORDS = 40;
export const WIRE_COPY_MAX_BITS = 3;
/** An item published later than first seen by more than this is misdated: its first sighting counts. */
export const FUTURE_DATE_SLACK_MS = 3_600_000;
