import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDb, type Db, type Feed } from '@newsfeed/db';
import { loadWorkerConfig, type WorkerConfig } from '../../src/env.js';
import { silentLogger } from '../../src/observe/logger.js';
import { type PollOutcome, pollFeed } from '../../src/pipeline/poll-feed.js';
import { createRuntime, type Runtime } from '../../src/runtime.js';

/** Settings for tests: loopback allowed, short timeouts so hanging servers end fast. */
export const TEST_ENV: Record<string, string> = {
  WORKER_ALLOWED_ADDRESSES: '127.0.0.1',
  WORKER_CONNECT_TIMEOUT_MS: '1000',
  WORKER_REQUEST_TIMEOUT_MS: '1500',
  WORKER_MAX_BODY_BYTES: String(2 * 1024 * 1024),
  WORKER_MAX_REDIRECTS: '3',
  WORKER_METRICS_PORT: '0',
  WORKER_SEED_OPML: 'none',
  WORKER_MAX_CONSECUTIVE_FAILURES: '3',
  WORKER_SHUTDOWN_TIMEOUT_MS: '2000',
  WORKER_ID: 'test-worker',
  // Dates without a zone read as UTC whatever the machine's zone (the default, `local`, varies).
  WORKER_FEED_TIME_ZONE: 'UTC',
  // Each parse thread loads the parser again (seconds on a loaded machine); tests need one.
  WORKER_PARSE_THREADS: '1',
};

/**
 * Room above a timeout setting when a test checks that the timeout bounded an operation: on a 2-core
 * machine running other suites at once (load 10-20 in CI) timers fire and processes run seconds late.
 */
export const LOADED_MACHINE_SLACK_MS = 10_000;

export interface TestWorld {
  dir: string;
  dbUrl: string;
  db: Db;
  runtime: Runtime;
  config: WorkerConfig;
  /** Claims the feed (as the loop would) and polls it once. */
  poll(feed: Feed | number): Promise<PollOutcome>;
  /** Runs the clustering stage over everything queued (as `once` does after polling). */
  cluster(): Promise<void>;
  feed(id: number): Promise<Feed>;
  close(): Promise<void>;
}

/** A real SQLite file in a fresh directory and a worker runtime on it. */
export async function createWorld(env: Record<string, string> = {}): Promise<TestWorld> {
  const dir = mkdtempSync(join(tmpdir(), 'newsfeed-worker-'));
  const dbUrl = `file:${join(dir, 'test.db')}`;
  const config = loadWorkerConfig({ ...TEST_ENV, DATABASE_URL: dbUrl, ...env });
  const db = await createDb(dbUrl);
  const runtime = await createRuntime(config, silentLogger(), db);
  const world: TestWorld = {
    dir,
    dbUrl,
    db,
    runtime,
    config,
    async feed(id) {
      const feed = await db.feeds.get(id);
      if (!feed) throw new Error(`feed ${id} is gone`);
      return feed;
    },
    async poll(feedOrId) {
      const id = typeof feedOrId === 'number' ? feedOrId : feedOrId.id;
      // Make it due, then claim it like the loop does, so the lease rules apply.
      await db.feeds.update(id, { nextPollAt: new Date(Date.now() - 1000).toISOString() });
      const claimed = await db.feeds.claimDue(runtime.ctx.workerId, 1000, { leaseSeconds: 60 });
      const feed = claimed.find((candidate) => candidate.id === id);
      for (const other of claimed)
        if (other.id !== id) await db.feeds.releaseLease(other.id, runtime.ctx.workerId);
      if (!feed) throw new Error(`feed ${id} was not claimable`);
      return pollFeed(runtime.ctx, feed, new AbortController().signal);
    },
    async cluster() {
      await runtime.clusterer.runUntilDrained();
    },
    async close() {
      await runtime.close();
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return world;
}

/** Seconds from now until an ISO time. */
export function secondsUntil(iso: string | null | undefined): number {
  if (!iso) return Number.NaN;
  return (Date.parse(iso) - Date.now()) / 1000;
}

export interface RssItem {
  title: string;
  link?: string;
  guid?: string | null;
  description?: string;
  content?: string;
  pubDate?: string;
}

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A small RSS 2.0 document; `extra` goes inside <channel> (ttl, sy:updatePeriod…). */
export function rss(
  items: RssItem[],
  options: { title?: string; link?: string; extra?: string; encoding?: string } = {},
): string {
  const body = items
    .map((item) => {
      const parts = [`<title>${escapeXml(item.title)}</title>`];
      if (item.link) parts.push(`<link>${escapeXml(item.link)}</link>`);
      if (item.guid) parts.push(`<guid isPermaLink="false">${escapeXml(item.guid)}</guid>`);
      if (item.description !== undefined)
        parts.push(`<description>${escapeXml(item.description)}</description>`);
      if (item.content !== undefined)
        parts.push(`<content:encoded><![CDATA[${item.content}]]></content:encoded>`);
      if (item.pubDate) parts.push(`<pubDate>${item.pubDate}</pubDate>`);
      return `<item>${parts.join('')}</item>`;
    })
    .join('\n');
  return `<?xml version="1.0" encoding="${options.encoding ?? 'UTF-8'}"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:sy="http://purl.org/rss/1.0/modules/syndication/">
<channel><title>${escapeXml(options.title ?? 'Test feed')}</title><link>${escapeXml(options.link ?? 'https://example.org/')}</link><description>test</description>${options.extra ?? ''}
${body}
</channel></rss>`;
}

/** RFC 822 date `hours` ago. */
export function hoursAgo(hours: number): string {
  return new Date(Date.now() - hours * 3_600_000).toUTCString();
}

/** A paragraph of `words` distinct-ish words, so texts are long enough to count as full content. */
export function longText(seed: string, words = 120): string {
  return Array.from({ length: words }, (_, index) => `${seed}${index % 17} word${index}`).join(' ');
}
