import type { Db } from '@newsfeed/db';
import type { WorkerConfig } from '../env.js';
import type { Logger } from '../observe/logger.js';

const RETENTION_EVERY_MS = 3_600_000;

/**
 * One retention step, as `run` takes it every hour: deletes items whose date is before
 * `now - WORKER_RETENTION_DAYS` (tombstoning their keys so the next poll does not bring them back),
 * the stories left empty, and poll rows older than the cutoff. Does nothing when the setting is 0.
 */
export async function sweepRetention(
  db: Db,
  config: Pick<WorkerConfig, 'WORKER_RETENTION_DAYS'>,
  logger: Logger,
  now: number = Date.now(),
): Promise<{ cutoff: string; items: number; stories: number; polls: number } | null> {
  if (config.WORKER_RETENTION_DAYS === 0) return null;
  const cutoff = new Date(now - config.WORKER_RETENTION_DAYS * 86_400_000).toISOString();
  const removed = await db.retention.run(cutoff);
  const polls = await db.polls.prune(cutoff);
  logger.info({ cutoff, items: removed.items, stories: removed.stories, polls }, 'retention');
  return { cutoff, items: removed.items, stories: removed.stories, polls };
}

/** Hourly: delete items past WORKER_RETENTION_DAYS (tombstoned, so they never return) and old poll rows. */
export function startRetention(db: Db, config: WorkerConfig, logger: Logger): NodeJS.Timeout {
  const sweep = async () => {
    try {
      await sweepRetention(db, config, logger);
    } catch (error) {
      logger.error({ err: (error as Error).message }, 'retention failed');
    }
  };
  void sweep();
  const timer = setInterval(() => void sweep(), RETENTION_EVERY_MS);
  timer.unref();
  return timer;
}
