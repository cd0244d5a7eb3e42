import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDb } from '@newsfeed/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CLI_SHUTDOWN_TIMEOUT_MS,
  CLI_TEST_TIMEOUT_MS,
  CLI_TIMEOUTS_ENV,
  logLines,
  MAIN,
  runCli,
  startCli,
  waitFor,
} from './helpers/cli.js';
import { hoursAgo, longText, rss, TEST_ENV } from './helpers/harness.js';
import { TestServer } from './helpers/test-server.js';

// The CLI as a process: `add`, `once`, `list`, `stats`, `run` with /metrics and /healthz, SIGTERM,
// and `kill -9` followed by a restart.

const server = new TestServer();
let dir: string;
let env: Record<string, string>;
let slowRelease: (() => void) | null = null;
/** While true, /slow answers only when the test calls slowRelease. */
let holdSlow = true;

const items = (prefix: string) =>
  [1, 2, 3].map((n) => ({
    title: `${prefix} story ${n}`,
    link: `https://${prefix}.example/${n}`,
    guid: `${prefix}-${n}`,
    description: longText(`${prefix}${n}`),
    pubDate: hoursAgo(n),
  }));

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const port = (probe.address() as { port: number }).port;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

async function countItems(): Promise<number> {
  const db = await createDb(env.DATABASE_URL);
  try {
    return (await db.stats()).items;
  } finally {
    await db.close();
  }
}

async function countItemsOf(feedId: number): Promise<number> {
  const db = await createDb(env.DATABASE_URL);
  try {
    return (await db.items.listByFeed(feedId, { limit: 100 })).items.length;
  } finally {
    await db.close();
  }
}

beforeAll(async () => {
  await server
    .route('/home/', (_, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(
        '<html><head><link rel="alternate" type="application/atom+xml" href="/home/feed"></head><body>hi</body></html>',
      );
    })
    .route('/home/feed', (_, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      res.end(rss(items('home'), { title: 'Home feed' }));
    })
    .route('/metrics-feed', (_, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      res.end(rss(items('metrics').slice(0, 2)));
    })
    .route('/slow', async (_, res) => {
      // Answers when the test says so: a poll is "in flight" until then.
      if (holdSlow) {
        await new Promise<void>((resolve) => {
          slowRelease = resolve;
          setTimeout(resolve, 3000);
        });
      }
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      res.end(rss(items('slow')));
    })
    .start();
  dir = mkdtempSync(join(tmpdir(), 'newsfeed-cli-'));
  env = {
    ...TEST_ENV,
    ...CLI_TIMEOUTS_ENV,
    WORKER_ID: '',
    WORKER_FULL_TEXT: 'off',
    DATABASE_URL: `file:${join(dir, 'cli.db')}`,
    LOG_LEVEL: 'info',
  };
}, 30_000);

afterAll(async () => {
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
});

// Each CLI start loads the parser (jsdom, readability): generous bounds for a loaded machine (CLI_*).
describe.skipIf(!existsSync(MAIN))('newsfeed-worker CLI', { timeout: CLI_TEST_TIMEOUT_MS }, () => {
  it('explains its usage on a wrong command', async () => {
    const result = await runCli(['frobnicate'], env);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/Unknown command "frobnicate"[\s\S]*once/);
  });

  it('rejects a bad setting naming the variable', async () => {
    const result = await runCli(['stats'], { ...env, WORKER_CONCURRENCY: 'lots' });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/WORKER_CONCURRENCY/);
  });

  it('adds a site URL, whose feed `once` discovers and polls, lists it and counts it', async () => {
    const added = await runCli(['add', server.url('/home/')], env);
    expect(added.stderr).toBe('');
    expect(added.code).toBe(0);
    expect(added.stdout).toContain(`added: #1 ${server.url('/home/')}`);

    const once = await runCli(['once'], env);
    expect(once.code).toBe(0);
    // Not a terminal: plain progress lines, then a summary.
    expect(once.stderr).toMatch(/polling: 1\/1 \(100%\)/);
    expect(once.stderr).toMatch(/1 feeds: 1 updated.*3 new items/);
    const polled = logLines(once.stdout).find((line) => line.msg === 'polled')!;
    // The poll is logged under the address subscribed; the feed its page advertises replaces it.
    expect(polled).toMatchObject({
      feed_id: 1,
      url: server.url('/home/'),
      status: 200,
      outcome: 'updated',
      items_new: 3,
    });
    expect(typeof polled.duration_ms).toBe('number');
    expect(typeof polled.next_poll_at).toBe('string');

    const list = await runCli(['list'], env);
    // Which database is open, so an empty list from the wrong file is told apart from no feeds.
    expect(list.stdout).toContain(`database: SQLite ${join(dir, 'cli.db')}`);
    expect(list.stdout).toMatch(
      /1 {2}http:\/\/127\.0\.0\.1:\d+\/home\/feed {2}items=3 {2}next=\S+ {2}ok {2}"Home feed"\n/,
    );
    const stats = JSON.parse((await runCli(['stats'], env)).stdout);
    expect(stats).toMatchObject({
      database: `SQLite ${join(dir, 'cli.db')}`,
      feeds: 1,
      items: 3,
      feedsDue: 0,
    });
    expect(stats.stories).toBeGreaterThanOrEqual(1);
  });

  it('`run` serves /healthz and /metrics, and SIGTERM lets the in-flight poll finish, then exits 0', async () => {
    const port = await freePort();
    const db = await createDb(env.DATABASE_URL);
    const slow = await db.feeds.add({ url: server.url('/slow') });
    await db.close();
    const run = startCli(['run'], {
      ...env,
      WORKER_METRICS_PORT: String(port),
      WORKER_POLL_INTERVAL_MS: '200',
    });
    const health = await waitFor(async () => {
      const response = await fetch(`http://127.0.0.1:${port}/healthz`);
      return response.status === 200 ? response.text() : null;
    });
    expect(health).toBe('ok\n');
    await waitFor(async () => (slowRelease ? true : null));
    run.child.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 100));
    slowRelease!();
    const started = Date.now();
    const result = await run.done;
    expect(result.code).toBe(0);
    // It exited once the poll was done, not when the drain's bound ran out (that would also have aborted the poll).
    expect(Date.now() - started).toBeLessThan(CLI_SHUTDOWN_TIMEOUT_MS);
    const lines = logLines(result.stdout);
    expect(lines.some((line) => line.msg === 'stopping' && line.signal === 'SIGTERM')).toBe(true);
    expect(lines.find((line) => line.msg === 'polled' && line.feed_id === slow.id)).toMatchObject({
      items_new: 3,
    });
    expect(lines.at(-1)).toMatchObject({ msg: 'worker stopped' });
    const after = await createDb(env.DATABASE_URL);
    const feed = await after.feeds.get(slow.id);
    await after.close();
    expect(feed).toMatchObject({ leaseOwner: null, errorCount: 0 });
    expect(feed!.lastSuccessAt).not.toBeNull();
  });

  it('exposes Prometheus metrics while running: polls by outcome, items ingested, fetch latency, backlog', async () => {
    const port = await freePort();
    const db = await createDb(env.DATABASE_URL);
    const fresh = await db.feeds.add({ url: server.url('/metrics-feed') });
    await db.close();
    const run = startCli(['run'], {
      ...env,
      WORKER_METRICS_PORT: String(port),
      WORKER_POLL_INTERVAL_MS: '200',
    });
    // Until the new feed's poll shows up in the counters.
    const metrics = await waitFor(async () => {
      const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
      return /newsfeed_worker_items_ingested_total\{status="new"\} [1-9]/.test(text) ? text : null;
    });
    run.child.kill('SIGINT');
    expect((await run.done).code).toBe(0);
    expect(metrics).toContain('# TYPE newsfeed_worker_polls_total counter');
    expect(metrics).toMatch(/newsfeed_worker_polls_total\{outcome="updated"\} [1-9]/);
    expect(metrics).toMatch(/newsfeed_worker_items_ingested_total\{status="new"\} 2/);
    expect(metrics).toContain('# TYPE newsfeed_worker_fetch_duration_seconds histogram');
    expect(metrics).toMatch(/newsfeed_worker_fetch_duration_seconds_count [1-9]/);
    expect(metrics).toMatch(/newsfeed_worker_due_feeds \d+/);
    expect(await countItemsOf(fresh.id)).toBe(2);
  });

  it('loses and duplicates nothing when killed with SIGKILL mid-poll', async () => {
    const db = await createDb(env.DATABASE_URL);
    const slowId = (await db.feeds.getByUrl(server.url('/slow')))!.id;
    await db.feeds.update(slowId, { nextPollAt: new Date(Date.now() - 1000).toISOString() });
    await db.close();
    const itemsBefore = await countItems();
    slowRelease = null;
    const run = startCli(['run'], { ...env, WORKER_LEASE_SECONDS: '1' });
    await waitFor(async () => (slowRelease ? true : null));
    run.child.kill('SIGKILL');
    expect((await run.done).signal).toBe('SIGKILL');
    holdSlow = false;
    slowRelease!();
    expect(await countItems()).toBe(itemsBefore);
    // The lease expires; the next worker finds a claim that ended with its worker gone and sets
    // the feed aside (crashed-poll.test.ts); once due again it is polled and stores nothing twice.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const setAside = await runCli(['once'], { ...env, WORKER_LEASE_SECONDS: '1' });
    expect(setAside.code).toBe(0);
    expect(logLines(setAside.stdout).find((line) => line.feed_id === slowId)).toMatchObject({
      msg: 'feed crashed the worker before',
      outcome: 'failed',
    });
    const due = await createDb(env.DATABASE_URL);
    await due.feeds.update(slowId, { nextPollAt: new Date(Date.now() - 1000).toISOString() });
    await due.close();
    const once = await runCli(['once'], { ...env, WORKER_LEASE_SECONDS: '1' });
    expect(once.code).toBe(0);
    expect(
      logLines(once.stdout).find((line) => line.msg === 'polled' && line.feed_id === slowId),
    ).toMatchObject({
      outcome: 'updated',
      items_new: 0,
    });
    expect(await countItems()).toBe(itemsBefore);
  });
});
