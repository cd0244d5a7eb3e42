import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Db } from '@newsfeed/db';
import { REPO_ROOT } from './corpus-dir.js';

// The worker's clustering stage (apps/worker/src/cluster/clusterer.ts, from its build) run inside a
// benchmark process beside the writes, as `node apps/worker/dist/main.js run` runs it beside polling.
// Loaded at run time so that type-checking the benchmarks does not need the worker built.

interface ClustererLike {
  run(): Promise<void>;
  stop(): void;
  runUntilDrained(): Promise<void>;
  readonly stats: { placed: number; batches: number; lagsMs: number[] };
}

const WORKER_DIST = path.join(REPO_ROOT, 'apps/worker/dist');

/** The worker's defaults (WORKER_CLUSTER_*), as `run` uses them. */
const SETTINGS = {
  windowHours: 72,
  leaseSeconds: 60,
  batchSize: 500,
  idleMs: 1_000,
  textChars: 1_000,
  maxItems: 100_000,
};

export async function createClusterer(db: Db, holder = 'bench-clusterer'): Promise<ClustererLike> {
  const load = (file: string) => import(pathToFileURL(path.join(WORKER_DIST, file)).href);
  const [{ Clusterer }, { silentLogger }, { WorkerMetrics }] = await Promise.all([
    load('cluster/clusterer.js'),
    load('observe/logger.js'),
    load('observe/metrics.js'),
  ]);
  return new Clusterer(db, SETTINGS, silentLogger(), new WorkerMetrics(), holder) as ClustererLike;
}

/** Resolves once nothing is queued for the clusterer. */
export async function queueDrained(db: Db, pollMs = 50): Promise<void> {
  while ((await db.clustering.newestQueued()) !== null)
    await new Promise((resolve) => setTimeout(resolve, pollMs));
}

/** The value at quantile `q` (0-1) of `values`, 0 when there are none. */
export function percentile(values: number[], q: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}
