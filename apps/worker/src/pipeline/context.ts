import type { Db } from '@newsfeed/db';
import type { HttpClient } from '../fetch/http-client.js';
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
  fullText: FullTextFetcher | null;
  logger: Logger;
  metrics: WorkerMetrics;
  workerId: string;
  limits: ScheduleLimits;
  maxConsecutiveFailures: number;
  /** Zone of feed dates written without one (WORKER_FEED_TIME_ZONE; `local` is this machine's). */
  feedTimeZone: string;
  now: () => Date;
  random: () => number;
}
