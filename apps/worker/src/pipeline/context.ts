import type { Db } from '@newsfeed/db';
import type { HttpClient } from '../fetch/http-client.js';
import type { ParsePool } from '../isolate/parse-pool.js';
import type { Logger } from '../observe/logger.js';
import type { WorkerMetrics } from '../observe/metrics.js';
import type { ScheduleLimits } from '../schedule/interval.js';
import type { FullTextFetcher } from './full-text.js';
import type { UnchangedPollWriter } from './unchanged-polls.js';

/** What every stage of a poll may use; built once per process (see worker.ts). */
export interface PollContext {
  db: Db;
  /** Where polls that changed nothing (304) record their schedule, batched. */
  unchangedPolls: UnchangedPollWriter;
  http: HttpClient;
  /** Parses feeds (and extracts pages) in threads with their own heap and time limits. */
  parsers: ParsePool;
  fullText: FullTextFetcher | null;
  /** Article pages one poll may fetch, in all and per host (WORKER_FULL_TEXT_PER_POLL, _PER_HOST). */
  fullTextPerPoll: number;
  fullTextPerHost: number;
  logger: Logger;
  metrics: WorkerMetrics;
  workerId: string;
  limits: ScheduleLimits;
  maxConsecutiveFailures: number;
  /** Crashed claims in a row after which a feed is disabled (WORKER_MAX_CRASHES). */
  maxCrashes: number;
  /** Zone of feed dates written without one (WORKER_FEED_TIME_ZONE; `local` is this machine's). */
  feedTimeZone: string;
  now: () => Date;
  random: () => number;
  /** Awaited before a poll writes new or changed items, which are queued for the clusterer (set by `once`). */
  beforeQueueing?: () => Promise<void>;
}
