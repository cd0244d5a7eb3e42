import type { Feed } from '@newsfeed/db';
import type { PollContext } from './pipeline/context.js';
import { type PollOutcome, pollFeed } from './pipeline/poll-feed.js';

/** Claimed feeds kept waiting per concurrency slot: enough to claim in batches, few enough to start soon. */
const QUEUED_PER_SLOT = 4;
/**
 * A whole batch is claimed in the background once the queue is below this share of a batch (so the
 * queue holds at most 1.5 batches): claims stay whole batches, each of which ranks every due feed.
 */
const REFILL_BELOW = 0.5;
/** Empty claims in a row, while feeds are still due, before `runOnce` leaves them to other workers. */
const MAX_CONTENDED_CLAIMS = 50;

export interface LoopSettings {
  /** Feeds claimed per query. */
  batchSize: number;
  /** At most this many feeds of one host per claim. */
  perHostLimit: number;
  leaseSeconds: number;
  /** Feeds polled at the same time (the HTTP client bounds requests further, per host too). */
  concurrency: number;
  /** How long `run` sleeps when nothing is due. */
  idleMs: number;
  shutdownTimeoutMs: number;
}

export interface RoundSummary {
  polled: number;
  updated: number;
  notModified: number;
  failed: number;
  disabled: number;
  itemsNew: number;
  itemsUpdated: number;
}

export type ProgressListener = (done: number, total: number, last: PollOutcome) => void;

function emptySummary(): RoundSummary {
  return { polled: 0, updated: 0, notModified: 0, failed: 0, disabled: 0, itemsNew: 0, itemsUpdated: 0 };
}

function addToSummary(summary: RoundSummary, outcome: PollOutcome): void {
  summary.polled++;
  summary.itemsNew += outcome.itemsNew;
  summary.itemsUpdated += outcome.itemsUpdated;
  if (outcome.outcome === 'updated') summary.updated++;
  else if (outcome.outcome === 'not_modified') summary.notModified++;
  else if (outcome.outcome === 'failed') summary.failed++;
  else if (outcome.outcome === 'disabled') summary.disabled++;
}

/**
 * The poll loop: claim a batch of due feeds (leased, so several workers share one database),
 * poll them in a bounded pool, repeat. Stopping stops claiming, lets in-flight polls finish for
 * a bounded time, then aborts them and releases their leases.
 */
export class Worker {
  private readonly abort = new AbortController();
  private readonly inFlight = new Map<number, Promise<void>>();
  /** Claimed (leased) feeds waiting for a free slot. */
  private readonly queue: Feed[] = [];
  /** The background claim that tops up `queue`, while one runs. */
  private refilling: Promise<void> | null = null;
  private refillError: unknown = null;
  private stopping = false;
  private wake: (() => void) | null = null;
  private lastError: string | null = null;

  constructor(
    private readonly ctx: PollContext,
    private readonly settings: LoopSettings,
  ) {}

  get isStopping(): boolean {
    return this.stopping;
  }

  /** Null when the loop is healthy; else the database error that stops it claiming. */
  problem(): string | null {
    return this.lastError;
  }

  /** Polls every feed due now (and any that become due meanwhile), then resolves. For cron and tests. */
  async runOnce(onProgress?: ProgressListener): Promise<RoundSummary> {
    const summary = emptySummary();
    const seen = new Set<number>();
    let emptyClaims = 0;
    let total = await this.ctx.db.feeds.countDue(this.ctx.now());
    this.ctx.metrics.dueFeeds.set(total);
    while (!this.stopping) {
      const capacity = this.settings.concurrency - this.inFlight.size;
      if (capacity <= 0) {
        await Promise.race(this.inFlight.values());
        continue;
      }
      const claimed = await this.take(capacity);
      const fresh = claimed.filter((feed) => !seen.has(feed.id));
      // A feed polled in this round that is due again (a clock jump) waits for the next round.
      for (const feed of claimed)
        if (seen.has(feed.id)) await this.ctx.db.feeds.releaseLease(feed.id, this.ctx.workerId);
      if (fresh.length === 0) {
        if (this.inFlight.size > 0) {
          await Promise.race(this.inFlight.values());
          continue;
        }
        // An empty claim while feeds are still due means other workers won the same rows at the
        // same instant (leases are taken with SKIP LOCKED); try again shortly instead of stopping.
        const contended = claimed.length === 0 && (await this.ctx.db.feeds.countDue(this.ctx.now())) > 0;
        if (!contended || ++emptyClaims > MAX_CONTENDED_CLAIMS) break;
        await new Promise((resolve) => setTimeout(resolve, 10 + this.ctx.random() * 90));
        continue;
      }
      emptyClaims = 0;
      for (const feed of fresh) {
        seen.add(feed.id);
        if (seen.size > total) total = seen.size;
        this.start(feed, (outcome) => {
          addToSummary(summary, outcome);
          onProgress?.(summary.polled, total, outcome);
        });
      }
    }
    await this.releaseQueued();
    await Promise.allSettled(this.inFlight.values());
    return summary;
  }

  /** Polls forever until stop(). */
  async run(onOutcome?: (outcome: PollOutcome) => void): Promise<void> {
    let lastBacklogCheck = 0;
    while (!this.stopping) {
      try {
        if (Date.now() - lastBacklogCheck > 10_000) {
          this.ctx.metrics.dueFeeds.set(await this.ctx.db.feeds.countDue(this.ctx.now()));
          lastBacklogCheck = Date.now();
        }
        const capacity = this.settings.concurrency - this.inFlight.size;
        const claimed = capacity > 0 ? await this.take(capacity) : [];
        this.lastError = null;
        for (const feed of claimed) this.start(feed, (outcome) => onOutcome?.(outcome));
        if (claimed.length === 0 || capacity <= claimed.length) await this.sleep(claimed.length === 0);
      } catch (error) {
        // A database hiccup must not end the loop: record it, wait, try again.
        this.lastError = `${(error as Error).name}: ${(error as Error).message}`;
        this.ctx.logger.error(
          { err: this.lastError, worker_id: this.ctx.workerId },
          'claiming due feeds failed',
        );
        await this.sleep(true);
      }
    }
    await this.drain();
  }

  /** Stops claiming and waits (bounded) for in-flight polls; the rest are aborted and released. */
  async stop(): Promise<void> {
    if (!this.stopping) {
      this.stopping = true;
      this.wake?.();
    }
    await this.drain();
  }

  private async drain(): Promise<void> {
    await this.releaseQueued();
    if (this.inFlight.size === 0) return;
    const timer = setTimeout(
      () => this.abort.abort(new Error('worker shutting down')),
      this.settings.shutdownTimeoutMs,
    );
    try {
      await Promise.allSettled(this.inFlight.values());
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * Up to `capacity` feeds to start now, from a local queue filled one batch per claim query and
   * kept short so each feed starts well within its lease; the next batch is claimed in the
   * background when the queue runs low, so slots do not wait on a claim.
   */
  private async take(capacity: number): Promise<Feed[]> {
    const batch = Math.min(this.settings.batchSize, this.settings.concurrency * QUEUED_PER_SLOT);
    let claimedNow = false;
    if (this.queue.length < capacity) {
      await this.refilling;
      this.throwRefillError();
      if (this.queue.length < capacity) {
        await this.refill(batch - this.queue.length);
        claimedNow = true;
      }
    }
    const taken = this.queue.splice(0, capacity);
    // Not right after a claim: it just took what was due.
    if (!claimedNow && !this.refilling && this.queue.length < batch * REFILL_BELOW && !this.stopping) {
      this.refilling = this.refill(batch)
        .catch((error: unknown) => {
          this.refillError = error;
        })
        .finally(() => {
          this.refilling = null;
        });
    }
    this.ctx.metrics.inFlight.set(this.inFlight.size + taken.length);
    return taken;
  }

  private async refill(wanted: number): Promise<void> {
    if (wanted <= 0) return;
    const claimed = await this.ctx.db.feeds.claimDue(this.ctx.workerId, wanted, {
      perHostLimit: this.settings.perHostLimit,
      leaseSeconds: this.settings.leaseSeconds,
      now: this.ctx.now(),
    });
    // A poll that outlived its lease is claimable again, by this worker too: it must not start twice.
    const queued = new Set(this.queue.map((feed) => feed.id));
    this.queue.push(...claimed.filter((feed) => !this.inFlight.has(feed.id) && !queued.has(feed.id)));
  }

  /** A background claim's failure surfaces at the next claim, where the loops handle database errors. */
  private throwRefillError(): void {
    const error = this.refillError;
    this.refillError = null;
    if (error) throw error;
  }

  /** Gives back the leases of claimed feeds that never started (on shutdown). */
  private async releaseQueued(): Promise<void> {
    // A claim still running would lease feeds after we let go of the queue.
    await this.refilling;
    this.refillError = null;
    const queued = this.queue.splice(0);
    for (const feed of queued)
      await this.ctx.db.feeds.releaseLease(feed.id, this.ctx.workerId).catch(() => undefined);
  }

  private start(feed: Feed, done: (outcome: PollOutcome) => void): void {
    const task = pollFeed(this.ctx, feed, this.abort.signal)
      .then(done)
      .catch(async (error: unknown) => {
        // pollFeed records a feed's own problems; reaching here means the database failed mid-poll.
        // The lease expires by itself if releasing fails too, so the feed is not lost.
        this.ctx.logger.error(
          { feed_id: feed.id, url: feed.url, err: (error as Error).message },
          'poll aborted',
        );
        await this.ctx.db.feeds.releaseLease(feed.id, this.ctx.workerId).catch(() => undefined);
      })
      .finally(() => {
        this.inFlight.delete(feed.id);
        this.ctx.metrics.inFlight.set(this.inFlight.size);
        this.wake?.();
      });
    this.inFlight.set(feed.id, task);
  }

  private sleep(idle: boolean): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(finish, idle ? this.settings.idleMs : 1_000);
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
