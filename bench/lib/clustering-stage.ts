import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Db } from '@newsfeed/db';
import { REPO_ROOT } from './corpus-dir.js';

// The worker's clustering stage (apps/worker/src/runtime.ts's createClusterStage, from its build):
// the Clusterer in a thread of its own with its own connection to `url`, beside this process's
// writes, as `node apps/worker/dist/main.js run` runs it beside polling. Its settings are the
// worker's (WORKER_CLUSTER_* from the environment, else their defaults). Loaded at run time so that
// type-checking the benchmarks does not need the worker built.

export interface ClusterStageLike {
  run(): Promise<void>;
  stop(): void;
  runUntilDrained(): Promise<void>;
  /** Has the stage load its index now; resolves once it holds the lease and has (or another process has it). */
  prepare(): Promise<void>;
  close(): Promise<void>;
  readonly stats: { placed: number; batches: number; lagsMs: number[] };
}

const WORKER_DIST = path.join(REPO_ROOT, 'apps/worker/dist');

/** The worker's clustering stage on the database at `url` (`db` is that database, opened here). */
export async function createClusterStage(
  db: Db,
  url: string,
  holder = 'bench-clusterer',
): Promise<ClusterStageLike> {
  const load = (file: string) => import(pathToFileURL(path.join(WORKER_DIST, file)).href);
  const [{ createClusterStage: create }, { loadWorkerConfig }, { silentLogger }, { WorkerMetrics }] =
    await Promise.all([
      load('runtime.js'),
      load('env.js'),
      load('observe/logger.js'),
      load('observe/metrics.js'),
    ]);
  const config = loadWorkerConfig({ ...process.env, DATABASE_URL: url });
  return create(config, db, silentLogger(), new WorkerMetrics(), holder) as ClusterStageLike;
}

/** Places everything queued in `url`'s database with the worker's clustering stage, then closes it. */
export async function clusterEverything(db: Db, url: string, holder?: string): Promise<ClusterStageLike> {
  const stage = await createClusterStage(db, url, holder);
  try {
    await stage.runUntilDrained();
  } finally {
    await stage.close();
  }
  return stage;
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
