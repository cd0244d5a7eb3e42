// The storage contract shared by the worker and the web app. Both engines implement exactly this.
// Times are ISO 8601 UTC strings ("2026-01-02T03:04:05.000Z"); absent values are null, never undefined.

import type { SubscriptionsApi } from './subscriptions.js';

export type Engine = 'sqlite' | 'postgres';

/** One page of a keyset-paginated list; pass `nextCursor` back to get the next page. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface PageRequest {
  limit?: number;
  cursor?: string | null;
}

/** How a feed's items are identified: the choice is recorded on the feed (see worker identity rules). */
export type IdentityRule = 'guid' | 'url' | 'hash';

export interface Feed {
  id: number;
  url: string;
  title: string | null;
  siteUrl: string | null;
  iconUrl: string | null;
  language: string | null;
  folder: string | null;
  etag: string | null;
  lastModified: string | null;
  nextPollAt: string;
  pollIntervalSeconds: number;
  errorCount: number;
  lastError: string | null;
  lastErrorAt: string | null;
  lastSuccessAt: string | null;
  disabled: boolean;
  disabledReason: string | null;
  identityRule: IdentityRule | null;
  leaseOwner: string | null;
  leaseExpiresAt: string | null;
  createdAt: string;
  /**
   * Claims since the last recorded outcome, this one included: above 1, an earlier claim ended
   * without one (its worker died while polling).
   */
  claimAttempts: number;
  /** Claims in a row that ended with their worker gone, as recorded by `recordCrash`. */
  crashCount: number;
}

export interface FeedWithStats extends Feed {
  itemCount: number;
}

export interface NewFeed {
  url: string;
  title?: string | null;
  siteUrl?: string | null;
  folder?: string | null;
  /** Defaults to now: a new feed is due at once. */
  nextPollAt?: string;
}

/** Fields a poll may change on its feed; omitted fields stay as they are. */
export interface FeedPatch {
  url?: string;
  title?: string | null;
  siteUrl?: string | null;
  iconUrl?: string | null;
  language?: string | null;
  folder?: string | null;
  etag?: string | null;
  lastModified?: string | null;
  nextPollAt?: string;
  pollIntervalSeconds?: number;
  errorCount?: number;
  lastError?: string | null;
  lastErrorAt?: string | null;
  lastSuccessAt?: string | null;
  disabled?: boolean;
  disabledReason?: string | null;
  identityRule?: IdentityRule | null;
}

export interface ClaimOptions {
  /** At most this many feeds of one host in one claim (politeness). */
  perHostLimit?: number;
  /** How long the lease lasts; a crashed worker's feeds are claimable again after it. */
  leaseSeconds?: number;
  /** "Now", for tests. */
  now?: Date;
}

export interface Author {
  name?: string;
  email?: string;
  url?: string;
}

export interface Enclosure {
  url: string;
  type?: string;
  length?: number;
}

export interface ItemInput {
  /** Identity within the feed (the parser's `key`, possibly re-derived by the worker's identity rule). */
  key: string;
  guid: string | null;
  url: string | null;
  canonicalUrl: string | null;
  title: string;
  summary: string | null;
  contentHtml: string | null;
  contentText: string | null;
  authors: Author[];
  categories: string[];
  enclosures: Enclosure[];
  publishedAt: string | null;
  updatedAt: string | null;
  language: string | null;
  imageUrl: string | null;
  commentsUrl: string | null;
  wire: string | null;
  wordCount: number;
  contentHash: string | null;
  /** 64-bit simhash as 16 hex digits. */
  simhash: string | null;
}

export interface Item extends ItemInput {
  id: number;
  feedId: number;
  storyId: number | null;
  firstSeenAt: string;
}

/** Per input item: what the upsert did. `tombstoned` means the key was deleted before and stays deleted. */
export type UpsertStatus = 'new' | 'updated' | 'unchanged' | 'tombstoned';

export interface UpsertResult {
  key: string;
  id: number | null;
  status: UpsertStatus;
}

/** An item as story clustering compares it. */
export interface ClusterSubject {
  id: number;
  feedId: number;
  title: string;
  contentText: string | null;
  simhash: string | null;
  publishedAt: string | null;
  firstSeenAt: string;
}

/** What an edit changed, as far as clustering is concerned. */
export interface ItemSignature {
  title: string;
  simhash: string | null;
}

/**
 * The caller's clustering decisions for `items.ingest`; the layer finds candidates and writes. Both
 * functions run inside the write transaction: synchronous, quick, no I/O.
 */
export interface StoryAssigner {
  /** Candidates are items first seen at most this many hours before the item itself. */
  windowHours: number;
  /** Candidates read per item (default DEFAULT_CANDIDATE_LIMIT). */
  candidateLimit?: number;
  /** The story `item` belongs to: one of the candidates' storyId, or null for none of them. */
  pick(item: ClusterSubject, candidates: StoryCandidate[]): number | null;
  /**
   * Whether an edit changed an item enough to re-check its story. Then it stays if `pick` still
   * matches it with its story's other members, else it moves (to a matching story, or a new one).
   * Absent: edits never move items.
   */
  changedMaterially?(before: ItemSignature, after: ItemSignature): boolean;
}

/**
 * What ingest did with an item's story: `created` a new one, `joined` an existing one, `kept` (an
 * edit re-checked and still matching), `moved` (an edit that no longer matched), `unchanged` (not
 * re-checked), null for a tombstoned key.
 */
export type StoryOutcome = 'created' | 'joined' | 'kept' | 'moved' | 'unchanged' | null;

export interface IngestResult extends UpsertResult {
  /** The item's story after the call (null for a tombstoned key). */
  storyId: number | null;
  story: StoryOutcome;
}

export interface FeedRef {
  id: number;
  title: string | null;
  siteUrl: string | null;
  iconUrl: string | null;
}

export interface ItemWithFeed extends Item {
  feed: FeedRef;
}

/** Another outlet's version of a story: its own headline, where it is, when. */
export interface StoryOutlet {
  feed: FeedRef;
  itemId: number;
  title: string;
  url: string | null;
  publishedAt: string;
  /** The outlet's item's language code as stored (feed-declared or detected), null when unknown. */
  language: string | null;
}

export interface StorySummary {
  id: number;
  title: string;
  summary: string | null;
  imageUrl: string | null;
  wire: string | null;
  /** The lead item's language code as stored (feed-declared or detected), null when unknown. */
  language: string | null;
  leadItemId: number;
  leadUrl: string | null;
  leadFeed: FeedRef;
  itemCount: number;
  /** Distinct feeds among the story's items (copies from one feed count once). */
  sourceCount: number;
  /** Up to OUTLETS_PER_STORY other feeds than the lead's, each with its own first version, earliest first. */
  outlets: StoryOutlet[];
  firstSeenAt: string;
  updatedAt: string;
  /** When the lead item was published (its first-seen time when the feed gave no date). */
  publishedAt: string;
  score: number;
}

export interface StoryDetail {
  story: StorySummary;
  /** Every item of the story, the lead first, then by time. */
  items: ItemWithFeed[];
}

export interface StoryFilter {
  feedId?: number;
  folder?: string;
  language?: string;
  /** Only stories published (their `publishedAt`, as listed) at or after this time. */
  since?: string;
}

/** What clustering needs to compare an incoming item with a story's members: one member, as compared. */
export interface StoryCandidate extends Omit<ClusterSubject, 'id'> {
  storyId: number;
  itemId: number;
}

export interface CandidateQuery {
  simhash: string | null;
  /** Normalized title words; candidates share at least one (besides the simhash bands). */
  titleTerms: string[];
  /** Only items first seen at or after this time. */
  since: string;
  limit?: number;
}

export interface SearchHit {
  itemId: number;
  storyId: number | null;
  title: string;
  url: string | null;
  feed: FeedRef;
  publishedAt: string | null;
  /** The item's language code as stored (feed-declared or detected), null when unknown. */
  language: string | null;
  /** Sanitized snippet; matched words wrapped in <mark>…</mark>, everything else HTML-escaped. */
  snippetHtml: string;
  rank: number;
  /** The hit's story's distinct feeds (1 when it has no story). One hit per story: its best-ranked item. */
  sourceCount: number;
  /** Up to OUTLETS_PER_STORY other feeds of the hit's story than the hit's own, earliest first. */
  outlets: StoryOutlet[];
}

export interface SearchRequest extends PageRequest {
  /** Words, "a phrase", and prefix* terms. */
  query: string;
  feedId?: number;
}

export interface PollRecord {
  feedId: number;
  startedAt: string;
  durationMs: number;
  httpStatus: number | null;
  bytes: number;
  itemsNew: number;
  itemsUpdated: number;
  error: string | null;
}

export interface Poll extends PollRecord {
  id: number;
}

export interface Stats {
  feeds: number;
  feedsDisabled: number;
  feedsFailing: number;
  items: number;
  stories: number;
  polls: number;
}

/** A poll that changed nothing but the feed's schedule (`FeedsApi.finishUnchanged`). */
export interface UnchangedPoll {
  id: number;
  nextPollAt: string;
  pollIntervalSeconds: number;
  /** When the poll succeeded (the feed's lastSuccessAt). */
  polledAt: string;
}

export interface FeedsApi {
  add(feed: NewFeed): Promise<Feed>;
  get(id: number): Promise<Feed | null>;
  getByUrl(url: string): Promise<Feed | null>;
  list(request?: PageRequest & { includeDisabled?: boolean }): Promise<Page<FeedWithStats>>;
  update(id: number, patch: FeedPatch): Promise<Feed>;
  remove(id: number): Promise<void>;
  /** Atomically leases due, enabled, unleased (or lease-expired) feeds to `workerId`. */
  claimDue(workerId: string, limit: number, options?: ClaimOptions): Promise<Feed[]>;
  /** Applies the poll's patch and releases the lease, only if `workerId` still holds it. */
  finishPoll(id: number, workerId: string, patch: FeedPatch): Promise<boolean>;
  /**
   * `finishPoll` for many polls that found nothing new (a 304): each feed's schedule is set, its
   * errors cleared and its lease released, if `workerId` still holds it; one statement on
   * PostgreSQL, one transaction on SQLite. Returns the ids of the feeds it updated.
   */
  finishUnchanged(workerId: string, polls: UnchangedPoll[]): Promise<number[]>;
  /** Gives a claimed feed back untouched (shutting down): the claim does not count as an attempt. */
  releaseLease(id: number, workerId: string): Promise<void>;
  /**
   * Records that earlier claims of the feed ended without an outcome (their worker died): applies
   * `patch` (the error, backoff, perhaps disabled), counts one more crash in a row, clears the
   * attempts and releases the lease, if `workerId` holds it.
   */
  recordCrash(id: number, workerId: string, patch: FeedPatch): Promise<boolean>;
  folders(): Promise<string[]>;
  countDue(now?: Date): Promise<number>;
}

export interface ItemsApi {
  /** Inserts new keys, updates changed ones, skips tombstoned ones; one transaction. */
  upsertMany(feedId: number, items: ItemInput[]): Promise<UpsertResult[]>;
  /**
   * The worker's write for one poll, in ONE transaction: upsertMany, then every new item (and every
   * edited one without a story) assigned to a story by `stories.pick`, every materially edited item
   * re-checked, and the changed stories' lead, counts and score recomputed.
   */
  ingest(feedId: number, items: ItemInput[], stories: StoryAssigner): Promise<IngestResult[]>;
  get(id: number): Promise<ItemWithFeed | null>;
  listByFeed(feedId: number, request?: PageRequest): Promise<Page<ItemWithFeed>>;
  /** Deletes the item and keeps a tombstone of its key so it never comes back. */
  remove(id: number): Promise<void>;
  /** The keys seen in the feed's previous polls among `keys` (for the worker's guid-stability check). */
  existingKeys(feedId: number, keys: string[]): Promise<Set<string>>;
}

export interface StoriesApi {
  /** Ranked front page. */
  listTop(request?: PageRequest & StoryFilter): Promise<Page<StorySummary>>;
  get(id: number): Promise<StoryDetail | null>;
  candidates(query: CandidateQuery): Promise<StoryCandidate[]>;
  /**
   * Puts the item in the story (or a new story when storyId is null) and, in the same transaction,
   * recomputes the story's representative item, counts and score. Returns the story id.
   */
  attach(itemId: number, storyId: number | null): Promise<number>;
}

export interface SearchApi {
  query(request: SearchRequest): Promise<Page<SearchHit>>;
}

export interface PollsApi {
  record(poll: PollRecord): Promise<void>;
  listByFeed(feedId: number, request?: PageRequest): Promise<Page<Poll>>;
  recentErrors(request?: PageRequest): Promise<Page<Poll & { feedUrl: string }>>;
  prune(olderThan: string): Promise<number>;
}

export interface RetentionApi {
  /** Deletes items older than the cutoff (with their search rows, tombstoning their keys) and empty stories. */
  run(olderThan: string): Promise<{ items: number; stories: number }>;
}

export interface Db {
  engine: Engine;
  feeds: FeedsApi;
  items: ItemsApi;
  stories: StoriesApi;
  search: SearchApi;
  polls: PollsApi;
  retention: RetentionApi;
  /** Subscribing and listing subscriptions, one dedupe rule for every caller. */
  subscriptions: SubscriptionsApi;
  stats(): Promise<Stats>;
  close(): Promise<void>;
}
