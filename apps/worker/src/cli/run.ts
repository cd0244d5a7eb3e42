import { describeDatabase, parseDatabaseUrl } from '@newsfeed/db';
import type { WorkerConfig } from '../env.js';
import type { Logger } from '../observe/logger.js';
import { startMetricsServer } from '../observe/metrics-server.js';
import { createRuntime } from '../runtime.js';
import type { CommandIo } from './io.js';
import { startRetention } from './retention.js';
import { seedIfEmpty } from './seed.js';

/** `run`: polls due feeds until SIGTERM/SIGINT, with /metrics and hourly retention. */
export async function runForever(config: WorkerConfig, logger: Logger, io: CommandIo): Promise<number> {
  const runtime = await createRuntime(config, logger);
  const { db, worker, clusterer } = runtime;
  try {
    await seedIfEmpty(db, config, logger);
    const metricsServer =
      config.WORKER_METRICS_PORT > 0
        ? await startMetricsServer(
            runtime.metrics,
            worker,
            config.WORKER_METRICS_PORT,
            config.WORKER_METRICS_HOST,
          ).catch((error: Error) => {
            // Metrics are an aid, not a reason to stop polling: a busy port is logged and skipped.
            logger.warn(
              { port: config.WORKER_METRICS_PORT, err: error.message },
              'metrics endpoint not started',
            );
            return null;
          })
        : null;
    if (metricsServer) logger.info({ port: metricsServer.port }, 'metrics listening');
    const retention = startRetention(db, config, logger);
    const unregister = io.onSignal((signal) => {
      logger.info({ signal, worker_id: runtime.ctx.workerId }, 'stopping');
      clusterer.stop();
      void worker.stop();
    });
    logger.info(
      {
        worker_id: runtime.ctx.workerId,
        engine: db.engine,
        database: describeDatabase(parseDatabaseUrl(config.DATABASE_URL)),
      },
      'worker started',
    );
    // Clustering runs beside polling; it clusters only while this process holds the lease. Unlike
    // `once`, polling does not wait for its index: a daemon polls on schedule whoever holds the lease.
    await Promise.all([worker.run(), clusterer.run()]);
    unregister();
    clearInterval(retention);
    await metricsServer?.close();
    logger.info({ worker_id: runtime.ctx.workerId }, 'worker stopped');
    return 0;
  } finally {
    await runtime.close();
  }
}
