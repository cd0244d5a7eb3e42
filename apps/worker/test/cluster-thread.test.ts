import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { createDb, type Db, type ItemInput } from '@newsfeed/db';
import { afterEach, describe, expect, it } from 'vitest';
import { ClustererThread } from '../src/cluster/clusterer-thread-host.js';
import { loadWorkerConfig } from '../src/env.js';
import { createLogger } from '../src/observe/logger.js';
import { createRuntime, type Runtime } from '../src/runtime.js';
import { waitFor } from './helpers/cli.js';
import { TEST_ENV } from './helpers/harness.js';
import { itemInput } from './helpers/item-input.js';

// The clustering stage in its own thread: a batch past its time budget is written as far as it got
// (a warning in the log and on /metrics) and the queue still drains to the same stories; a thread
// that dies is started again, counted, and goes on where it was.

/** Words every title draws from: every item shares terms with many stories (full candidate sets). */
const VOCABULARY =
  'harbour strike talks budget vote council river flood bridge school teachers union minister court ruling appeal'.split(
    ' ',
  );

/** A deterministic pathological batch: `count` items of one feed whose titles all overlap. */
function overlappingItems(count: number): ItemInput[] {
  return Array.from({ length: count }, (_, index) => {
    const words = Array.from({ length: 6 }, (_, slot) => VOCABULARY[(index * (slot + 3) + slot * 5) % 16]!);
    const key = `item-${index}`;
    return itemInput(key, {
      url: `https://one.example/${key}`,
      title: `${words.join(' ')} ${index % 7}`,
      publishedAt: new Date(Date.now() - 3_600_000 + index * 1000).toISOString(),
    });
  });
}

/** Each story as the sorted keys of its items. */
async function stories(db: Db, feedId: number): Promise<string[]> {
  const members = new Map<number, string[]>();
  for (const row of (await db.items.listByFeed(feedId, { limit: 1000 })).items) {
    if (row.storyId === null) throw new Error(`${row.key} has no story`);
    members.set(row.storyId, [...(members.get(row.storyId) ?? []), row.key]);
  }
  return [...members.values()].map((keys) => keys.sort().join(' ')).sort();
}

interface Stage {
  db: Db;
  runtime: Runtime;
  feedId: number;
  logLines: string[];
}

const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function stage(env: Record<string, string>): Promise<Stage> {
  const dir = mkdtempSync(join(tmpdir(), 'newsfeed-cluster-thread-'));
  const url = `file:${join(dir, 'test.db')}`;
  const db = await createDb(url);
  const logLines: string[] = [];
  const logger = createLogger(
    'warn',
    new Writable({
      write(chunk, _encoding, done) {
        logLines.push(...String(chunk).trim().split('\n'));
        done();
      },
    }),
  );
  const runtime = await createRuntime(
    loadWorkerConfig({ ...TEST_ENV, DATABASE_URL: url, ...env }),
    logger,
    db,
  );
  cleanups.push(async () => {
    await runtime.close();
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const feed = await db.feeds.add({ url: 'https://one.example/rss', nextPollAt: '2100-01-01T00:00:00Z' });
  return { db, runtime, feedId: feed.id, logLines };
}

describe('the clusterer thread', () => {
  it('runs the clusterer beside this thread, with a connection of its own', async () => {
    const { runtime } = await stage({});
    expect(runtime.clusterer).toBeInstanceOf(ClustererThread);
  });

  it('writes a batch past its time budget as far as it got, warns, and still drains to the same stories', async () => {
    const items = overlappingItems(600);
    const unbounded = await stage({ WORKER_CLUSTER_BATCH_BUDGET_MS: '600000' });
    await unbounded.db.items.ingest(unbounded.feedId, items);
    await unbounded.runtime.clusterer.runUntilDrained();
    expect(unbounded.runtime.metrics.clusterBudgetOverruns.get()).toBe(0);

    // 1 ms: no batch of 500 such items is placed that fast, so every batch is cut.
    const budgeted = await stage({ WORKER_CLUSTER_BATCH_BUDGET_MS: '1' });
    await budgeted.db.items.ingest(budgeted.feedId, items);
    await budgeted.runtime.clusterer.runUntilDrained();
    expect(await budgeted.db.clustering.queued(1)).toEqual([]);
    expect(budgeted.runtime.clusterer.stats.placed).toBe(items.length);
    expect(budgeted.runtime.clusterer.stats.batches).toBeGreaterThan(2);
    expect(budgeted.runtime.metrics.clusterBudgetOverruns.get()).toBeGreaterThan(0);
    expect(budgeted.runtime.metrics.render()).toMatch(/newsfeed_worker_cluster_budget_overruns_total [1-9]/);
    const warnings = budgeted.logLines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(warnings.find((line) => line.msg === 'clusterer batch over its time budget')).toMatchObject({
      level: 'warn',
      budgetMs: 1,
    });
    // Where an admin sees the worker's warnings.
    expect((await budgeted.db.clusterWarnings.recent(1))[0]).toMatchObject({ kind: 'batch-budget' });
    expect(await unbounded.db.clusterWarnings.recent(1)).toEqual([]);
    expect(await stories(budgeted.db, budgeted.feedId)).toEqual(
      await stories(unbounded.db, unbounded.feedId),
    );
  });

  it('starts a thread that died again, counts it, and goes on clustering', async () => {
    const { db, runtime, feedId, logLines } = await stage({ WORKER_CLUSTER_IDLE_MS: '100' });
    const clusterer = runtime.clusterer as ClustererThread;
    const running = clusterer.run();
    const items = overlappingItems(40);
    await db.items.ingest(feedId, items.slice(0, 20));
    await waitFor(async () => (await db.clustering.newestQueued()) === null);
    const first = clusterer.thread!;
    await first.terminate();
    await db.items.ingest(feedId, items.slice(20));
    await waitFor(async () => (await db.clustering.newestQueued()) === null);
    expect(clusterer.thread).not.toBe(first);
    expect(runtime.metrics.clusterThreadRestarts.get()).toBe(1);
    expect(logLines.some((line) => line.includes('clusterer thread died'))).toBe(true);
    expect((await db.clusterWarnings.recent(1))[0]).toMatchObject({ kind: 'thread-died' });
    clusterer.stop();
    await running;
    expect((await stories(db, feedId)).join(' ').split(' ').sort()).toEqual(
      items.map((item) => item.key).sort(),
    );
  });
});
