// Where the worker's ingest path spends its time on a seeded SQLite database: each statement by its
// SQL, the rest of the main thread, GC pauses and the whole process's CPU, each as a share of the
// time per item that the ingest goal (GOAL_ITEMS_PER_SECOND) allows.
//
//   npx tsx bench/ingest-profile.ts --db-file bench/out/web-1000000.db --feeds 10000 \
//                                   [--items 6000] [--warmup-items 1000] [--in-flight 16] [--src DIR]
//
// Works on a copy of the database (deleted at the end). --src profiles another copy of the database
// layer's source. Results: stdout and bench/out/ingest-profile.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { PerformanceObserver } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import type { Db } from '@newsfeed/db';
import { REPO_ROOT } from './lib/corpus-dir.js';
import { copySqliteDatabase } from './lib/sqlite-copy.js';
import { timeStatements } from './lib/statement-timer.js';
import { continueSeededCorpus, ingestPolls, type SyntheticPoll, takePolls } from './lib/synthetic-corpus.js';

const { values: args } = parseArgs({
  options: {
    'db-file': { type: 'string' },
    feeds: { type: 'string', default: '10000' },
    items: { type: 'string', default: '6000' },
    'warmup-items': { type: 'string', default: '1000' },
    'in-flight': { type: 'string', default: '16' },
    src: { type: 'string', default: path.join(REPO_ROOT, 'packages/db/src') },
    top: { type: 'string', default: '20' },
  },
});
if (!args['db-file'])
  throw new Error('usage: bench/ingest-profile.ts --db-file FILE.db [--feeds N] [--items N]');
const SOURCE = path.resolve(args['db-file']);
const SOURCE_DIR = path.resolve(args.src);
const ITEMS = Number(args.items);
const WARMUP_ITEMS = Number(args['warmup-items']);
const IN_FLIGHT = Number(args['in-flight']);

/** Issue #5's ingest goal, the baseline every part is compared with. */
const GOAL_ITEMS_PER_SECOND = 2_000;
const GOAL_US_PER_ITEM = 1_000_000 / GOAL_ITEMS_PER_SECOND;
/** Statement texts are grouped by their start: enough to tell them apart, short enough to print. */
const STATEMENT_LABEL_CHARS = 90;

// The layer under test's statements (its own better-sqlite3), timed while the measured polls run.
const timer = timeStatements(path.join(SOURCE_DIR, 'index.ts'), STATEMENT_LABEL_CHARS);
const { statements } = timer;

// Garbage-collection pauses of the main thread, kept by start time: the observer reports them later.
const pauses: { startTime: number; duration: number }[] = [];
const gcObserver = new PerformanceObserver((list) => pauses.push(...list.getEntries()));
gcObserver.observe({ entryTypes: ['gc'] });

const copy = copySqliteDatabase(SOURCE, 'ingest-profile');
const { createDb } = (await import(path.join(SOURCE_DIR, 'index.ts'))) as {
  createDb(url: string): Promise<Db>;
};
const db = await createDb(copy.url);
try {
  const { existing, feedIds, polls } = await continueSeededCorpus(
    db,
    Number(args.feeds),
    WARMUP_ITEMS + ITEMS,
  );
  const ingest = (batch: SyntheticPoll[]) =>
    ingestPolls(db as never, feedIds, batch[Symbol.iterator](), {
      items: Number.POSITIVE_INFINITY,
      pollsInFlight: IN_FLIGHT,
    });
  // The first polls after opening read cold pages and fill the lookup's lists: not the steady state.
  await ingest(takePolls(polls, WARMUP_ITEMS));
  const measured = takePolls(polls, ITEMS);

  timer.on = true;
  const from = performance.now();
  const cpuFrom = process.cpuUsage();
  const result = await ingest(measured);
  const cpu = process.cpuUsage(cpuFrom);
  const to = performance.now();
  timer.on = false;
  await new Promise((resolve) => setTimeout(resolve, 100)); // the GC observer's last entries

  const perItem = (ms: number) => Math.round((ms * 1000) / result.items);
  const sqlMs = [...statements.values()].reduce((sum, entry) => sum + entry.ms, 0);
  const gcMs = pauses
    .filter((pause) => pause.startTime >= from && pause.startTime <= to)
    .reduce((sum, pause) => sum + pause.duration, 0);
  const cores = availableParallelism();
  const wallUs = perItem(result.ingestMs);
  const cpuUs = perItem((cpu.user + cpu.system) / 1000);
  const share = (us: number, budget = GOAL_US_PER_ITEM) => Math.round((us / budget) * 100) / 100;
  const summary = {
    database: SOURCE,
    existingItems: existing,
    items: result.items,
    inFlight: IN_FLIGHT,
    itemsPerSecond: Math.round((result.items * 1000) / result.ingestMs),
    baseline: `issue #5's goal, ${GOAL_ITEMS_PER_SECOND} items/s: ${GOAL_US_PER_ITEM} µs per item on one thread, ${cores * GOAL_US_PER_ITEM} CPU-µs per item on ${cores} cores`,
    perItemUs: {
      wall: wallUs,
      sqlite: perItem(sqlMs),
      otherMainThread: wallUs - perItem(sqlMs),
      gcPauses: perItem(gcMs),
      processCpu: cpuUs,
      processCpuSystem: perItem(cpu.system / 1000),
    },
    ratioToGoalBudget: {
      wall: share(wallUs),
      sqlite: share(perItem(sqlMs)),
      otherMainThread: share(wallUs - perItem(sqlMs)),
      processCpuOnAllCores: share(cpuUs, cores * GOAL_US_PER_ITEM),
    },
    statements: [...statements]
      .sort((a, b) => b[1].ms - a[1].ms)
      .slice(0, Number(args.top))
      .map(([sql, entry]) => ({ usPerItem: perItem(entry.ms), calls: entry.calls, sql })),
  };
  console.log(
    `${summary.itemsPerSecond} items/s; per item: ${wallUs} µs wall = ${summary.perItemUs.sqlite} in SQLite + ` +
      `${summary.perItemUs.otherMainThread} else (GC pauses ${summary.perItemUs.gcPauses}); ` +
      `process CPU ${cpuUs} µs (${summary.perItemUs.processCpuSystem} system)`,
  );
  console.log(
    `against the goal's budget (${summary.baseline}): wall ${summary.ratioToGoalBudget.wall}×, ` +
      `SQLite alone ${summary.ratioToGoalBudget.sqlite}×, CPU on all cores ${summary.ratioToGoalBudget.processCpuOnAllCores}×`,
  );
  for (const { usPerItem, calls, sql } of summary.statements)
    console.log(`${String(usPerItem).padStart(6)} µs/item ${String(calls).padStart(7)} calls  ${sql}`);
  mkdirSync(path.join(REPO_ROOT, 'bench/out'), { recursive: true });
  writeFileSync(
    path.join(REPO_ROOT, 'bench/out/ingest-profile.json'),
    `${JSON.stringify(summary, null, 2)}\n`,
  );
} finally {
  gcObserver.disconnect();
  await db.close();
  copy.remove();
}
