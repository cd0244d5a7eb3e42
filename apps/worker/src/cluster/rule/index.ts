import { simhash, simhashDistance, similarity } from '../../deps/parser.js';

// INTERIM rule (h17-stage): today's near-duplicate rule behind the clustering rule's interface, so the
// clusterer stage works before the event-level rule (h17-rule) replaces this folder. Near-identical
// text (simhash), similar text with a similar title, or a near-identical title join a story.

/** One item as the clustering rule sees it. Plain data, no database. */
export interface ClusterDoc {
  id: number;
  feedId: number;
  title: string;
  text: string | null;
  language: string | null;
  publishedAt: number | null;
  firstSeenAt: number;
}

export interface ClusterRuleSettings {
  windowHours: number;
  maxCandidates: number;
}

export const DEFAULT_CLUSTER_RULE_SETTINGS: ClusterRuleSettings = { windowHours: 72, maxCandidates: 50 };

export interface Placement {
  storyId: number | null;
  mergeStoryIds: number[];
  score: number;
}

const HOUR_MS = 3_600_000;
const NEAR_DUPLICATE_BITS = 3;
const TEXT_SIMILARITY = 0.55;
const TITLE_WITH_TEXT = 0.3;
const TITLE_ALONE = 0.8;
const MIN_WORDS_FOR_SIMHASH = 40;
const MAX_TEXT_COMPARISONS = 12;
const MAX_TITLE_TERMS = 12;
const MIN_TERM_LENGTH = 3;
/** Members compared when choosing a story's lead. */
const LEAD_SAMPLE = 50;
const STOP_WORDS = new Set(
  (
    'the and for are but not you all any can had her was one our out day get has him his how man new now old see two ' +
    'way who boy did its let put say she too use that with have this will your from they know want been good much some ' +
    'time very when come here just like long make many more only over such take than them well were what into after ' +
    'says said about amid over under first last year years week news live update updates report reports video photos'
  ).split(' '),
);

function titleTerms(title: string): string[] {
  const terms = new Set<string>();
  const words =
    title
      .normalize('NFKD')
      .replace(/\p{M}+/gu, '')
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? [];
  for (const word of words) {
    if (word.length < MIN_TERM_LENGTH || STOP_WORDS.has(word)) continue;
    terms.add(word);
    if (terms.size === MAX_TITLE_TERMS) break;
  }
  return [...terms];
}

interface Indexed {
  doc: ClusterDoc;
  storyId: number;
  terms: string[];
  simhash: string | null;
  words: number;
}

function wordCount(text: string | null): number {
  return text ? text.split(/\s+/).filter(Boolean).length : 0;
}

function signOf(doc: ClusterDoc): Omit<Indexed, 'storyId'> {
  const words = wordCount(doc.text);
  return {
    doc,
    terms: titleTerms(doc.title),
    simhash: doc.text && words >= MIN_WORDS_FOR_SIMHASH ? simhash(`${doc.title}\n${doc.text}`) : null,
    words,
  };
}

function jaccard(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  const right = new Set(b);
  let shared = 0;
  for (const word of a) if (right.has(word)) shared++;
  return shared / (a.length + b.length - shared);
}

const eventTime = (doc: ClusterDoc) => doc.publishedAt ?? doc.firstSeenAt;

function bands(hash: string | null): string[] {
  return hash ? [0, 1, 2, 3].map((band) => `${band}:${hash.slice(band * 4, band * 4 + 4)}`) : [];
}

function addTo<K, V>(map: Map<K, Set<V>>, key: K, value: V) {
  const set = map.get(key);
  if (set) set.add(value);
  else map.set(key, new Set([value]));
}

/** In-memory candidate index and the rule. */
export class StoryIndex {
  private readonly settings: ClusterRuleSettings;
  private readonly items = new Map<number, Indexed>();
  private readonly stories = new Map<number, Set<number>>();
  private readonly postings = new Map<string, Set<number>>();
  /** The document place() last signed: add() of the same document reuses its simhash. */
  private lastSigned: Omit<Indexed, 'storyId'> | null = null;

  constructor(settings: Partial<ClusterRuleSettings> = {}) {
    this.settings = { ...DEFAULT_CLUSTER_RULE_SETTINGS, ...settings };
  }

  get size(): number {
    return this.items.size;
  }

  private score(item: Omit<Indexed, 'storyId'>, other: Indexed): number {
    if (other.doc.id === item.doc.id) return 0;
    if (Math.abs(eventTime(item.doc) - eventTime(other.doc)) > this.settings.windowHours * HOUR_MS) return 0;
    if (item.simhash && other.simhash && simhashDistance(item.simhash, other.simhash) <= NEAR_DUPLICATE_BITS)
      return 2;
    const title = jaccard(item.terms, other.terms);
    if (item.doc.text && other.doc.text) {
      if (title < TITLE_WITH_TEXT) return 0;
      const text = similarity(item.doc.text, other.doc.text);
      return text >= TEXT_SIMILARITY ? 1 + text / 2 + title / 2 : 0;
    }
    return title >= TITLE_ALONE ? title : 0;
  }

  place(doc: ClusterDoc): Placement {
    const item = signOf(doc);
    this.lastSigned = item;
    const found = new Set<number>();
    for (const key of [...item.terms.map((term) => `t:${term}`), ...bands(item.simhash)])
      for (const id of this.postings.get(key) ?? []) found.add(id);
    // The newest candidates first, a bounded number: the rest are older coverage.
    const candidates = [...found]
      .sort((a, b) => b - a)
      .slice(0, this.settings.maxCandidates)
      .map((id) => this.items.get(id)!)
      .filter(
        (other) =>
          other.doc.language === null || doc.language === null || other.doc.language === doc.language,
      );
    const ranked = candidates
      .map((other) => ({ other, title: jaccard(item.terms, other.terms) }))
      .sort((a, b) => b.title - a.title || b.other.doc.id - a.other.doc.id);
    let best: { storyId: number; score: number } | null = null;
    let textComparisons = 0;
    for (const { other } of ranked) {
      const needsText = Boolean(item.doc.text && other.doc.text) && !(item.simhash && other.simhash);
      if (needsText && ++textComparisons > MAX_TEXT_COMPARISONS) continue;
      const score = this.score(item, other);
      if (score > 0 && (!best || score > best.score)) best = { storyId: other.storyId, score };
    }
    return { storyId: best?.storyId ?? null, mergeStoryIds: [], score: best?.score ?? 0 };
  }

  add(doc: ClusterDoc, storyId: number): void {
    this.remove(doc.id);
    const signed = this.lastSigned?.doc === doc ? this.lastSigned : signOf(doc);
    const item: Indexed = { ...signed, storyId };
    this.items.set(doc.id, item);
    addTo(this.stories, storyId, doc.id);
    for (const key of [...item.terms.map((term) => `t:${term}`), ...bands(item.simhash)])
      addTo(this.postings, key, doc.id);
  }

  remove(itemId: number): void {
    const item = this.items.get(itemId);
    if (!item) return;
    this.items.delete(itemId);
    const members = this.stories.get(item.storyId);
    members?.delete(itemId);
    if (members?.size === 0) this.stories.delete(item.storyId);
    for (const key of [...item.terms.map((term) => `t:${term}`), ...bands(item.simhash)]) {
      const posting = this.postings.get(key);
      posting?.delete(itemId);
      if (posting?.size === 0) this.postings.delete(key);
    }
  }

  mergeStories(from: number, into: number): void {
    if (from === into) return;
    for (const id of this.stories.get(from) ?? []) {
      this.items.get(id)!.storyId = into;
      addTo(this.stories, into, id);
    }
    this.stories.delete(from);
  }

  evictBefore(cutoffMs: number): void {
    for (const [id, item] of this.items) if (item.doc.firstSeenAt < cutoffMs) this.remove(id);
  }

  /** The member most similar in title to the others (ties: the earliest reported, then lowest id). */
  leadOf(storyId: number): number | null {
    const members = [...(this.stories.get(storyId) ?? [])]
      .sort((a, b) => a - b)
      .slice(0, LEAD_SAMPLE)
      .map((id) => this.items.get(id)!);
    let lead: { item: Indexed; centrality: number } | null = null;
    for (const item of members) {
      let centrality = 0;
      for (const other of members) if (other !== item) centrality += jaccard(item.terms, other.terms);
      if (
        !lead ||
        centrality > lead.centrality ||
        (centrality === lead.centrality && eventTime(item.doc) < eventTime(lead.item.doc))
      )
        lead = { item, centrality };
    }
    return lead?.item.doc.id ?? null;
  }
}

/** Whether an edit changed an item enough that it must be placed again. */
export function changedMaterially(before: ClusterDoc, after: ClusterDoc): boolean {
  if (before.language !== after.language) return true;
  const a = signOf(before);
  const b = signOf(after);
  if ((a.simhash === null) !== (b.simhash === null)) return true;
  if (a.simhash && b.simhash && simhashDistance(a.simhash, b.simhash) > NEAR_DUPLICATE_BITS) return true;
  return before.title !== after.title && jaccard(a.terms, b.terms) < TITLE_ALONE;
}
