import type { WorkerConfig } from '../env.js';
import type { Logger } from '../observe/logger.js';
import { createRuntime } from '../runtime.js';
import type { CommandIo } from './io.js';
import { Progress } from './progress.js';
import { quietWhileDrawing } from './quiet-logger.js';
import { seedIfEmpty } from './seed.js';

/** The value at quantile `q` (0-1) of `values`, 0 when there are none. */
function percentile(values: number[], q: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

/** `once`: polls every due feed one time, clusters what it wrote, then exits (for cron). */
export async function pollOnce(config: WorkerConfig, logger: Logger, io: CommandIo): Promise<number> {
  const runtime = await createRuntime(config, logger);
  const { db, worker, clusterer } = runtime;
  try {
    await seedIfEmpty(db, config, logger);
    const progress = new Progress('polling');
    const restoreLogLevel = quietWhileDrawing(logger, process.stderr);
    const unregister = io.onSignal(() => {
      clusterer.stop();
      void worker.stop();
    });
    const started = performance.now();
    const startedEpochMs = Date.now();
    // Clustering runs beside polling (when this process holds the lease) and ends with the queue.
    const clustering = clusterer.run();
    // Its error is reported where it is awaited below, not as an unhandled rejection meanwhile.
    clustering.catch(() => undefined);
    // Polls start at once; the first one with new items has the clusterer load its index and writes
    // after it (items written during the load would all wait for it), so a round with nothing new
    // never loads it.
    runtime.ctx.beforeQueueing = () => clusterer.prepare();
    const summary = await worker
      .runOnce((done, total, last) => progress.update(done, total, last.url))
      .finally(() => clusterer.finish().catch(() => clusterer.stop()));
    await clustering;
    const elapsedMs = Math.round(performance.now() - started);
    unregister();
    restoreLogLevel();
    // CPU and peak memory of the run, for cron logs and bench/worker.ts (which also lines up several
    // workers' rounds by their start time).
    const usage = process.resourceUsage();
    progress.finish(
      `${summary.polled} feeds: ${summary.updated} updated, ${summary.notModified} unchanged, ${summary.failed} failed, ${summary.disabled} disabled; ${summary.itemsNew} new items, ${summary.itemsUpdated} updated; ${clusterer.stats.placed} clustered (lag_p95_ms=${percentile(clusterer.stats.lagsMs, 0.95)}); elapsed_ms=${elapsedMs} cpu_ms=${Math.round((usage.userCPUTime + usage.systemCPUTime) / 1000)} max_rss_kb=${usage.maxRSS} start_epoch_ms=${startedEpochMs}`,
    );
    return 0;
  } finally {
    await runtime.close();
  }
}
