import { z } from 'zod';
import { isTimeZone } from './deps/parser.js';

const milliseconds = (fallback: number) => z.coerce.number().int().positive().default(fallback);
const seconds = (fallback: number) => z.coerce.number().int().positive().default(fallback);
const count = (fallback: number) => z.coerce.number().int().positive().default(fallback);
const list = z
  .string()
  .default('')
  .transform((value) =>
    value
      .split(',')
      .map((entry) => entry.trim())
      .filter((entry) => entry !== ''),
  );

// The worker's whole configuration: every option, its default and what it means. Nothing else in
// the worker reads process.env; the README's configuration table is checked against this list
// (test/readme-config.test.ts).
export const WORKER_OPTIONS = {
  DATABASE_URL: {
    schema: z.string().default('file:./data/newsfeed.db'),
    description:
      'Where to store feeds and items: `file:PATH` (SQLite; a relative path is read against the repository root, wherever the command starts) or `postgres://…` (PostgreSQL).',
  },
  WORKER_POLL_INTERVAL_MS: {
    schema: milliseconds(5_000),
    description: 'How often the `run` loop looks for due feeds, in milliseconds.',
  },
  WORKER_SEED_OPML: {
    schema: z.string().default('default-feeds.opml'),
    description:
      'OPML file subscribed when the database has no feeds at start (relative paths against apps/worker); `none` disables.',
  },
  WORKER_ALLOWED_ADDRESSES: {
    schema: list,
    description:
      'Comma-separated IPs, CIDRs or host names the SSRF guard lets through although private or loopback (e.g. `127.0.0.1`); `host:port` (`[::1]:8080`) opens only that port, a plain entry every port.',
  },
  WORKER_METRICS_PORT: {
    schema: z.coerce.number().int().min(0).max(65_535).default(9464),
    description: 'Port of the `/metrics` (Prometheus) and `/healthz` endpoints of `run`; 0 turns them off.',
  },
  WORKER_METRICS_HOST: {
    schema: z.string().default('127.0.0.1'),
    description: 'Address the metrics endpoint listens on.',
  },
  WORKER_SQLITE_CACHE_MB: {
    schema: count(16),
    description:
      'SQLite page cache of the worker’s connection (MiB). It fills up to this size as polls touch items and stories across the file, so it is a floor of the worker’s memory; a database of millions of items writes faster with a larger one (bench/RESULTS.md).',
  },
  WORKER_POSTGRES_POOL_SIZE: {
    schema: count(10),
    description:
      'PostgreSQL connections of the worker process (ignored for SQLite). Each feed being polled holds one only for its short statements and its item transaction.',
  },
  WORKER_POSTGRES_ASYNC_COMMIT: {
    schema: z
      .enum(['on', 'off', 'true', 'false', '1', '0'])
      .default('on')
      .transform((value) => ['on', 'true', '1'].includes(value)),
    description:
      'PostgreSQL: a poll’s items commit without waiting for the server to flush its log to disk (`on`/`off`; ignored for SQLite). A server crash can lose the last fraction of a second of polls, whose feeds are then polled again; reader and admin writes always wait.',
  },
  WORKER_CONCURRENCY: {
    schema: count(16),
    description: 'Feeds (and article pages) fetched at the same time, in total.',
  },
  WORKER_PER_HOST_CONCURRENCY: {
    schema: count(2),
    description: 'Requests to one host at the same time (politeness).',
  },
  WORKER_BATCH_SIZE: {
    schema: count(100),
    description: 'Feeds claimed per query; also the most feeds of one host in one claim is this ÷ 10 (≥ 1).',
  },
  WORKER_LEASE_SECONDS: {
    schema: seconds(300),
    description: 'How long a claimed feed stays leased; a crashed worker’s feeds are polled again after it.',
  },
  WORKER_CONNECT_TIMEOUT_MS: {
    schema: milliseconds(10_000),
    description: 'Time allowed to resolve and connect to a server.',
  },
  WORKER_REQUEST_TIMEOUT_MS: {
    schema: milliseconds(30_000),
    description: 'Time allowed for a whole request, body included (a trickling server is cut off).',
  },
  WORKER_MAX_BODY_BYTES: {
    schema: count(10 * 1024 * 1024),
    description:
      'Largest body read, after decompression; larger ones are aborted mid-stream (gzip bombs too).',
  },
  WORKER_MAX_REDIRECTS: {
    schema: z.coerce.number().int().min(0).default(5),
    description: 'Redirects followed per request.',
  },
  WORKER_USER_AGENT: {
    schema: z.string().min(1).default('Newsfeed/0.1 (+https://github.com/newsfeed/newsfeed)'),
    description: 'The User-Agent header sent with every request.',
  },
  WORKER_MIN_INTERVAL_SECONDS: {
    schema: seconds(300),
    description: 'Shortest time between two polls of a feed.',
  },
  WORKER_MAX_INTERVAL_SECONDS: {
    schema: seconds(86_400),
    description: 'Longest time between two polls of a feed (also the cap of the error backoff).',
  },
  WORKER_MAX_CONSECUTIVE_FAILURES: {
    schema: count(10),
    description: 'Consecutive failed polls after which a feed is disabled with its last error as the reason.',
  },
  WORKER_MAX_CRASHES: {
    schema: count(3),
    description:
      'Polls of a feed in a row that ended with the worker gone (out of memory, killed) after which the feed is disabled; each one is recorded as its error and backs it off.',
  },
  WORKER_PARSE_THREADS: {
    schema: count(2),
    description:
      'Threads that parse feeds and extract article pages, each with its own heap: a feed or page that exhausts it kills its thread (replaced), not the worker.',
  },
  WORKER_PARSE_HEAP_MB: {
    schema: count(96),
    description:
      'Heap of each parse thread (MiB, V8 old generation); a feed or page needing more is recorded as that feed’s or item’s error.',
  },
  WORKER_PARSE_TIMEOUT_MS: {
    schema: milliseconds(15_000),
    description:
      'Longest one feed parse or page extraction may run before its thread is terminated and the feed or item records a timeout.',
  },
  WORKER_PARSE_MAX_EXPANSION: {
    schema: count(4),
    description:
      'A parsed feed or page holding more characters of text than this many times its body’s bytes (at least 1 MiB) is refused as that feed’s or item’s error (entity expansion).',
  },
  WORKER_FULL_TEXT: {
    schema: z
      .enum(['on', 'off', 'true', 'false', '1', '0'])
      .default('on')
      .transform((value) => ['on', 'true', '1'].includes(value)),
    description: 'Fetch the article page of items whose feed content is missing or truncated (`on`/`off`).',
  },
  WORKER_FULL_TEXT_PER_POLL: {
    schema: count(50),
    description:
      'Article pages one poll of a feed may fetch; items beyond it keep their feed text and get their page on later polls.',
  },
  WORKER_FULL_TEXT_PER_HOST: {
    schema: count(25),
    description:
      'Article pages one poll of a feed may fetch from one host (host and port); the rest wait for later polls.',
  },
  WORKER_FULL_TEXT_CACHE_SIZE: {
    schema: count(5_000),
    description: 'Article URLs remembered so each page is fetched once.',
  },
  WORKER_FULL_TEXT_CACHE_MB: {
    schema: count(32),
    description:
      'Most memory the remembered article texts may hold (MiB); the oldest are forgotten first, whatever WORKER_FULL_TEXT_CACHE_SIZE says.',
  },
  WORKER_FEED_TIME_ZONE: {
    schema: z
      .string()
      .trim()
      .default('local')
      .refine((value) => value === 'local' || isTimeZone(value), {
        message: 'expected `local`, an IANA zone (e.g. Europe/Berlin) or an offset (e.g. +02:00)',
      }),
    description:
      'Zone of feed dates written without one, when the feed’s other dates show none: `local` (this machine’s zone, from `TZ`), an IANA name (`Europe/Berlin`) or an offset (`+02:00`). A date still in the future after that is stored as the fetch time.',
  },
  WORKER_CLUSTER_WINDOW_HOURS: {
    schema: count(72),
    description: 'Only items first seen within this many hours are candidates for the same story.',
  },
  WORKER_CLUSTER_LEASE_SECONDS: {
    schema: seconds(60),
    description:
      'How long the clusterer lease (one clusterer per database) lasts without renewal; another process takes over a crashed holder’s after it.',
  },
  WORKER_CLUSTER_BATCH_SIZE: {
    schema: count(500),
    description: 'Queued items the clusterer places and writes per transaction.',
  },
  WORKER_CLUSTER_BATCH_BUDGET_MS: {
    schema: milliseconds(2_000),
    description:
      'A clusterer batch still placing items after this long is written as far as it got, with a warning; the rest waits for the next batch (ms).',
  },
  WORKER_CLUSTER_HEAP_MB: {
    schema: count(256),
    description:
      'Old-generation heap of the clusterer’s thread (MiB): its candidate index (WORKER_CLUSTER_MAX_ITEMS) lives there, beside the polling thread’s.',
  },
  WORKER_CLUSTER_TEXT_CHARS: {
    schema: count(1_000),
    description:
      'Characters of each item’s text the clusterer reads and keeps in memory for its window, within its thread’s heap (WORKER_CLUSTER_HEAP_MB).',
  },
  WORKER_CLUSTER_MAX_ITEMS: {
    schema: count(20_000),
    description:
      'Most items the clusterer keeps in its in-memory candidate index; past it the oldest are forgotten first, even within WORKER_CLUSTER_WINDOW_HOURS.',
  },
  WORKER_CLUSTER_IDLE_MS: {
    schema: milliseconds(1_000),
    description:
      'How often the clusterer looks at an empty queue, and a process without the clusterer lease tries to take it (ms).',
  },
  WORKER_RETENTION_DAYS: {
    schema: z.coerce.number().int().min(0).default(90),
    description: 'Items older than this are deleted (their keys tombstoned) by `run`; 0 keeps everything.',
  },
  WORKER_SHUTDOWN_TIMEOUT_MS: {
    schema: milliseconds(10_000),
    description: 'On SIGTERM/SIGINT, how long in-flight polls may finish before their leases are released.',
  },
  WORKER_ID: {
    schema: z.string().default(''),
    description: 'Name of this worker in leases; empty means host name and process id.',
  },
  LOG_LEVEL: {
    schema: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    description: 'Lowest level of the JSON log lines written to stdout.',
  },
} as const;

type Options = typeof WORKER_OPTIONS;
export type WorkerConfig = { [K in keyof Options]: z.output<Options[K]['schema']> };

export class ConfigError extends Error {
  readonly code = 'INVALID_CONFIG';
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** Validates the environment; a bad value names the variable and what is wrong with it. */
export function loadWorkerConfig(env: Record<string, string | undefined> = process.env): WorkerConfig {
  const config: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [name, option] of Object.entries(WORKER_OPTIONS)) {
    const raw = env[name] === '' ? undefined : env[name];
    const result = option.schema.safeParse(raw);
    if (result.success) config[name] = result.data;
    else
      problems.push(
        `${name}=${JSON.stringify(raw)}: ${result.error.issues.map((issue) => issue.message).join('; ')}`,
      );
  }
  const parsed = config as WorkerConfig;
  if (problems.length === 0 && parsed.WORKER_MIN_INTERVAL_SECONDS > parsed.WORKER_MAX_INTERVAL_SECONDS) {
    problems.push('WORKER_MIN_INTERVAL_SECONDS must not exceed WORKER_MAX_INTERVAL_SECONDS');
  }
  if (problems.length > 0) throw new ConfigError(`Invalid worker configuration:\n  ${problems.join('\n  ')}`);
  return parsed;
}

/** The default of every option, as the README shows it. */
export function defaultWorkerConfig(): WorkerConfig {
  return loadWorkerConfig({});
}

/** How a default is written in the environment (and in the README's table). */
function asEnvValue(value: unknown): string {
  if (Array.isArray(value)) return value.join(',');
  if (typeof value === 'boolean') return value ? 'on' : 'off';
  return String(value);
}

/** One row per option: name, default as an env value, description — the README's configuration table. */
export function describeWorkerOptions(): Array<{ name: string; defaultValue: string; description: string }> {
  const defaults = defaultWorkerConfig() as Record<string, unknown>;
  return Object.entries(WORKER_OPTIONS).map(([name, option]) => ({
    name,
    defaultValue: asEnvValue(defaults[name]),
    description: option.description,
  }));
}
