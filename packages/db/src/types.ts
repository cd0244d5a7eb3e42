// The storage contract shared by the worker and the web app. Both engines implement exactly this.
// Times are ISO 8601 UTC strings ("2026-01-02T03:04:05.000Z"); absent values are null, never undefined.

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
  /** Claims since the last recorded outcome, this one included: above 1, an earlier claim's worker died. */
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

/** Fields a poll may change on its feed (all but its id, lease and counters); omitted fields stay as they are. */
export type FeedPatch = Partial<
  Omit<Feed, 'id' | 'leaseOwner' | 'leaseExpiresAt' | 'createdAt' | 'claimAttempts' | 'crashCount'>
>;

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
  /** `finishPoll` for many 304s at once (schedule set, errors cleared); the ids of the feeds it updated. */
  finishUnchanged(workerId: string, polls: UnchangedPoll[]): Promise<number[]>;
  /** Gives a claimed feed back untouched (shutting down): the claim does not count as an attempt. */
  releaseLease(id: number, workerId: string): Promise<void>;
  /** Earlier claims ended without an outcome (their worker died): `finishPoll`, plus one crash in a row. */
  recordCrash(id: number, workerId: string, patch: FeedPatch): Promise<boolean>;
  folders(): Promise<string[]>;
  countDue(now?: Date): Promise<number>;
}

export interface ItemsApi {
  /**
   * One poll's write in ONE transaction: new keys inserted, changed ones updated, tombstoned ones
   * skipped, the new and changed queued for the clusterer (`clustering`).
   */
  ingest(feedId: number, items: ItemInput[]): Promise<UpsertResult[]>;
  get(id: number): Promise<ItemWithFeed | null>;
  listByFeed(feedId: number, request?: PageRequest): Promise<Page<ItemWithFeed>>;
  /** Deletes the item and keeps a tombstone of its key so it never comes back. */
  remove(id: number): Promise<void>;
  /** The keys seen in the feed's previous polls among `keys` (for the worker's guid-stability check). */
  existingKeys(feedId: number, keys: string[]): Promise<Set<string>>;
}

export interface StoriesApi {
  listTop(request?: PageRequest & StoryFilter): Promise<Page<StorySummary>>;
  get(id: number): Promise<StoryDetail | null>;
  /** The story a merged story `id` became (following merges of merges), null if it was never merged. */
  redirect(id: number): Promise<number | null>;
}

/** An item as the clusterer sees it. Times are epoch milliseconds (the clusterer's own unit). */
export interface ClusterItem {
  id: number;
  feedId: number;
  title: string;
  /** Its text: feed content or fetched full text, else the summary; null when none. */
  text: string | null;
  language: string | null;
  publishedAt: number | null;
  firstSeenAt: number;
  storyId: number | null;
}

/** An item waiting in the clusterer's queue. */
export interface QueuedClusterItem extends ClusterItem {
  /** Grows with each edit queued; the clusterer dequeues only the version it placed. */
  version: number;
  /** When it was first queued (epoch ms): the clusterer's lag is measured from here. */
  queuedAt: number;
  /** Queued by recluster: placed afresh even if it has a story. */
  recluster: boolean;
}

export interface ClusterLease {
  /** Whether the caller holds the lease now. */
  held: boolean;
  holder: string | null;
  expiresAt: number;
  /** Grows at each recluster: a holder whose index was built under another generation rebuilds it. */
  generation: number;
}

/** One batch of the clusterer's decisions, written in one transaction by `clustering.apply`. */
export interface ClusterBatch {
  holder: string;
  /** The lease is renewed for this long by the write. */
  leaseSeconds: number;
  /** Items put in a story (new stories' ids come from `newStoryIds`), each item at most once. */
  assignments: { itemId: number; storyId: number }[];
  /** Stories absorbed, in order: every member of `from` moves to `into`, and `from` redirects there. */
  merges: { from: number; into: number }[];
  /** Stories whose summary is recomputed, with the lead item chosen for it (null: keep the current one). */
  refresh: ReadonlyMap<number, number | null>;
  /** The queue rows handled, by the version taken. */
  done: { itemId: number; version: number }[];
}

/** The clusterer's durable state: its lease, its queue and its writes. Only the lease holder writes. */
export interface ClusteringApi {
  /** Takes or renews the clusterer's lease for `holder` if it is free, expired or already theirs. */
  acquire(holder: string, leaseSeconds: number, now?: number): Promise<ClusterLease>;
  /** Gives the lease up (if `holder` has it), so another process can take it at once. */
  release(holder: string): Promise<void>;
  /** The first `limit` queued items in id order, their text cut to `textChars` characters. */
  queued(limit: number, textChars?: number): Promise<QueuedClusterItem[]>;
  /** How many queued items have an id up to `itemId`. */
  queuedUpTo(itemId: number): Promise<number>;
  /** The highest queued item id, null when the queue is empty. */
  newestQueued(): Promise<number | null>;
  /** Items with a story first seen at or after `since` (ms), not queued, after `afterId`, in id order. */
  indexed(
    since: number,
    afterId: number,
    limit: number,
    textChars?: number,
  ): Promise<(ClusterItem & { storyId: number })[]>;
  /** The `afterId` for indexed() that reads the newest `count` such items, 0 when there are no more. */
  indexedFloor(since: number, count: number): Promise<number>;
  /** The latest first-seen time of any item (epoch ms), null when there are none. */
  newestFirstSeen(): Promise<number | null>;
  /** Ids for new stories, free until the holder's next batch. */
  newStoryIds(count: number): Promise<number[]>;
  /** Writes a batch in one transaction; throws DbLeaseLostError (nothing written) if the lease is gone. */
  apply(batch: ClusterBatch, now?: number): Promise<void>;
  /** Queues every item first seen at or after `since` (epoch ms) to be placed afresh; returns how many. */
  requeue(since: number, now?: number): Promise<number>;
  generation(): Promise<number>;
}

/** A warning the clusterer recorded for admins (a batch past its time budget, a thread that died). */
export interface ClusterWarning {
  id: number;
  at: string;
  /** Machine-readable: `batch-budget`, `thread-died`. */
  kind: string;
  message: string;
}

/** The clusterer's warnings, newest kept, for the admin page. */
export interface ClusterWarningsApi {
  record(warning: { kind: string; message: string; at: number }): Promise<void>;
  /** The newest `limit` warnings, newest first. */
  recent(limit: number): Promise<ClusterWarning[]>;
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

export interface SubscribeResult {
  feed: Feed;
  added: boolean;
}

export interface SubscribeAllResult {
  added: number;
  existing: number;
}

export interface SubscriptionsApi {
  /** Adds the feed unless one with its URL exists; returns the stored feed and whether it is new. */
  subscribe(feed: NewFeed): Promise<SubscribeResult>;
  /** Subscribes each in turn; `onProgress` after each one. */
  subscribeAll(
    feeds: Iterable<NewFeed>,
    onProgress?: (done: number, feed: SubscribeResult) => void,
  ): Promise<SubscribeAllResult>;
  /** Every subscription, disabled ones too, in id order (for an export). */
  all(): Promise<Feed[]>;
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
  clustering: ClusteringApi;
  clusterWarnings: ClusterWarningsApi;
  stats(): Promise<Stats>;
  close(): Promise<void>;
}
