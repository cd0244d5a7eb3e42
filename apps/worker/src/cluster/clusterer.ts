import { setImmediate as nextTurn } from 'node:timers/promises';
import {
  type ClusterBatch,
  type ClusterItem,
  DbLeaseLostError,
  type NewsfeedDb,
  type QueuedClusterItem,
} from '@newsfeed/db';
import {
  type ClusterEvents,
  type ClusterLogger,
  type ClusterStage,
  type ClusterStats,
  countBatch,
} from './cluster-stage.js';
import { IndexedItems } from './indexed-items.js';
import { Latch } from './latch.js';
import { type ClusterDoc, changedMaterially, StoryIndex } from './rule/index.js';

// The clustering stage: ONE clusterer per database places queued items into stories in id order,
// holding the `clusterer` lease so a second process waits and a crashed holder's lease expires.
// Its in-memory index is warm-loaded once it holds the lease and something is queued (or prepare()
// asks), so a round that writes nothing never pays for it; its window is measured from the newest
// item seen, so rebuilding old items gives the stories they got when new.

export interface ClustererSettings {
  /** Items first seen within this many hours are candidates (WORKER_CLUSTER_WINDOW_HOURS). */
  windowHours: number;
  /** How long the lease lasts without a renewal (WORKER_CLUSTER_LEASE_SECONDS). */
  leaseSeconds: number;
  /** Queued items placed and written per transaction (WORKER_CLUSTER_BATCH_SIZE). */
  batchSize: number;
  /** How often an idle or waiting clusterer looks at the queue and the lease (WORKER_CLUSTER_IDLE_MS). */
  idleMs: number;
  /** A batch still placing after this long is written as far as it got (WORKER_CLUSTER_BATCH_BUDGET_MS). */
  batchBudgetMs: number;
  /** Characters of each item's text read and kept for the rule (WORKER_CLUSTER_TEXT_CHARS). */
  textChars: number;
  /** Items kept in the candidate index at most (WORKER_CLUSTER_MAX_ITEMS). */
  maxItems: number;
}

const HOUR_MS = 3_600_000;
/** Rows read per statement when the index is warm-loaded. */
const WARM_LOAD_PAGE = 5_000;
/**
 * A warm load reads the newest maxItems × this of the window: the index keeps the newest maxItems,
 * and as many added before them (forgotten again as it fills) give each kept item's term vector the
 * document frequencies it had when it was placed, so a restarted clusterer places as one that ran on.
 */
const WARM_LOAD_MAX_ITEMS_FACTOR = 2;
/** The index forgets items that left the window at most this often. */
const EVICT_EVERY_MS = 60_000;

function docOf(item: ClusterItem): ClusterDoc {
  return {
    id: item.id,
    feedId: item.feedId,
    title: item.title,
    text: item.text,
    language: item.language,
    publishedAt: item.publishedAt,
    firstSeenAt: item.firstSeenAt,
  };
}

/** Indexes `doc` in `storyId`, and keeps `indexed` to the items the index still holds. */
function remember(index: StoryIndex, indexed: IndexedItems, doc: ClusterDoc, storyId: number): void {
  indexed.set(doc, storyId);
  for (const forgotten of index.add(doc, storyId)) indexed.delete(forgotten);
}

export class Clusterer implements ClusterStage {
  private index: StoryIndex | null = null;
  private indexed = new IndexedItems();
  /** Old story ids that rebuilt stories took since the index was loaded (keptStoryId). */
  private reclaimed = new Set<number>();
  private generation = -1;
  private lastEviction = 0;
  /** The latest first-seen time of the items indexed or placed: where the window ends. */
  private streamTime = 0;
  private stopping = false;
  /** Set by finish(): run() returns once everything queued up to `finishTarget` is placed. */
  private finishing = false;
  private finishTarget: number | null = null;
  /** Set by prepare(): load the index even while nothing is queued, as items are about to be. */
  private loadWanted = false;
  private wake: (() => void) | null = null;
  private readonly prepared = new Latch();
  readonly stats: ClusterStats = { placed: 0, batches: 0, lagsMs: [] };

  constructor(
    private readonly db: NewsfeedDb,
    private readonly settings: ClustererSettings,
    private readonly logger: ClusterLogger,
    private readonly events: ClusterEvents,
    private readonly holder: string,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Clusters whenever it holds the lease, until stop() (or, after finish(), until what was queued
   * then is placed); waits for the lease while another process has it.
   */
  async run(): Promise<void> {
    while (!this.stopping) {
      // What was written before finish() is all queued now: a drain starting later places it.
      const finishing = this.finishing;
      try {
        const lease = await this.db.clustering.acquire(this.holder, this.settings.leaseSeconds, this.now());
        this.events.leaseHeld(lease.held);
        if (lease.held) {
          await this.drain();
          if (finishing) break;
        } else {
          this.prepared.open(); // the holder places what this process writes
          this.forget();
          if (
            finishing &&
            (this.finishTarget === null || (await this.db.clustering.queuedUpTo(this.finishTarget)) === 0)
          )
            break;
        }
      } catch (error) {
        this.prepared.open(); // waiting on a failing clusterer would not make it load sooner
        this.forget();
        this.logger.error({ err: (error as Error).message, holder: this.holder }, 'clustering failed');
      }
      await this.sleep();
    }
    await this.db.clustering.release(this.holder).catch(() => undefined);
    this.events.leaseHeld(false);
    this.forget();
    this.prepared.open();
  }

  stop(): void {
    this.stopping = true;
    this.prepared.open();
    this.wake?.();
  }

  /** Items held in memory: in the candidate index, and as last placed (to compare edits with). */
  get heldItems(): { indexed: number; remembered: number } {
    return { indexed: this.index?.size ?? 0, remembered: this.indexed.size };
  }

  prepare(): Promise<void> {
    this.loadWanted = true;
    this.wake?.();
    return this.prepared.opened;
  }

  /** Nothing to let go of: the lease goes when run() or runUntilDrained() returns. */
  async close(): Promise<void> {}

  /** Lets run() return once everything queued now is placed (by this process or the lease holder). */
  async finish(): Promise<void> {
    this.finishTarget = await this.db.clustering.newestQueued();
    this.finishing = true;
    this.wake?.();
  }

  /**
   * Clusters everything queued now (for `once` and `recluster`): with the lease, or, while another
   * process holds it, by waiting until that one has placed these items. Releases the lease at the end.
   */
  async runUntilDrained(): Promise<void> {
    const newest = await this.db.clustering.newestQueued();
    if (newest === null) return;
    while (!this.stopping) {
      const lease = await this.db.clustering.acquire(this.holder, this.settings.leaseSeconds, this.now());
      if (lease.held) {
        try {
          await this.drain();
        } finally {
          await this.db.clustering.release(this.holder);
          this.forget();
        }
        return;
      }
      if ((await this.db.clustering.queuedUpTo(newest)) === 0) return;
      this.logger.debug({ holder: lease.holder }, 'waiting for the clusterer lease');
      await this.sleep();
    }
  }

  /** Places queued batches until the queue is empty. The caller holds the lease. */
  private async drain(): Promise<void> {
    let placedAny = false;
    while (!this.stopping) {
      const generation = await this.db.clustering.generation();
      if (this.index === null || generation !== this.generation) {
        // Nothing to place and nobody about to write: the load waits for the first queued item.
        if (this.index === null && (await this.db.clustering.newestQueued()) === null && !this.loadWanted)
          return;
        await this.warmLoad(generation);
      }
      this.prepared.open();
      if ((await this.placeBatch()) === 0) {
        if (placedAny) await this.settleSearchIndex();
        return;
      }
      placedAny = true;
      // Between batches, what else shares this thread (polls, when it is the worker's) gets a turn.
      await nextTurn();
    }
  }

  /**
   * Once the queue is drained, the polls' search entries are merged into the index in one pass (the
   * writers only appended them), so searches between bursts of polls do not read them one by one.
   */
  private async settleSearchIndex(): Promise<void> {
    try {
      await this.db.maintenance.settleSearchIndex();
    } catch (error) {
      this.logger.warn({ err: (error as Error).message, holder: this.holder }, 'search index not settled');
    }
  }

  /** Forgets the index (lease lost or given up): the next holder period starts from the database. */
  private forget(): void {
    this.index = null;
    this.indexed = new IndexedItems();
    this.reclaimed = new Set();
  }

  private async warmLoad(generation: number): Promise<void> {
    const started = this.now();
    const index = new StoryIndex({
      windowHours: this.settings.windowHours,
      maxItems: this.settings.maxItems,
    });
    const indexed = new IndexedItems();
    this.streamTime = (await this.db.clustering.newestFirstSeen()) ?? started;
    const since = this.streamTime - this.settings.windowHours * HOUR_MS;
    // Only the newest of the window: the index would forget the older ones as it read on, and a busy
    // window read whole can outgrow the thread's heap (WORKER_CLUSTER_HEAP_MB).
    let after = await this.db.clustering.indexedFloor(
      since,
      WARM_LOAD_MAX_ITEMS_FACTOR * this.settings.maxItems,
    );
    for (;;) {
      const page = await this.db.clustering.indexed(since, after, WARM_LOAD_PAGE, this.settings.textChars);
      for (const item of page) remember(index, indexed, docOf(item), item.storyId);
      if (page.length < WARM_LOAD_PAGE) break;
      after = page[page.length - 1]!.id;
    }
    this.index = index;
    this.indexed = indexed;
    this.reclaimed = new Set();
    this.generation = generation;
    this.lastEviction = started;
    this.logger.info({ items: index.size, ms: this.now() - started }, 'clusterer index loaded');
  }

  private evict(now: number): void {
    if (now - this.lastEviction < EVICT_EVERY_MS) return;
    const cutoff = this.streamTime - this.settings.windowHours * HOUR_MS;
    this.index!.evictBefore(cutoff);
    this.indexed.evictBefore(cutoff);
    this.lastEviction = now;
  }

  /**
   * Places up to one batch of queued items and writes it in one transaction; returns how many. A
   * batch that outlasts its time budget is written as far as it got (the rest stays queued for the
   * next batch), so no input holds the lease, the queue and the stories back for long.
   */
  private async placeBatch(): Promise<number> {
    const index = this.index!;
    const queued = await this.db.clustering.queued(this.settings.batchSize, this.settings.textChars);
    if (queued.length === 0) return 0;
    const started = performance.now();
    const now = this.now();
    for (const item of queued) this.streamTime = Math.max(this.streamTime, item.firstSeenAt);
    this.evict(now);
    const windowStart = this.streamTime - this.settings.windowHours * HOUR_MS;
    const newIds = await this.db.clustering.newStoryIds(queued.length);
    let used = 0;
    const batch: ClusterBatch = {
      holder: this.holder,
      leaseSeconds: this.settings.leaseSeconds,
      assignments: [],
      merges: [],
      refresh: new Map(),
      done: [],
    };
    const touched = new Set<number>();
    try {
      for (const item of queued) {
        if (batch.done.length > 0 && performance.now() - started > this.settings.batchBudgetMs) break;
        batch.done.push({ itemId: item.id, version: item.version });
        const doc = docOf(item);
        const known = this.indexed.get(item.id);
        if (item.storyId !== null && !item.recluster) {
          if (known && known.storyId === item.storyId && !changedMaterially(known.doc, doc)) {
            // A small edit: the item stays; the index and the story's summary follow the new text.
            remember(index, this.indexed, doc, known.storyId);
            touched.add(known.storyId);
            continue;
          }
          if (!known && doc.firstSeenAt < windowStart) {
            touched.add(item.storyId); // edited after it left the window: its summary only
            continue;
          }
        }
        if (known) {
          index.remove(item.id);
          this.indexed.delete(item.id);
        }
        const placement = this.place(doc);
        const storyId = placement.storyId ?? this.keptStoryId(item) ?? newIds[used++]!;
        for (const from of placement.mergeStoryIds) {
          if (from === storyId) continue;
          index.mergeStories(from, storyId);
          this.indexed.merge(from, storyId);
          batch.merges.push({ from, into: storyId });
          touched.delete(from);
        }
        remember(index, this.indexed, doc, storyId);
        batch.assignments.push({ itemId: item.id, storyId });
        touched.add(storyId);
        if (item.storyId !== null && item.storyId !== storyId) touched.add(item.storyId);
      }
      const refresh = new Map<number, number | null>();
      for (const storyId of touched) refresh.set(storyId, index.leadOf(storyId));
      batch.refresh = refresh;
      await this.db.clustering.apply(batch, this.now());
    } catch (error) {
      // The index may hold decisions that were not written: rebuild it from the database.
      this.forget();
      if (error instanceof DbLeaseLostError) {
        this.logger.warn({ holder: this.holder }, 'clusterer lease lost');
        return 0;
      }
      throw error;
    }
    const placed = batch.done.length;
    if (placed < queued.length) {
      const overrun = {
        placed,
        left: queued.length - placed,
        budgetMs: this.settings.batchBudgetMs,
        firstLeftItemId: queued[placed]!.id,
      };
      this.logger.warn({ ...overrun, holder: this.holder }, 'clusterer batch over its time budget');
      this.events.budgetExceeded(overrun);
      await this.recordWarning(
        'batch-budget',
        `A batch outlasted WORKER_CLUSTER_BATCH_BUDGET_MS (${overrun.budgetMs} ms): ${overrun.placed} items placed, ${overrun.left} left queued from item ${overrun.firstLeftItemId}.`,
      );
    }
    const written = this.now();
    const lagsMs = queued.slice(0, placed).map((item) => Math.max(0, written - item.queuedAt));
    countBatch(this.stats, lagsMs);
    this.events.batchWritten(lagsMs);
    return placed;
  }

  /** A warning for the admin page; not being able to record it is logged, not a reason to stop. */
  private async recordWarning(kind: string, message: string): Promise<void> {
    await this.db.clusterWarnings
      .record({ kind, message, at: this.now() })
      .catch((error: Error) =>
        this.logger.error({ err: error.message, kind }, 'cluster warning not recorded'),
      );
  }

  /**
   * The id for a new story that a reclustered item starts: its old story's, while no indexed story
   * has that id and no other rebuilt story took it, so a story rebuilt as it was keeps its URL.
   * Otherwise (the old story lives on, or split and another part has its id) null: a fresh id.
   */
  private keptStoryId(item: QueuedClusterItem): number | null {
    if (!item.recluster || item.storyId === null) return null;
    if (this.reclaimed.has(item.storyId) || this.indexed.hasStory(item.storyId)) return null;
    this.reclaimed.add(item.storyId);
    return item.storyId;
  }

  /**
   * The rule's placement; a rule that throws (a bug, never bad input) is reported and the item
   * starts a story of its own, so one item cannot stall the queue.
   */
  private place(doc: ClusterDoc): { storyId: number | null; mergeStoryIds: number[] } {
    try {
      return this.index!.place(doc);
    } catch (error) {
      this.logger.error({ item_id: doc.id, err: (error as Error).message }, 'clustering rule failed');
      return { storyId: null, mergeStoryIds: [] };
    }
  }

  private sleep(): Promise<void> {
    if (this.stopping) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(finish, this.settings.idleMs);
      function finish() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = () => {
        this.wake = null;
        finish();
      };
    });
  }
}
