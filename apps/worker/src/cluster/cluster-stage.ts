import type { WorkerMetrics } from '../observe/metrics.js';

// The clustering stage as the commands drive it (`run`, `once`, `recluster`), whether the
// Clusterer runs in this thread or in a thread of its own (clusterer-thread-host.ts), and what it
// reports as it goes.

export interface ClusterStats {
  placed: number;
  batches: number;
  /** Item queued → story written, per placed item (ms), for the caller's percentiles. */
  lagsMs: number[];
}

/** A batch the time budget cut short: what it placed and wrote, and what it left queued. */
export interface BudgetOverrun {
  placed: number;
  left: number;
  budgetMs: number;
  /** The first item left queued: the one the next batch starts with. */
  firstLeftItemId: number;
}

/** What the clusterer reports besides its log lines; the /metrics counters are made from these. */
export interface ClusterEvents {
  leaseHeld(held: boolean): void;
  /** One per batch written, with each placed item's lag (queued → story written, ms). */
  batchWritten(lagsMs: number[]): void;
  budgetExceeded(overrun: BudgetOverrun): void;
}

type LogCall = (fields: Record<string, unknown>, message: string) => void;

/** The log calls the clusterer makes: the worker's logger, or a thread's forwarding them to it. */
export interface ClusterLogger {
  error: LogCall;
  warn: LogCall;
  info: LogCall;
  debug: LogCall;
}

export interface ClusterStage {
  /** Clusters whenever it holds the lease, until stop() (or, after finish(), until the queue then is placed). */
  run(): Promise<void>;
  stop(): void;
  /** Lets run() return once everything queued now is placed (by this process or the lease holder). */
  finish(): Promise<void>;
  /** Clusters everything queued now (for `once` and `recluster`), waiting for another holder if need be. */
  runUntilDrained(): Promise<void>;
  /**
   * Has run() load its index now, though nothing is queued yet (it otherwise waits for the first
   * queued item). Settles once run() can place items as soon as they are queued: it holds the lease
   * and has loaded its index, or found the lease held elsewhere; also when it ends or fails first
   * (never hangs).
   */
  prepare(): Promise<void>;
  readonly stats: ClusterStats;
  close(): Promise<void>;
}

/** Lag samples kept for `stats` (the oldest half goes when full); /metrics has the histogram. */
const MAX_LAG_SAMPLES = 100_000;

/** Counts a written batch in `stats`. */
export function countBatch(stats: ClusterStats, lagsMs: number[]): void {
  if (stats.lagsMs.length + lagsMs.length > MAX_LAG_SAMPLES) stats.lagsMs.splice(0, stats.lagsMs.length / 2);
  for (const lag of lagsMs) stats.lagsMs.push(lag);
  stats.placed += lagsMs.length;
  stats.batches++;
}

/** The events as /metrics counts them. */
export function metricsEvents(metrics: WorkerMetrics): ClusterEvents {
  return {
    leaseHeld(held) {
      metrics.clusterLeaseHeld.set(held ? 1 : 0);
    },
    batchWritten(lagsMs) {
      for (const lag of lagsMs) metrics.clusterLagSeconds.observe(lag / 1000);
      metrics.itemsClustered.inc({}, lagsMs.length);
    },
    budgetExceeded() {
      metrics.clusterBudgetOverruns.inc();
    },
  };
}
