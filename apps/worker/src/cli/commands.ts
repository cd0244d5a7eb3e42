import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Db, describeDatabase, type FeedWithStats, parseDatabaseUrl } from '@newsfeed/db';
import type { WorkerConfig } from '../env.js';
import type { Logger } from '../observe/logger.js';
import { startMetricsServer } from '../observe/metrics-server.js';
import { createRuntime } from '../runtime.js';
import { importOpml, resolveFeedUrl, subscribe } from '../subscriptions.js';
import { backupDatabase, restoreDatabase } from './backup.js';
import { exportOpml } from './export-opml.js';
import { Progress } from './progress.js';
import { UsageError } from './usage-error.js';
import { runUserCommand } from './user.js';

/** The package root (apps/worker), where relative WORKER_SEED_OPML paths and the default list live. */
const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface CommandIo {
  out: (line: string) => void;
  /** Registers what to do on SIGTERM/SIGINT; returns a function that unregisters it. */
  onSignal: (handler: (signal: string) => void) => () => void;
}

export const USAGE = `Usage: newsfeed-worker <command>
  run               poll due feeds forever (SIGTERM/SIGINT stop it cleanly)
  once              poll every due feed once, then exit (for cron)
  add URL           subscribe to a feed, or to the feed a site's page advertises
  import FILE.opml  subscribe to every feed of an OPML file
  export            print every subscription as OPML
  list              feeds with status, last error and next poll
  stats             counts of feeds, items, stories and polls
  backup FILE       write a consistent copy of the database while the worker runs (PostgreSQL: pg_dump)
  restore FILE      replace the database with a backup (stop the worker and web app first)
  user add NAME [--admin] | list | remove NAME
                    reader accounts; add reads the password from standard input
Configuration: environment variables, see the README's configuration table.`;

/** Subscribes the seed OPML when the database has no feed yet, so a first start shows news. */
async function seedIfEmpty(db: Db, config: WorkerConfig, logger: Logger): Promise<void> {
  if (config.WORKER_SEED_OPML === 'none') return;
  if ((await db.stats()).feeds > 0) return;
  const path = isAbsolute(config.WORKER_SEED_OPML)
    ? config.WORKER_SEED_OPML
    : resolve(PACKAGE_ROOT, config.WORKER_SEED_OPML);
  const summary = await importOpml(db, path);
  logger.info({ file: path, added: summary.added, invalid: summary.invalid.length }, 'seeded subscriptions');
}

function describeFeed(feed: FeedWithStats): string {
  const status = feed.disabled
    ? `disabled: ${feed.disabledReason ?? 'no reason'}`
    : feed.errorCount > 0
      ? `failing ×${feed.errorCount}: ${feed.lastError ?? ''}`
      : feed.lastSuccessAt
        ? 'ok'
        : 'new';
  return [
    String(feed.id).padStart(5),
    feed.url,
    `items=${feed.itemCount}`,
    `next=${feed.disabled ? '-' : feed.nextPollAt}`,
    status,
  ].join('  ');
}

export async function runCommand(
  argv: string[],
  config: WorkerConfig,
  logger: Logger,
  io: CommandIo,
): Promise<number> {
  const [command, ...args] = argv;
  if (!command || command === 'help' || command === '--help') {
    io.out(USAGE);
    return command ? 0 : 2;
  }
  if (command === 'user') return runUserCommand(args, config.DATABASE_URL, io.out);
  const known = ['run', 'once', 'add', 'import', 'export', 'list', 'stats', 'backup', 'restore'];
  if (!known.includes(command)) throw new UsageError(`Unknown command "${command}"\n${USAGE}`);
  if (['add', 'import', 'backup', 'restore'].includes(command) && !args[0])
    throw new UsageError(`${command} needs an argument\n${USAGE}`);
  if (command === 'backup' || command === 'restore') {
    // Neither needs the poller: backup reads, restore must not open the database it replaces.
    const result = await (command === 'backup' ? backupDatabase : restoreDatabase)(
      config.DATABASE_URL,
      args[0]!,
    );
    io.out(
      `${command === 'backup' ? 'backed up to' : 'restored from'} ${result.file}: ${result.feeds} feeds, ${result.items} items, ${result.stories} stories`,
    );
    return 0;
  }

  const runtime = await createRuntime(config, logger);
  const { db, worker } = runtime;
  const database = describeDatabase(parseDatabaseUrl(config.DATABASE_URL));
  try {
    switch (command) {
      case 'run': {
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
          void worker.stop();
        });
        logger.info({ worker_id: runtime.ctx.workerId, engine: db.engine, database }, 'worker started');
        await worker.run();
        unregister();
        clearInterval(retention);
        await metricsServer?.close();
        logger.info({ worker_id: runtime.ctx.workerId }, 'worker stopped');
        return 0;
      }
      case 'once': {
        await seedIfEmpty(db, config, logger);
        const progress = new Progress('polling');
        const unregister = io.onSignal(() => void worker.stop());
        const started = performance.now();
        const startedEpochMs = Date.now();
        const summary = await worker.runOnce((done, total, last) => progress.update(done, total, last.url));
        const elapsedMs = Math.round(performance.now() - started);
        unregister();
        // CPU and peak memory of the run, for cron logs and bench/worker.ts (which also lines up several
        // workers' rounds by their start time).
        const usage = process.resourceUsage();
        progress.finish(
          `${summary.polled} feeds: ${summary.updated} updated, ${summary.notModified} unchanged, ${summary.failed} failed, ${summary.disabled} disabled; ${summary.itemsNew} new items, ${summary.itemsUpdated} updated; elapsed_ms=${elapsedMs} cpu_ms=${Math.round((usage.userCPUTime + usage.systemCPUTime) / 1000)} max_rss_kb=${usage.maxRSS} start_epoch_ms=${startedEpochMs}`,
        );
        return 0;
      }
      case 'add': {
        const found = await resolveFeedUrl(runtime.http, args[0]!);
        const { feed, added } = await subscribe(db, { url: found.url, title: found.title });
        io.out(
          `${added ? 'added' : 'already subscribed'}: #${feed.id} ${feed.url}${feed.title ? ` (${feed.title})` : ''}`,
        );
        return 0;
      }
      case 'import': {
        const progress = new Progress('importing');
        const summary = await importOpml(db, args[0]!, (done, total) => progress.update(done, total));
        progress.finish(
          `${summary.added} added, ${summary.existing} already subscribed, ${summary.invalid.length} invalid`,
        );
        for (const url of summary.invalid) io.out(`invalid feed URL skipped: ${url}`);
        return 0;
      }
      case 'export':
        io.out(await exportOpml(db));
        return 0;
      case 'list': {
        io.out(`database: ${database}`);
        let cursor: string | null = null;
        do {
          const page = await db.feeds.list({ limit: 200, cursor, includeDisabled: true });
          for (const feed of page.items) io.out(describeFeed(feed));
          cursor = page.nextCursor;
        } while (cursor);
        return 0;
      }
      default: {
        const stats = await db.stats();
        const due = await db.feeds.countDue();
        io.out(JSON.stringify({ database, ...stats, feedsDue: due }, null, 2));
        return 0;
      }
    }
  } finally {
    await runtime.close();
  }
}

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
function startRetention(db: Db, config: WorkerConfig, logger: Logger): NodeJS.Timeout {
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
