import { hostname } from 'node:os';
import { type NewsfeedDb, parseDatabaseUrl } from '@newsfeed/db';
import { type ClusterStage, metricsEvents } from './cluster/cluster-stage.js';
import { Clusterer, type ClustererSettings } from './cluster/clusterer.js';
import { ClustererThread } from './cluster/clusterer-thread-host.js';
import { openDb } from './deps/db.js';
import type { WorkerConfig } from './env.js';
import { HttpClient } from './fetch/http-client.js';
import { ParsePool } from './isolate/parse-pool.js';
import type { Logger } from './observe/logger.js';
import { WorkerMetrics } from './observe/metrics.js';
import type { PollContext } from './pipeline/context.js';
import { FullTextFetcher } from './pipeline/full-text.js';
import { UnchangedPollWriter } from './pipeline/unchanged-polls.js';
import { Worker } from './worker.js';

export interface Runtime {
  config: WorkerConfig;
  db: NewsfeedDb;
  http: HttpClient;
  metrics: WorkerMetrics;
  ctx: PollContext;
  worker: Worker;
  /** The clustering stage, in a thread of its own (it clusters only while it holds the database's clusterer lease). */
  clusterer: ClusterStage;
  close(): Promise<void>;
}

export function httpClientFor(config: WorkerConfig): HttpClient {
  return new HttpClient({
    userAgent: config.WORKER_USER_AGENT,
    connectTimeoutMs: config.WORKER_CONNECT_TIMEOUT_MS,
    requestTimeoutMs: config.WORKER_REQUEST_TIMEOUT_MS,
    maxBodyBytes: config.WORKER_MAX_BODY_BYTES,
    maxRedirects: config.WORKER_MAX_REDIRECTS,
    concurrency: config.WORKER_CONCURRENCY,
    perHostConcurrency: config.WORKER_PER_HOST_CONCURRENCY,
    allowedAddresses: config.WORKER_ALLOWED_ADDRESSES,
  });
}

/** Builds everything a worker process needs from its configuration; `db` may be passed in (tests). */
export async function createRuntime(config: WorkerConfig, logger: Logger, db?: NewsfeedDb): Promise<Runtime> {
  const database =
    db ??
    (await openDb(config.DATABASE_URL, {
      sqliteCacheMib: config.WORKER_SQLITE_CACHE_MB,
      postgresPoolSize: config.WORKER_POSTGRES_POOL_SIZE,
      postgresAsyncCommit: config.WORKER_POSTGRES_ASYNC_COMMIT,
    }));
  const http = httpClientFor(config);
  const metrics = new WorkerMetrics();
  const workerId = config.WORKER_ID || `${hostname()}:${process.pid}`;
  const parsers = new ParsePool({
    threads: config.WORKER_PARSE_THREADS,
    heapMb: config.WORKER_PARSE_HEAP_MB,
    timeoutMs: config.WORKER_PARSE_TIMEOUT_MS,
    maxExpansion: config.WORKER_PARSE_MAX_EXPANSION,
  });
  const ctx: PollContext = {
    db: database,
    unchangedPolls: new UnchangedPollWriter(database, workerId),
    http,
    parsers,
    fullText: config.WORKER_FULL_TEXT
      ? new FullTextFetcher(
          http,
          parsers,
          config.WORKER_FULL_TEXT_CACHE_SIZE,
          logger,
          config.WORKER_FULL_TEXT_CACHE_MB * 1024 * 1024,
        )
      : null,
    fullTextPerPoll: config.WORKER_FULL_TEXT_PER_POLL,
    fullTextPerHost: config.WORKER_FULL_TEXT_PER_HOST,
    logger,
    metrics,
    workerId,
    limits: {
      minSeconds: config.WORKER_MIN_INTERVAL_SECONDS,
      maxSeconds: config.WORKER_MAX_INTERVAL_SECONDS,
    },
    maxConsecutiveFailures: config.WORKER_MAX_CONSECUTIVE_FAILURES,
    maxCrashes: config.WORKER_MAX_CRASHES,
    feedTimeZone: config.WORKER_FEED_TIME_ZONE,
    now: () => new Date(),
    random: Math.random,
  };
  const worker = new Worker(ctx, {
    batchSize: config.WORKER_BATCH_SIZE,
    perHostLimit: Math.max(1, Math.floor(config.WORKER_BATCH_SIZE / 10)),
    leaseSeconds: config.WORKER_LEASE_SECONDS,
    concurrency: config.WORKER_CONCURRENCY,
    idleMs: config.WORKER_POLL_INTERVAL_MS,
    shutdownTimeoutMs: config.WORKER_SHUTDOWN_TIMEOUT_MS,
  });
  const clusterer = createClusterStage(config, database, logger, metrics, workerId);
  return {
    config,
    db: database,
    http,
    metrics,
    ctx,
    worker,
    clusterer,
    async close() {
      await clusterer.close();
      await http.close();
      await parsers.close();
      if (!db) await database.close();
    },
  };
}

/** The clusterer's settings from the worker's configuration. */
export function clustererSettings(config: WorkerConfig): ClustererSettings {
  return {
    windowHours: config.WORKER_CLUSTER_WINDOW_HOURS,
    leaseSeconds: config.WORKER_CLUSTER_LEASE_SECONDS,
    batchSize: config.WORKER_CLUSTER_BATCH_SIZE,
    batchBudgetMs: config.WORKER_CLUSTER_BATCH_BUDGET_MS,
    idleMs: config.WORKER_CLUSTER_IDLE_MS,
    textChars: config.WORKER_CLUSTER_TEXT_CHARS,
    maxItems: config.WORKER_CLUSTER_MAX_ITEMS,
  };
}

/** The clusterer runs one statement at a time: its thread's own PostgreSQL pool needs no more. */
const CLUSTERER_POSTGRES_CONNECTIONS = 1;

/**
 * The clustering stage for `config`: in a thread with its own connection, so the rule's CPU runs
 * beside the polls; in this thread only for an in-memory SQLite database, which no second
 * connection can open.
 */
export function createClusterStage(
  config: WorkerConfig,
  db: NewsfeedDb,
  logger: Logger,
  metrics: WorkerMetrics,
  holder: string,
): ClusterStage {
  const settings = clustererSettings(config);
  const location = parseDatabaseUrl(config.DATABASE_URL);
  if (location.engine === 'sqlite' && location.path === ':memory:')
    return new Clusterer(db, settings, logger, metricsEvents(metrics), holder);
  return new ClustererThread({
    data: {
      databaseUrl: config.DATABASE_URL,
      sqliteCacheMib: config.WORKER_SQLITE_CACHE_MB,
      postgresPoolSize: CLUSTERER_POSTGRES_CONNECTIONS,
      settings,
      holder,
    },
    db,
    heapMb: config.WORKER_CLUSTER_HEAP_MB,
    logger,
    metrics,
    restartDelayMs: config.WORKER_CLUSTER_IDLE_MS,
  });
}
